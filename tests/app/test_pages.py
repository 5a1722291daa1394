"""Explore, Cases and Learn: what a learner browses, practises and reads."""

from __future__ import annotations

import streamlit as st
from streamlit.testing.v1 import AppTest

from screener.models import Category
from screener.present.catalogue import association_rows, filter_syndromes
from screener.rulebook import RuleBook
from tests.app.conftest import (
    PAGES,
    assert_no_exception,
    button,
    card_titles,
    chips,
    page_text,
)


def _open(app: AppTest, page: str) -> AppTest:
    app.run()
    app.switch_page(PAGES[page]).run()
    assert_no_exception(app)
    return app


def _syndrome_expanders(app: AppTest) -> set[str]:
    return {
        e.label.replace("\\", "").rsplit(" — status: ", 1)[0]
        for e in app.expander
        if " — status: " in e.label
    }


def test_explore_lists_every_syndrome_until_filtered_by_category(
    app: AppTest, book: RuleBook
) -> None:
    _open(app, "explore")
    assert _syndrome_expanders(app) == {s.name for s in book.syndromes}
    app.multiselect(key="explore.categories").set_value([Category.NEUROLOGIC]).run()
    assert _syndrome_expanders(app) == {s.name for s in book.syndromes_in(Category.NEUROLOGIC)}
    assert "Neurologic" in [s.value for s in app.subheader]
    assert "Haematologic" not in [s.value for s in app.subheader]


def test_explore_filters_by_cancer_and_antibody(app: AppTest, book: RuleBook) -> None:
    _open(app, "explore")
    app.selectbox(key="explore.cancer").set_value("sclc").run()
    linked = {s.name for s in filter_syndromes(book, cancer="sclc")}
    assert linked and _syndrome_expanders(app) == linked
    app.selectbox(key="explore.antibody").set_value("hu").run()
    both = {s.name for s in filter_syndromes(book, cancer="sclc", antibody="hu")}
    assert both and _syndrome_expanders(app) == both < linked


def test_explore_table_matches_the_filter_and_downloads_as_csv(
    app: AppTest, book: RuleBook, monkeypatch
) -> None:
    made: dict[str, object] = {}
    original = st.download_button

    def spy(label, data, *args, **kwargs):
        made.update(label=label, data=data, **kwargs)
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    _open(app, "explore")
    app.multiselect(key="explore.categories").set_value([Category.ENDOCRINE]).run()
    expected = association_rows(book, list(book.syndromes_in(Category.ENDOCRINE)))
    table = app.dataframe[0].value
    assert len(table) == len(expected)
    assert set(table["Category"]) == {"endocrine"}
    assert [b.label for b in app.get("download_button")] == ["Download this table as CSV"]
    csv = made["data"].decode("utf-8").splitlines()
    assert csv[0] == "Cancer,ICD-10,Syndrome,Category,Link,Rule status"
    assert len(csv) == len(expected) + 1
    assert made["file_name"] == "cancer-syndrome-associations.csv"


def test_explore_shows_a_rule_in_words(app: AppTest, book: RuleBook) -> None:
    _open(app, "explore")
    syndrome = book.syndrome_by_id["subacute_sensory_neuronopathy"]
    text = page_text(app)
    assert "The pattern (criteria)" in text
    assert syndrome.summary.split()[0] in text
    assert "Anti-Hu" in text


def test_practice_reveals_the_answer_only_after_committing_and_keeps_score(
    app: AppTest, book: RuleBook
) -> None:
    _open(app, "cases")
    first, second = book.cases[0], book.cases[1]
    assert app.metric[0].value == "0 of 0 points"
    assert not any("Right category" in s.value for s in [*app.success, *app.warning])

    category = next(r for r in app.radio if r.label.startswith("Which category"))
    category.set_value(first.category)
    syndrome = next(s for s in app.selectbox if s.label.startswith("Which syndrome pattern"))
    syndrome.set_value(first.answer)
    button(app, "Commit my answer").click().run()
    assert_no_exception(app)
    assert app.metric[0].value == "2 of 2 points"
    assert any("Right category" in s.value for s in app.success)
    assert card_titles(app)[0].endswith(book.syndrome_by_id[first.answer].name)

    app.selectbox(key="practice.case").set_value(second.id).run()
    wrong = next(c for c in Category if c != second.category)
    next(r for r in app.radio if r.label.startswith("Which category")).set_value(wrong)
    button(app, "Commit my answer").click().run()
    assert app.metric[0].value == "2 of 3 points"
    assert any("Not this category" in w.value for w in app.warning)


def test_committing_without_a_category_asks_for_one(app: AppTest) -> None:
    _open(app, "cases")
    button(app, "Commit my answer").click().run()
    assert any("Choose a category" in w.value for w in app.warning)
    assert app.metric[0].value == "0 of 0 points"


def test_a_library_case_opens_in_screen_with_its_findings_chosen(
    app: AppTest, book: RuleBook
) -> None:
    _open(app, "cases")
    case = book.cases[0]
    next(b for b in app.button if b.key == f"cases.open.{case.id}").click().run()
    assert_no_exception(app)
    assert [t.value for t in app.title] == ["Screen a set of findings"]
    assert {f for found in chips(app).values() for f in found} == set(case.findings)
    assert card_titles(app)[0].endswith(book.syndrome_by_id[case.answer].name)


def test_learn_shows_the_about_content_version_hash_and_every_reference(
    app: AppTest, book: RuleBook
) -> None:
    _open(app, "learn")
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
