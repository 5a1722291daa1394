"""Explore page: compare syndromes side by side, look up where a finding counts, and open a
rule from a link."""

from __future__ import annotations

import io
import json

from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from screener.engine import compare, finding_use
from screener.models import criterion_findings
from screener.present.finding_lookup import finding_lookup
from screener.present.script_view import SLOT_HEADINGS
from screener.rulebook import RuleBook
from tests.app.conftest import assert_no_exception, button, open_page, page_text, unescape


def open_explore(app: AppTest, tab: str | None = None) -> AppTest:
    return open_page(app, "explore", tab)


def links(app: AppTest) -> dict[str, str]:
    """Every page link shown: label -> query string."""
    return {unescape(e.proto.label): e.proto.query_string for e in app.get("page_link")}


def test_compare_shows_what_separates_lems_from_myasthenia(app: AppTest, book: RuleBook) -> None:
    open_explore(app, "Compare")
    assert "Choose two or three syndromes" in page_text(app)
    app.multiselect(key="explore.compare").set_value(["lems", "myasthenia_gravis_thymoma"]).run()
    assert_no_exception(app)
    lems, mg = book.syndrome_by_id["lems"], book.syndrome_by_id["myasthenia_gravis_thymoma"]
    table = app.dataframe[0].value
    assert list(table.columns) == ["Finding", lems.name, mg.name]
    rows = {row["Finding"]: (row[lems.name], row[mg.name]) for _, row in table.iterrows()}
    # Each with how often Orphanet's annotation of the disease sees it.
    assert rows[book.label("finding", "dry_mouth")] == (
        "adds to criteria; seen in most (Orphanet)",
        "",
    )
    assert rows[book.label("finding", "ptosis")] == (
        "",
        "adds to criteria; seen in many (Orphanet)",
    )
    text = page_text(app)
    for heading in ("Who", "Treatment principle", "Criteria in words", "Antibodies (2021 risk"):
        assert heading in text
    assert lems.summary in text and mg.summary in text
    assert links(app) == {
        f"Whole rule: {lems.name}": "rule=lems",
        f"Whole rule: {mg.name}": "rule=myasthenia_gravis_thymoma",
    }


def test_three_syndromes_can_be_compared_and_no_more(app: AppTest, book: RuleBook) -> None:
    open_explore(app, "Compare")
    chosen = ["lems", "myasthenia_gravis_thymoma", "dermatomyositis"]
    app.multiselect(key="explore.compare").set_value(chosen).run()
    assert_no_exception(app)
    assert len(app.dataframe[0].value.columns) == 4
    assert app.multiselect(key="explore.compare").max_selections == 3


def test_compare_shows_every_separating_finding_however_many(app: AppTest, book: RuleBook) -> None:
    chosen = ["dermatomyositis", "siadh"]
    separating = compare(chosen, book).separating
    assert len(separating) > 20, "a pair with a long list"
    open_explore(app, "Compare")
    app.multiselect(key="explore.compare").set_value(chosen).run()
    shown = list(app.dataframe[0].value["Finding"])
    assert shown == [book.label("finding", q.finding) for q in separating]
    assert "more finding" not in page_text(app)


def test_no_multiselect_offers_to_pick_every_match_at_once(app: AppTest) -> None:
    open_explore(app, "Compare")
    assert not app.multiselect(key="explore.compare").proto.select_all


def test_the_cancer_syndrome_chart_gives_every_syndrome_a_named_row(app: AppTest) -> None:
    open_explore(app, "Cancer × syndrome links")
    (chart,) = app.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    y = spec["encoding"]["y"]
    # Rows, not crowded columns: Vega keeps every label when told not to drop overlapping ones.
    assert y["field"] == "Syndrome" and y["axis"]["labelOverlap"] is False
    assert spec["height"] == {"step": 24}


def test_a_finding_is_found_by_its_synonym_and_lists_every_rule_naming_it(
    app: AppTest, book: RuleBook
) -> None:
    open_explore(app, "Look up a finding")
    box = app.selectbox(key="explore.lookup.finding")
    # The options carry the synonyms, so typing "xerostomia" finds dry mouth.
    assert any("xerostomia" in option for option in box.options)
    box.set_value("finding:dry_mouth").run()
    assert_no_exception(app)
    _assert_lookup_of_dry_mouth(app, book)


def _type_and_enter(app: AppTest, typed: str) -> None:
    box = app.selectbox(key="explore.lookup.finding")
    # AppTest sets listed options only; the browser sends the "Add: …" line as the text typed.
    box.options.append(typed)
    box.set_value(typed).run()
    assert_no_exception(app)


def test_a_finding_is_found_by_its_words_in_another_order(app: AppTest, book: RuleBook) -> None:
    open_explore(app, "Look up a finding")
    _type_and_enter(app, "mouth dry")
    assert app.selectbox(key="explore.lookup.finding").value == "finding:dry_mouth"
    _assert_lookup_of_dry_mouth(app, book)


def test_words_several_findings_hold_offer_them_and_the_one_chosen_is_looked_up(
    app: AppTest, book: RuleBook
) -> None:
    open_explore(app, "Look up a finding")
    _type_and_enter(app, "cramping")
    choice = app.pills(key="explore.lookup.found.choice")
    assert sorted(map(unescape, choice.options)) == sorted(
        book.findings[f].label for f in ("muscle_cramps", "abdominal_pain")
    )
    assert not links(app), "nothing looked up yet"
    choice.set_value("finding:abdominal_pain").run()
    assert_no_exception(app)
    assert app.selectbox(key="explore.lookup.finding").value == "finding:abdominal_pain"
    assert links(app)
    assert not [p for p in app.pills if p.key == "explore.lookup.found.choice"]


def _assert_lookup_of_dry_mouth(app: AppTest, book: RuleBook) -> None:
    shown = {query.removeprefix("rule=") for query in links(app).values()}
    naming = {
        s.id
        for s in book.syndromes
        if "dry_mouth" in criterion_findings(s.criteria) | set(s.supporting)
    }
    assert shown == naming
    view = finding_lookup(finding_use("dry_mouth", book), book)
    text = page_text(app)
    for group in view.groups:
        assert group.heading in text


def test_a_rule_opens_from_its_link_and_closes(app: AppTest, book: RuleBook) -> None:
    open_explore(app)
    app.query_params["rule"] = "lems"
    app.run()
    assert_no_exception(app)
    name = book.syndrome_by_id["lems"].name
    assert app.subheader[0].value == f"Rule: {name}"
    assert "The pattern (criteria)" in page_text(app)
    button(app, "Close this rule").click().run()
    assert not [s for s in app.subheader if s.value.startswith("Rule: ")]


def test_a_link_to_an_unknown_rule_says_so(app: AppTest) -> None:
    open_explore(app)
    app.query_params["rule"] = "no_such_rule"
    app.run()
    assert_no_exception(app)
    assert any("unknown rule 'no_such_rule'" in unescape(w.value) for w in app.warning)


def test_only_the_open_tab_is_drawn(app: AppTest, book: RuleBook) -> None:
    """The links chart and the tables are drawn when their tab is opened, not on arrival: a
    learner who came to read a rule does not wait for them."""
    open_explore(app)
    assert len(app.expander) >= len(book.syndromes)
    assert not app.get("vega_lite_chart") and not app.dataframe
    open_explore(app, "Cancer × syndrome links")
    assert app.get("vega_lite_chart") and app.dataframe
    assert not [e for e in app.expander if " — status: " in e.label]


def test_a_syndromes_fold_shows_its_illness_script_and_prints_its_card(
    app: AppTest, book: RuleBook, downloads: dict[str, dict[str, object]]
) -> None:
    open_explore(app)
    lems = book.syndrome_by_id["lems"]
    app.session_state[f"explore.rule.{lems.id}"] = True  # its fold, open
    app.run()
    assert_no_exception(app)
    text = page_text(app)
    assert f"Illness script: {lems.name}" in text
    for heading in SLOT_HEADINGS.values():
        assert f"**{heading}**" in text
    assert lems.script is not None and lems.script.time_course in text
    card = downloads["Download this illness script (one-page PDF)"]["data"]
    assert callable(card), "the card is built only when downloaded"
    document = PdfReader(io.BytesIO(card()))
    assert len(document.pages) == 1
    assert book.safety.disclaimer.split(".")[0] in document.pages[0].extract_text()
    # A whole category, a card a page.
    deck = next(d for label, d in downloads.items() if label.startswith("Download the neurologic"))
    neurologic = [s for s in book.syndromes if s.category == "neurologic"]
    assert len(PdfReader(io.BytesIO(deck["data"]())).pages) == len(neurologic)
