"""The Screen page: a learner ticks findings, screens, and reads the cards."""

from __future__ import annotations

import re

import pytest
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from screener.engine.practice import case_profile
from screener.inputs.query import profile_to_query
from screener.models import LabValue, Profile
from screener.rulebook import RuleBook, load_rule_book
from tests.app.conftest import (
    assert_no_exception,
    card_title,
    card_titles,
    fill_form,
    page_text,
    shown,
    submit,
)

CASES = load_rule_book().cases


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_ticking_a_teaching_case_shows_its_answer_as_the_top_card(
    app: AppTest, book: RuleBook, case
) -> None:
    app.run()
    fill_form(app, case_profile(case))
    submit(app)
    titles = card_titles(app)
    assert titles, page_text(app)
    assert titles[0] == card_title(1, case.answer, book)


def _first_single_finding_red_flag(book: RuleBook):
    return next(flag for flag in book.red_flags if isinstance(flag.when, str))


def test_a_red_flag_puts_seek_care_now_above_all_results(app: AppTest, book: RuleBook) -> None:
    flag = _first_single_finding_red_flag(book)
    app.run()
    fill_form(app, Profile(findings=(flag.when,)))
    submit(app)
    seen = list(shown(app))
    urgent = [i for i, (kind, text) in enumerate(seen) if book.safety.urgent.now.heading in text]
    assert urgent, page_text(app)
    kind, text = seen[urgent[0]]
    assert kind == "error"
    assert book.safety.urgent.now.text in text
    assert " ".join(flag.text.split()) in " ".join(text.split())
    results = seen.index(("header", "Results"))
    assert urgent[0] < results


def test_no_urgent_banner_without_a_red_flag(app: AppTest, book: RuleBook) -> None:
    case = next(c for c in CASES if c.id == "case_clubbing_sore_shins")
    app.run()
    fill_form(app, case_profile(case))
    submit(app)
    assert card_titles(app)
    assert book.safety.urgent.now.heading not in page_text(app)


def test_a_lone_nonspecific_finding_shows_the_no_pattern_state(
    app: AppTest, book: RuleBook
) -> None:
    vague = next(f for f in book.findings.values() if f.nonspecific)
    app.run()
    fill_form(app, Profile(findings=(vague.id,)))
    submit(app)
    text = page_text(app)
    assert book.safety.no_pattern_heading in text
    assert " ".join(book.safety.no_pattern.split()) in " ".join(text.split())
    assert "excludes nothing" in text
    assert card_titles(app) == []


def test_a_case_opened_from_a_link_fills_the_form_and_shows_its_cards(
    app: AppTest, book: RuleBook
) -> None:
    case = next(c for c in CASES if c.labs and c.cancers)
    profile = case_profile(case)
    app.query_params.update(profile_to_query(profile))
    app.run()
    assert_no_exception(app)
    for finding in profile.findings:
        assert app.checkbox(key=f"screen.1.finding.{finding}").value
    assert app.multiselect(key="screen.1.cancers").value == list(profile.cancers)
    for lab in profile.labs:
        assert app.number_input(key=f"screen.1.lab.{lab.analyte}").value == lab.value
        assert app.selectbox(key=f"screen.1.unit.{lab.analyte}").value == lab.unit
    assert app.selectbox(key="screen.1.age").value == profile.age_band
    assert card_titles(app)[0] == card_title(1, case.answer, book)
    assert "Parts of the link were ignored" not in page_text(app)


def test_screening_writes_the_case_into_the_url_and_that_url_reopens_it(
    app: AppTest, book: RuleBook
) -> None:
    case = next(c for c in CASES if c.labs and c.sex)
    app.run()
    fill_form(app, case_profile(case))
    submit(app)
    link = {key: app.query_params[key] for key in app.query_params}
    assert link == profile_to_query(case_profile(case))
    first_cards = card_titles(app)

    reopened = AppTest.from_file(app._script_path, default_timeout=30)
    reopened.query_params.update(link)
    reopened.run()
    assert_no_exception(reopened)
    assert card_titles(reopened) == first_cards
    ticked = {box.key.removeprefix("screen.1.finding.") for box in reopened.checkbox if box.value}
    assert ticked == set(case.findings)


def test_a_malformed_link_is_read_in_part_with_a_visible_notice(app: AppTest) -> None:
    app.query_params.update(
        {
            "f": "seizures,not_a_finding,<script>alert(1)</script>",
            "lab": "sodium:abc:mmol/L",
            "age": "999",
            "utm": "x",
        }
    )
    app.run()
    assert_no_exception(app)
    notices = [w.value for w in app.warning if "Parts of the link were ignored" in w.value]
    assert len(notices) == 1
    notice = notices[0]
    for part in ("not_a_finding", "<script>alert(1)</script>", "abc", "999", "utm"):
        assert part in notice.replace("\\", "")
    # Escaped, so the tag shows as text rather than becoming HTML.
    assert "<script>" not in notice
    # What could be read was kept.
    assert app.checkbox(key="screen.1.finding.seizures").value


def test_the_pdf_download_sits_beside_the_results_outside_the_form(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[dict] = []
    original = DeltaGenerator.download_button

    def spy(self, label, data, *args, **kwargs):
        made.append({"label": label, "data": data, **kwargs})
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", spy)
    app.run()
    assert not app.get("download_button"), "no PDF before anything is screened"
    fill_form(app, Profile(findings=("seizures",)))
    submit(app)
    assert [b.label for b in app.get("download_button")] == ["Download a PDF summary"]
    assert not app.form[0].get("download_button")
    assert app.radio(key="screen.pdf_page_size").options == ["A4", "Letter"]
    (pdf,) = [m for m in made if m["label"] == "Download a PDF summary"]
    assert re.fullmatch(r"pns-screening-summary-\d{8}-\d{4}\.pdf", pdf["file_name"])
    assert pdf["mime"] == "application/pdf"
    assert pdf["data"]().startswith(b"%PDF")


def test_an_impossible_lab_value_is_refused_and_everything_entered_is_kept(
    app: AppTest, book: RuleBook
) -> None:
    sodium = book.lab_by_id["sodium"]
    impossible = sodium.plausible.high * 10
    app.run()
    fill_form(
        app,
        Profile(
            findings=("seizures",),
            labs=(LabValue(analyte="sodium", value=impossible, unit=sodium.unit),),
        ),
    )
    submit(app)
    errors = [e.value for e in app.error if "cannot be used" in e.value]
    assert len(errors) == 1
    assert "outside the range a living person can have" in errors[0]
    assert app.number_input(key="screen.0.lab.sodium").value == impossible
    assert app.checkbox(key="screen.0.finding.seizures").value
    assert card_titles(app) == []
    assert not app.get("download_button")


def test_search_filters_the_checklist_by_synonym(app: AppTest, book: RuleBook) -> None:
    finding = next(f for f in book.findings.values() if f.synonyms)
    app.run()
    app.text_input(key="screen.search").input(finding.synonyms[0].upper()).run()
    labels = {box.label.replace("\\", "") for box in app.checkbox}
    assert finding.label in labels
    assert len(labels) < len(book.findings)


def test_findings_hidden_by_a_search_stay_ticked(app: AppTest, book: RuleBook) -> None:
    app.run()
    fill_form(app, Profile(findings=("seizures",)))
    submit(app)
    other = next(f for f in book.findings.values() if f.synonyms and f.id != "seizures")
    app.text_input(key="screen.search").input(other.synonyms[0]).run()
    assert not any(box.key == "screen.0.finding.seizures" for box in app.checkbox)
    app.checkbox(key=f"screen.0.finding.{other.id}").check()
    submit(app)
    assert set(app.query_params["f"].split(",")) == {"seizures", other.id}
    assert book.findings["seizures"].label in page_text(app)
