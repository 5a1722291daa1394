"""Explore and Learn: what a learner browses and reads (the Cases page: test_cases.py)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from screener.app.explore import rule_key
from screener.models import Category
from screener.present.catalogue import association_rows, filter_syndromes
from screener.rulebook import RuleBook
from tests.app.conftest import open_page, page_text

CATEGORY_HEADINGS = frozenset(category.value.capitalize() for category in Category)


def _syndrome_expanders(app: AppTest) -> set[str]:
    return {
        e.label.replace("\\", "").rsplit(" — status: ", 1)[0]
        for e in app.expander
        if " — status: " in e.label
    }


def test_explore_lists_every_syndrome_until_filtered_by_category(
    app: AppTest, book: RuleBook
) -> None:
    open_page(app, "explore")
    assert _syndrome_expanders(app) == {s.name for s in book.syndromes}
    app.multiselect(key="explore.categories").set_value([Category.NEUROLOGIC]).run()
    assert _syndrome_expanders(app) == {
        s.name for s in (x for x in book.syndromes if x.category == Category.NEUROLOGIC)
    }
    assert CATEGORY_HEADINGS & {s.value for s in app.subheader} == {"Neurologic"}


def test_explore_filters_by_cancer_and_antibody(app: AppTest, book: RuleBook) -> None:
    open_page(app, "explore")
    app.selectbox(key="explore.cancer").set_value("sclc").run()
    linked = {s.name for s in filter_syndromes(book, cancer="sclc")}
    assert linked and _syndrome_expanders(app) == linked
    app.selectbox(key="explore.antibody").set_value("hu").run()
    both = {s.name for s in filter_syndromes(book, cancer="sclc", antibody="hu")}
    assert both and _syndrome_expanders(app) == both < linked


def test_explore_table_matches_the_filter_and_downloads_as_csv(
    app: AppTest, book: RuleBook, downloads: dict[str, dict[str, object]]
) -> None:
    open_page(app, "explore", "Cancer × syndrome links")
    app.multiselect(key="explore.categories").set_value([Category.ENDOCRINE]).run()
    expected = association_rows(
        book, [x for x in book.syndromes if x.category == Category.ENDOCRINE]
    )
    table = app.dataframe[0].value
    assert len(table) == len(expected)
    assert set(table["Category"]) == {"endocrine"}
    assert [b.label for b in app.get("download_button")] == ["Download this table as CSV"]
    made = downloads["Download this table as CSV"]
    csv = made["data"].decode("utf-8").splitlines()
    assert csv[0] == "Cancer,ICD-10,Syndrome,Category,Link,Rule status"
    assert len(csv) == len(expected) + 1
    assert made["file_name"] == "cancer-syndrome-associations.csv"


def test_explore_shows_a_rule_in_words_once_its_fold_is_opened(
    app: AppTest, book: RuleBook
) -> None:
    """A learner reads the rule they open; the others stay folded, and are not drawn."""
    open_page(app, "explore")
    assert "The pattern (criteria)" not in page_text(app)
    syndrome = book.syndrome_by_id["subacute_sensory_neuronopathy"]
    app.session_state[rule_key(syndrome.id)] = True
    app.run()
    text = page_text(app)
    assert text.count("The pattern (criteria)") == 1
    assert syndrome.summary.split()[0] in text
    assert "Anti-Hu" in text


def test_learn_shows_the_about_content_version_hash_and_every_reference(
    app: AppTest, book: RuleBook
) -> None:
    open_page(app, "learn")
    headers = [h.value.replace("\\", "") for h in app.header]
    for section in book.about.sections:
        assert section.heading in headers
    text = page_text(app)
    assert f"Version: {book.info.version}" in text.replace("*", "")
    assert "not yet reviewed by a clinician" in text
    assert book.content_hash in [c.value for c in app.code]
    for reference in book.references:
        # Brackets in an address are percent-encoded so they cannot end the Markdown link.
        assert reference.link.replace("(", "%28").replace(")", "%29") in text
