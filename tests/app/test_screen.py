"""The Screen page: find a finding by name or synonym, and the results follow every change."""

from __future__ import annotations

import html
import io
import re

from pypdf import PdfReader
from streamlit.proto.SelectWidgetFilterMode_pb2 import SelectWidgetFilterMode
from streamlit.testing.v1 import AppTest

from screener.app.pages import APP_DIR
from screener.engine import screen
from screener.engine.changes import mentioned_findings
from screener.inputs.query import profile_to_query
from screener.models import LabValue, Profile
from screener.present.picker import FOUND_LEFT_OUT, FOUND_ONE
from screener.rulebook import RuleBook
from tests.app.conftest import (
    PICKER,
    assert_framed,
    assert_no_exception,
    card_title,
    card_titles,
    case_link,
    chips,
    open_link,
    page_text,
    pick,
    shown,
    take_out,
    unescape,
)
from tests.support.cases import LEMS_OR_MYASTHENIA, synonym_only_finding
from tests.support.html_text import html_headings, html_text


def _changes(at: AppTest) -> str:
    panels = [i.value for i in at.info if i.value.startswith("**What changed.**")]
    assert len(panels) <= 1
    return panels[0].replace("\\", "") if panels else ""


def test_a_synonym_finds_a_finding_and_picking_it_adds_a_chip_and_results_at_once(
    app: AppTest, book: RuleBook
) -> None:
    finding, synonym = synonym_only_finding(book)
    app.run()
    picker = app.selectbox(key=PICKER)
    # The picker filters, in the browser, on the text of each option: the synonym is in it.
    matches = [o for o in picker.options if synonym.lower() in o.lower()]
    assert any(o.startswith(finding.label) for o in matches), matches
    pick(app, "finding", finding.id)
    system = book.system_of_finding[finding.id].id
    assert chips(app) == {system: [finding.id]}
    assert app.query_params["f"] == finding.id
    # No button was pressed: the page screened the change on its own.
    assert not app.get("form") and not [b for b in app.button if "Screen" in b.label]
    assert app.selectbox(key=PICKER).value is None, "the picker is ready for the next finding"
    assert f"Added: {finding.label}." in _changes(app)


def _type_and_enter(app: AppTest, typed: str) -> AppTest:
    """Type text, then Enter on the first line, "Add: …" (the text typed)."""
    picker = app.selectbox(key=PICKER)
    # AppTest sets listed options only; the browser sends the "Add: …" line as the text typed.
    picker.options.append(typed)
    picker.set_value(typed).run()
    assert_no_exception(app)
    return app


def test_the_browser_lists_lines_holding_the_text_and_offers_the_words_otherwise(
    app: AppTest,
) -> None:
    app.run()
    picker = app.selectbox(key=PICKER)
    assert picker.proto.filter_mode == SelectWidgetFilterMode.FILTER_MODE_CONTAINS
    assert picker.proto.accept_new_options


def test_enter_on_text_lines_hold_adds_the_first_line_listed(app: AppTest, book: RuleBook) -> None:
    app.run()
    typed = "SEIZ"
    listed = [o for o in app.selectbox(key=PICKER).options if typed.lower() in o.lower()]
    assert len(listed) > 1
    _type_and_enter(app, typed)
    assert [book.findings[f].label for found in chips(app).values() for f in found] == [
        listed[0].partition(" · ")[0]
    ]


def test_words_in_another_order_add_the_one_finding_that_holds_them(
    app: AppTest, book: RuleBook
) -> None:
    app.run()
    _type_and_enter(app, "mouth dry")
    assert chips(app) == {book.system_of_finding["dry_mouth"].id: ["dry_mouth"]}
    assert app.query_params["f"] == "dry_mouth"
    added = FOUND_ONE.format(typed="mouth dry", label="Dry mouth", left_out="")
    assert added in [unescape(c.value) for c in app.caption]
    assert app.selectbox(key=PICKER).value is None, "the picker is ready for the next finding"


def test_a_word_no_name_holds_is_left_out_and_the_learner_told(
    app: AppTest, book: RuleBook
) -> None:
    app.run()
    _type_and_enter(app, "painless jaundice")
    assert chips(app) == {book.system_of_finding["jaundice"].id: ["jaundice"]}
    told = FOUND_ONE.format(
        typed="painless jaundice",
        label=book.findings["jaundice"].label,
        left_out=FOUND_LEFT_OUT.format(words="painless"),
    )
    assert told in [unescape(c.value) for c in app.caption]


def test_words_several_names_hold_offer_them_to_choose_from(app: AppTest, book: RuleBook) -> None:
    open_link(app, Profile(findings=("seizures",)))
    _type_and_enter(app, "cramping")
    choice = next(p for p in app.pills if p.key and p.key.startswith("screen.found"))
    assert "cramping" in choice.label
    assert sorted(map(unescape, choice.options)) == sorted(
        book.findings[f].label for f in ("muscle_cramps", "abdominal_pain")
    )
    assert chips(app) == {book.system_of_finding["seizures"].id: ["seizures"]}, "none added yet"
    choice.set_value("finding:muscle_cramps").run()
    assert_no_exception(app)
    assert "muscle_cramps" in app.query_params["f"]
    assert not [p for p in app.pills if p.key and p.key.startswith("screen.found")]


def test_words_no_name_holds_are_said_back_and_change_nothing(app: AppTest) -> None:
    open_link(app, Profile(findings=("seizures",)))
    before = case_link(app)
    _type_and_enter(app, "<b>xyzzy</b>")
    said = [i.value for i in app.info if "No name or synonym" in i.value]
    assert len(said) == 1 and "xyzzy" in said[0] and "<b>" not in said[0]
    assert case_link(app) == before
    assert app.selectbox(key=PICKER).value is None


def test_every_finding_is_reachable_without_search_by_body_system(
    app: AppTest, book: RuleBook
) -> None:
    open_link(app, Profile(findings=("seizures",)))
    app.session_state["screen.browse"] = True
    app.run()
    browse = [box for box in app.selectbox if box.key and box.key.startswith("entry.browse.")]
    assert len(browse) >= len(book.systems) - 2
    reachable = {option for box in browse for option in box.options}
    reachable |= {book.findings[f].label for found in chips(app).values() for f in found}
    assert {f.label for f in book.enterable_findings.values()} <= reachable
    # Choosing one there adds it, as the picker does.
    system = next(s for s in book.systems if s.id != book.system_of_finding["seizures"].id)
    finding = next(f.id for f in system.findings if f.id in book.enterable_findings)
    app.selectbox(key=f"entry.browse.{system.id}").set_value(f"finding:{finding}").run()
    assert chips(app)[system.id] == [finding]


def test_clicking_a_chip_takes_it_out_updates_the_results_and_says_what_changed(
    app: AppTest, book: RuleBook
) -> None:
    open_link(app, LEMS_OR_MYASTHENIA)
    lems = card_title(1, "lems", book).split(": ", 1)[1]
    assert any(t.endswith(lems) for t in card_titles(app))
    # Without its key, and with no cancer known, LEMS shows no card at all.
    key = book.findings["strength_improves_with_effort"]
    take_out(app, book, key.id)
    assert not any(t.endswith(lems) for t in card_titles(app))
    changes = _changes(app)
    assert f"Removed: {key.label}." in changes
    assert f"{lems} disappeared" in changes and f"{key.label} removed" in changes
    assert key.id not in app.query_params["f"].split(",")


def test_the_differential_for_lems_or_myasthenia_lists_what_tells_them_apart(
    app: AppTest, book: RuleBook
) -> None:
    open_link(app, LEMS_OR_MYASTHENIA)
    heading = "What to ask next: findings that would tell the top patterns apart"
    panel = next(h.proto.body for h in app.get("html") if heading in html_headings(h.proto.body, 3))
    assert "Patterns compared" in html_text(panel)
    expected = screen(LEMS_OR_MYASTHENIA, book).differential.questions
    for question in expected:
        assert (
            f"<strong>{html.escape(book.findings[question.finding].label, quote=False)}</strong>"
            in panel
        )
    asked = {q.finding for q in expected}
    lems = mentioned_findings(book.syndrome_by_id["lems"], book)
    myasthenia = mentioned_findings(book.syndrome_by_id["myasthenia_gravis_thymoma"], book)
    assert asked & (lems - myasthenia), "a finding of LEMS's own"
    assert asked & (myasthenia - lems), "a finding of myasthenia's own"


def test_a_case_link_round_trips(app: AppTest, book: RuleBook) -> None:
    case = next(c for c in book.cases if c.labs and c.cancers)
    profile = Profile.of(case)
    open_link(app, profile)
    assert case_link(app) == profile_to_query(profile)
    assert {f for found in chips(app).values() for f in found} == set(profile.findings)
    assert app.multiselect(key="entry.cancers").value == list(profile.cancers)
    for lab in profile.labs:
        assert app.text_input(key=f"entry.lab.{lab.analyte}").value == f"{lab.value:g}"
        assert app.selectbox(key=f"entry.unit.{lab.analyte}").value == lab.unit
    assert card_titles(app)[0] == card_title(1, case.answer, book)
    assert "Parts of the link were ignored" not in page_text(app)

    pick(app, "antibody", book.antibodies[0].id)
    link = case_link(app)
    reopened = open_link(AppTest.from_file(app._script_path, default_timeout=30), Profile())
    reopened.query_params.clear()
    reopened.query_params.update(link)
    reopened.run()
    assert case_link(reopened) == link
    assert card_titles(reopened) == card_titles(app)
    assert reopened.multiselect(key="entry.antibodies").value == [book.antibodies[0].id]


def test_stepping_back_restores_the_previous_case_and_forward_the_next(
    app: AppTest, book: RuleBook
) -> None:
    open_link(app, LEMS_OR_MYASTHENIA)
    assert app.button(key="screen.back").disabled, "a link opened on arrival is the first step"
    first = (case_link(app), card_titles(app), chips(app))
    pick(app, "cancer", "sclc")
    second = (case_link(app), card_titles(app), chips(app))
    assert second != first
    app.button(key="screen.back").click().run()
    assert (case_link(app), card_titles(app), chips(app)) == first
    assert app.multiselect(key="entry.cancers").value == []
    assert "Removed: known cancer: Small cell lung cancer" in _changes(app).replace("  ", " ")
    app.button(key="screen.forward").click().run()
    assert (case_link(app), card_titles(app), chips(app)) == second
    assert app.button(key="screen.forward").disabled


def test_the_browsers_back_button_is_followed_like_a_step_back(
    app: AppTest, book: RuleBook
) -> None:
    open_link(app, Profile(findings=("ptosis",)))
    before = case_link(app)
    pick(app, "finding", "double_vision")
    # The browser's Back button reruns the page with the previous address.
    app.query_params.clear()
    app.query_params.update(before)
    app.run()
    assert chips(app) == {book.system_of_finding["ptosis"].id: ["ptosis"]}
    assert not app.button(key="screen.forward").disabled


def test_presentation_mode_shows_large_type_chips_and_results_with_the_safety_text(
    app: AppTest, book: RuleBook
) -> None:
    open_link(app, LEMS_OR_MYASTHENIA, present="1")
    seen = list(shown(app))
    assert_framed(seen, book.safety.disclaimer, book.safety.see_a_physician)
    assert app.toggle(key="screen.present").value
    assert not [b for b in app.selectbox if b.key == PICKER], "no entry widgets but the chips"
    assert chips(app), "the chosen findings show"
    assert card_titles(app), "the results show"
    assert any("font-size: 24px" in h.proto.body for h in app.get("html")), "larger type"
    # A teacher steps a finding out, and back in with the history, still presenting.
    titles = card_titles(app)
    take_out(app, book, "dry_mouth")
    assert card_titles(app) != titles and app.query_params["present"] == "1"
    app.button(key="screen.back").click().run()
    assert card_titles(app) == titles and app.query_params["present"] == "1"
    # A change reruns only the parts of the page it touches; AppTest then holds only those.
    app.run()
    app.toggle(key="screen.present").set_value(False).run()
    assert "present" not in app.query_params and app.selectbox(key=PICKER)


def _first_single_finding_red_flag(book: RuleBook):
    return next(flag for flag in book.red_flags if isinstance(flag.when, str))


def test_a_red_flag_puts_seek_care_now_above_all_results(app: AppTest, book: RuleBook) -> None:
    flag = _first_single_finding_red_flag(book)
    open_link(app, Profile(findings=(flag.when,)))
    seen = list(shown(app))
    urgent = [i for i, (kind, text) in enumerate(seen) if book.safety.urgent.now.heading in text]
    assert urgent, page_text(app)
    # The summary line names the banner's level first; the banner itself follows, above results.
    assert seen[urgent[0]][0] == "markdown" and "Jump to the results" in seen[urgent[0]][1]
    kind, text = seen[urgent[1]]
    assert kind == "error"
    assert book.safety.urgent.now.text in text
    assert " ".join(flag.text.split()) in " ".join(text.split())
    assert urgent[1] < seen.index(("header", "Results"))


def test_a_lone_nonspecific_finding_shows_the_no_pattern_state(
    app: AppTest, book: RuleBook
) -> None:
    vague = next(f for f in book.enterable_findings.values() if f.nonspecific)
    app.run()
    pick(app, "finding", vague.id)
    text = page_text(app)
    assert book.safety.no_pattern_heading in text
    assert " ".join(book.safety.no_pattern.split()) in " ".join(text.split())
    assert card_titles(app) == []


def test_a_malformed_link_is_read_in_part_with_a_notice_until_the_next_change(
    app: AppTest,
) -> None:
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
    for part in ("not_a_finding", "<script>alert(1)</script>", "abc", "999", "utm"):
        assert part in notices[0].replace("\\", "")
    assert "<script>" not in notices[0]
    assert "seizures" in {f for found in chips(app).values() for f in found}
    pick(app, "finding", "confusion")
    assert not [w for w in app.warning if "Parts of the link were ignored" in w.value]


def test_an_impossible_lab_value_waits_beside_its_input_and_the_rest_is_screened(
    app: AppTest, book: RuleBook
) -> None:
    sodium = book.lab_by_id["sodium"]
    impossible = sodium.plausible.high * 10
    open_link(app, LEMS_OR_MYASTHENIA)
    titles = card_titles(app)
    pick(app, "lab", "sodium")
    app.text_input(key="entry.lab.sodium").input(f"{impossible:g}").run()
    errors = [e.value for e in app.error if "living person" in e.value]
    assert len(errors) == 1 and "Not used until corrected" in errors[0]
    assert app.text_input(key="entry.lab.sodium").value == f"{impossible:g}", "nothing is lost"
    assert card_titles(app) == titles, "the rest of the case is still screened"
    assert "lab" not in app.query_params
    app.selectbox(key="entry.unit.sodium").set_value(sodium.units[0]).run()
    app.text_input(key="entry.lab.sodium").input("128").run()
    assert not [e for e in app.error if "living person" in e.value]
    assert app.query_params["lab"] == f"sodium:128:{sodium.units[0]}"


def test_a_lab_value_that_raises_a_banner_says_so_in_what_changed(
    app: AppTest, book: RuleBook
) -> None:
    # No pattern moves when sodium falls from 128 to 118 mmol/L, but the value now reads as
    # very low and an emergency rises: "what changed" says both, not only that nothing moved.
    open_link(app, Profile(findings=("confusion",)))
    pick(app, "lab", "sodium")
    app.text_input(key="entry.lab.sodium").input("128").run()
    app.text_input(key="entry.lab.sodium").input("118").run()
    assert_no_exception(app)
    change = unescape(_changes(app))
    assert f"Now read from the lab values: {book.label('finding', 'very_low_sodium')}." in change
    assert "Red flag now in the banner (now: emergency care)" in change
    assert book.safety.urgent.now.heading in page_text(app)


def test_a_lab_value_keeps_the_unit_it_was_given_in(app: AppTest, book: RuleBook) -> None:
    calcium = book.lab_by_id["calcium"]
    other = next(u for u in calcium.units if u != calcium.unit)
    factor = calcium.factor_for(other)
    assert factor
    value = round(calcium.plausible.high / factor * 0.9, 1)
    app.run()
    pick(app, "lab", "calcium")
    app.selectbox(key="entry.unit.calcium").set_value(other).run()
    app.text_input(key="entry.lab.calcium").input(f"{value:g}").run()
    assert app.query_params["lab"] == f"calcium:{value:g}:{other}"
    assert f"{value:g} {other} (= " in page_text(app)


def test_every_control_on_the_page_is_labelled(app: AppTest, book: RuleBook) -> None:
    open_link(app, Profile.of(next(c for c in book.cases if c.labs)))
    app.session_state["screen.about"] = True
    app.run()
    widgets = [
        *app.selectbox,
        *app.multiselect,
        *app.text_input,
        *app.button,
        *app.toggle,
        *app.radio,
        *app.get("download_button"),
    ]
    assert len(widgets) > 10
    assert all(w.label.strip() for w in widgets), [w.key for w in widgets if not w.label.strip()]


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_download_is_offered_beside_the_results(
    app: AppTest, pdf_builds: list[dict]
) -> None:
    app.run()
    assert not app.get("download_button"), "no PDF before there is a case"
    pick(app, "finding", "seizures")
    assert [b.label for b in app.get("download_button")] == [
        "Download a PDF summary",
        "Download as a Phenopacket",
        "Download as a FHIR R4 Bundle",
    ]
    assert app.radio(key="screen.pdf_page_size").options == ["A4", "Letter"]
    pdf = pdf_builds[-1]
    assert re.fullmatch(r"pns-screening-summary-\d{8}-\d{4}\.pdf", pdf["file_name"])
    assert pdf["mime"] == "application/pdf"
    assert pdf["data"]().startswith(b"%PDF")


def test_a_download_pressed_right_after_a_change_gets_the_new_case(
    app: AppTest, book: RuleBook, pdf_builds: list[dict]
) -> None:
    open_link(app, Profile(findings=("seizures",)))
    button_before_the_change = pdf_builds[-1]["data"]
    pick(app, "finding", "dry_mouth")
    # The browser still shows the old button until the new page arrives; pressing it must not
    # give the case before the change.
    text = _pdf_text(button_before_the_change())
    assert book.findings["dry_mouth"].label in text


def test_a_case_opened_from_the_teaching_library_is_one_step_back_from_the_last(
    app: AppTest, book: RuleBook
) -> None:
    open_link(app, Profile(findings=("seizures",)))
    case = book.cases[0]
    app.switch_page(str(APP_DIR / "cases.py")).run()
    next(b for b in app.button if b.key == f"cases.open.{case.id}").click().run()
    assert_no_exception(app)
    assert card_titles(app)[0].endswith(book.syndrome_by_id[case.answer].name)
    # AppTest would otherwise run the page the test last switched to, not the one now shown.
    app.switch_page(str(APP_DIR / "screen.py"))
    app.button(key="screen.back").click().run()
    assert chips(app) == {book.system_of_finding["seizures"].id: ["seizures"]}


def test_the_case_survives_a_visit_to_another_page(app: AppTest, book: RuleBook) -> None:
    open_link(app, LEMS_OR_MYASTHENIA)
    titles = card_titles(app)
    app.switch_page(str(APP_DIR / "learn.py")).run()
    app.query_params.clear()
    app.switch_page(str(APP_DIR / "screen.py")).run()
    assert card_titles(app) == titles
    assert case_link(app) == profile_to_query(LEMS_OR_MYASTHENIA)


def test_a_screened_lab_value_shows_how_it_was_read(app: AppTest) -> None:
    open_link(
        app,
        Profile(
            findings=("confusion",), labs=(LabValue(analyte="sodium", value=118, unit="mmol/L"),)
        ),
    )
    assert "Sodium 118 mmol/L" in page_text(app)


def test_a_cancer_that_cannot_fit_the_sex_entered_is_flagged_on_the_page(
    app: AppTest, book: RuleBook
) -> None:
    open_link(app, Profile(cancers=("ovarian_cancer",), sex="male"))
    notices = [w.value for w in app.warning]
    assert any("Ovarian cancer does not fit the sex entered (Male)" in n for n in notices)


def test_a_result_beyond_a_limit_is_typed_as_the_laboratory_writes_it(
    app: AppTest, book: RuleBook
) -> None:
    open_link(app, Profile(findings=("skin_darkening",)))
    pick(app, "lab", "acth")
    unit = book.lab_by_id["acth"].unit
    app.text_input(key="entry.lab.acth").input("< 2").run()
    assert app.query_params["lab"] == f"acth:<2:{unit}"
    app.text_input(key="entry.lab.acth").input("not detected").run()
    assert app.query_params["lab"] == f"acth:nd:{unit}"
    assert not [e for e in app.error if "not a number" in e.value]
