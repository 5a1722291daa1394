"""Cases page: the library, stepping through a staged case, practice, class handouts, the YAML
export and a teacher's case pack, as a learner or teacher uses them."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pydantic import TypeAdapter
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from screener.app import packs
from screener.app.teaching.common import STAGE_CARDS, answer_key
from screener.cli import main
from screener.engine import screen_case
from screener.engine.stages import score_points
from screener.models import TeachingCase
from screener.rulebook import RuleBook
from screener.rulebook.case_pack import CASE_PACK_ENV, LoadedCases
from screener.rulebook.case_yaml import case_yaml
from screener.rulebook.safe_yaml import parse_yaml
from tests.app.conftest import (
    APP,
    TAB_KEYS,
    assert_no_exception,
    button,
    card_title,
    card_titles,
    chips,
    open_page,
    page_text,
    unescape,
    whole_page,
)

TAB = TAB_KEYS["cases"]


def open_cases(app: AppTest, tab: str | None = None) -> AppTest:
    return open_page(app, "cases", tab)


def staged_case(book: RuleBook, *, first_shows_nothing: bool = True) -> TeachingCase:
    """A staged case whose presentation shows no pattern (so the picture visibly narrows)."""
    return next(
        c for c in book.cases if c.stages and (c.stage_tops[0] is None) == first_shows_nothing
    )


def skip(app: AppTest) -> None:
    """Skip to the answer at the stage shown, without committing."""
    button(app, "Skip to the answer").click().run()
    assert_no_exception(app)
    whole_page(app)


def pattern_lines(app: AppTest) -> list[str]:
    """The ranked pattern lines of the stage shown ('1. Name: partial, …')."""
    text = page_text(app)
    return [line[2:] for line in text.splitlines() if line.startswith("- 1. ")]


# --- The library ------------------------------------------------------------------------------


def test_the_library_lists_every_case_by_category(app: AppTest, book: RuleBook) -> None:
    open_cases(app)
    headings = {m.value.removeprefix("#### ") for m in app.markdown if m.value.startswith("#### ")}
    assert headings == {case.title for case in book.cases}
    staged = staged_case(book)
    assert f"Staged: {len(staged.stage_profiles)} stages" in [c.value for c in app.caption]


def test_a_library_case_opens_in_screen_with_its_findings_chosen(
    app: AppTest, book: RuleBook
) -> None:
    open_cases(app)
    case = staged_case(book)
    next(b for b in app.button if b.key == f"cases.open.{case.id}").click().run()
    assert_no_exception(app)
    assert [t.value for t in app.title] == ["Screen a set of findings"]
    chosen = {finding for found in chips(app).values() for finding in found}
    assert chosen == set(case.profile.findings)
    assert card_titles(app)[0].endswith(book.syndrome_by_id[case.answer].name)


def test_a_cases_answer_is_in_the_page_only_once_its_fold_is_opened(
    app: AppTest, book: RuleBook
) -> None:
    first, second = book.cases[0], book.cases[1]
    point = first.teaching_points[0]
    open_cases(app)
    assert point not in page_text(app)
    app.session_state[answer_key(first.id, "library")] = True
    app.run()
    assert point in page_text(app)
    assert second.teaching_points[0] not in page_text(app)

    # In the stepper, too, and a fold per case: the next case's answer stays folded.
    open_cases(app, "Step through a case")
    app.selectbox(key="cases.step.case").set_value(first.id).run()
    assert point not in page_text(app)
    app.session_state[answer_key(first.id, "step")] = True
    app.run()
    assert point in page_text(app)
    app.selectbox(key="cases.step.case").set_value(second.id).run()
    assert_no_exception(app)
    assert second.teaching_points[0] not in page_text(app)


# --- Stepping through a staged case -----------------------------------------------------------


def test_stepping_through_shows_each_stages_patterns_as_the_engine_ranks_them(
    app: AppTest, book: RuleBook
) -> None:
    open_cases(app)
    case = staged_case(book)
    next(b for b in app.button if b.key == f"cases.step.{case.id}").click().run()
    assert app.session_state[TAB] == "Step through a case"
    assert app.selectbox(key="cases.step.case").value == case.id
    for index, screening in enumerate(screen_case(case, book).stages):
        if index:
            button(app, "Next stage").click().run()
            assert_no_exception(app)
        assert app.radio(key=f"cases.step.stage.{case.id}").value == index
        skip(app)
        shown = pattern_lines(app)
        if screening.top is None:
            assert shown == [] and book.safety.no_pattern_heading in page_text(app)
        else:
            assert shown[0].startswith(f"1. {book.syndrome_by_id[screening.top].name}: ")
        assert "What changed at this stage" in page_text(app)
    assert button(app, "Next stage").disabled
    assert "Stage" in page_text(app) and "How the picture narrows" in page_text(app)


def test_a_stages_cards_show_once_opened_and_stay_open_from_stage_to_stage(
    app: AppTest, book: RuleBook
) -> None:
    case = staged_case(book)
    screenings = list(screen_case(case, book).stages)
    assert screenings[-1].top, "the walk needs a last stage that shows a card"
    open_cases(app, "Step through a case")
    app.selectbox(key="cases.step.case").set_value(case.id).run()
    stage = f"cases.step.stage.{case.id}"
    app.radio(key=stage).set_value(len(screenings) - 1).run()
    skip(app)
    assert card_titles(app) == []
    app.session_state[STAGE_CARDS] = True
    app.radio(key=stage).set_value(0)
    for index, screening in enumerate(screenings):
        if index:
            button(app, "Next stage").click()
        app.run()
        assert_no_exception(app)
        if index < len(screenings) - 1:
            skip(app)
        expected = [] if screening.top is None else [card_title(1, screening.top, book)]
        assert card_titles(app)[:1] == expected


def test_the_chart_plots_the_engines_scores(app: AppTest, book: RuleBook) -> None:
    case = staged_case(book)
    open_cases(app, "Step through a case")
    app.selectbox(key="cases.step.case").set_value(case.id).run()
    for index in range(len(case.stage_profiles)):
        if index:
            button(app, "Next stage").click().run()
        skip(app)
    chart = app.get("vega_lite_chart")[0].proto
    # The points are in the spec, in each layer: no Arrow table beside it.
    assert not chart.datasets and not chart.data.data
    layers = json.loads(chart.spec)["layer"]
    points = score_points(screen_case(case, book).stages)
    for layer in layers:
        table = layer["data"]["values"]
        assert [row["score"] for row in table] == [p.score for p in points]
        assert [row["pattern"] for row in table] == [
            book.syndrome_by_id[p.syndrome].name for p in points
        ]
        assert [row["stage"] for row in table] == [p.stage for p in points]
    assert "ordering points" in chart.alt


def test_a_stage_opens_in_screen_with_only_what_is_known_by_then(
    app: AppTest, book: RuleBook
) -> None:
    case = staged_case(book)
    open_cases(app, "Step through a case")
    app.selectbox(key="cases.step.case").set_value(case.id).run()
    app.radio(key=f"cases.step.stage.{case.id}").set_value(1).run()
    button(app, "Open this stage in Screen").click().run()
    assert_no_exception(app)
    chosen = {finding for found in chips(app).values() for finding in found}
    assert chosen == set(case.stage_profiles[1].findings) != set(case.profile.findings)


# --- Practice ---------------------------------------------------------------------------------


def commit(app: AppTest, syndrome: str | None, confidence: str = "fairly_sure") -> None:
    """Commit a differential of one pattern (None: not sure yet) at the stage shown."""
    box = next(s for s in app.selectbox if s.label == "Pattern you would consider first")
    box.set_value(syndrome)
    next(r for r in app.radio if r.label == "How sure are you?").set_value(confidence)
    button_ = next(b for b in app.get("form_submit_button") if b.label == "Commit and reveal")
    button_.click().run()
    assert_no_exception(app)
    whole_page(app)


def test_practice_asks_at_each_stage_and_scores_the_first_right_answer(
    app: AppTest, book: RuleBook
) -> None:
    case = staged_case(book)
    stages = len(case.stage_profiles)
    wrong = next(s.id for s in book.syndromes if s.id != case.answer)
    open_cases(app, "Practice")
    app.selectbox(key="practice.case").set_value(case.id).run()
    assert app.metric[0].value == "0 of 0 points"
    commit(app, None)
    commit(app, wrong)
    answer = book.syndrome_by_id[case.answer].name
    assert answer not in page_text(app), "the answer shows before the case is finished"
    for _ in range(stages - 2):
        commit(app, case.answer)
    points = stages - 2
    assert any(
        f"You first named the answer at stage 3 of {stages}: {points} of {stages} points"
        in unescape(w.value)
        for w in app.warning
    )
    assert app.metric[0].value == f"{points} of {stages} points"
    timeline = app.dataframe[0].value
    assert list(timeline["Your answer"][:2]) == ["Not sure yet", book.syndrome_by_id[wrong].name]
    assert card_titles(app)[0].endswith(answer)
    button(app, "Try this case again").click().run()
    assert app.metric[0].value == "0 of 0 points"


def test_naming_a_one_stage_case_right_scores_its_one_point(app: AppTest, book: RuleBook) -> None:
    case = next(c for c in book.cases if not c.stages)
    open_cases(app, "Practice")
    app.selectbox(key="practice.case").set_value(case.id).run()
    commit(app, case.answer)
    assert any("You named the answer: 1 of 1 point." in unescape(s.value) for s in app.success)


# --- Class handout ----------------------------------------------------------------------------


def pdf_text(document: bytes) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(document)).pages)


def test_the_handout_downloads_as_two_pdfs_and_only_the_key_has_answers(
    app: AppTest, book: RuleBook, downloads
) -> None:
    open_cases(app, "Class handout")
    assert "Choose at least one case" in page_text(app)
    chosen = [c.id for c in book.cases[:3]]
    app.multiselect(key="handout.cases").set_value(chosen).run()
    assert_no_exception(app)
    students = downloads["Download the students' handout (PDF)"]
    key = downloads["Download the teacher's key (PDF)"]
    assert str(students["file_name"]).startswith("pns-class-handout-")
    students_text, key_text = pdf_text(students["data"]()), pdf_text(key["data"]())
    for case in book.cases[:3]:
        name = "".join(book.syndrome_by_id[case.answer].name.split())
        assert name not in students_text and name in key_text
        assert "".join(case.title.split()) in students_text


# --- Export -----------------------------------------------------------------------------------


def test_the_screen_pages_case_exports_as_a_ready_to_paste_case(
    app: AppTest, book: RuleBook, downloads
) -> None:
    open_cases(app, "Export a case")
    assert "Screen a case on the Screen page first" in page_text(app)
    case = book.cases[0]
    app.session_state[TAB] = "Case library"
    app.run()
    next(b for b in app.button if b.key == f"cases.open.{case.id}").click().run()
    open_cases(app, "Export a case")
    assert app.selectbox(key="export.answer").value == case.answer
    text = app.code[0].value
    exported = TypeAdapter(tuple[TeachingCase, ...]).validate_python(parse_yaml(text).value)
    assert len(exported) == 1 and exported[0].profile == case.profile
    assert exported[0].answer == case.answer and exported[0].category == case.category
    sent = downloads["Download this case as YAML"]["data"].decode("utf-8")
    assert sent.strip() == text.strip()
    assert not [w for w in app.warning if "would refuse" in w.value]


# --- A teacher's case pack --------------------------------------------------------------------


@pytest.fixture
def pack(tmp_path: Path, book: RuleBook, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A pack with one case (a copy of a rule book case), named by the environment."""
    source = staged_case(book)
    case = source.model_copy(update={"id": "pack_case", "title": "A case from my own pack"})
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "mine.yaml").write_text(case_yaml(case), encoding="utf-8")
    monkeypatch.setenv(CASE_PACK_ENV, str(folder))
    return folder


def test_a_pack_shows_beside_the_built_in_cases(app: AppTest, book: RuleBook, pack) -> None:
    open_cases(app)
    headings = [m.value for m in app.markdown if m.value.startswith("#### ")]
    assert "#### A case from my own pack" in headings
    assert len(headings) == len(book.cases) + 1
    assert any("from your case pack" in c.value for c in app.caption)
    app.session_state[TAB] = "Step through a case"
    app.run()
    app.selectbox(key="cases.step.case").set_value("pack_case").run()
    assert_no_exception(app)


def test_a_broken_pack_gives_a_located_error_and_the_built_in_cases_still_load(
    app: AppTest, book: RuleBook, pack: Path
) -> None:
    mine = pack / "mine.yaml"
    mine.write_text(mine.read_text().replace("findings: [", "findings: [no_such_finding, "))
    open_cases(app)
    errors = [unescape(e.value) for e in app.error]
    assert any("Your case pack could not be loaded" in e for e in errors), errors
    problem = next(e for e in errors if "no_such_finding" in e)
    assert "mine.yaml" in problem and "line " in problem and "field" in problem
    headings = [m.value for m in app.markdown if m.value.startswith("#### ")]
    assert len(headings) == len(book.cases)


def test_the_app_and_the_command_line_refuse_a_pack_with_a_looping_link_alike(
    app: AppTest, book: RuleBook, pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = pack / "loop.yaml"
    loop.symlink_to(loop)
    assert main(["validate", "--cases", str(pack)]) == 1
    said = capsys.readouterr().err.splitlines()
    # The book's own warnings (an Orphanet example's known gap) may come first.
    refused = said[said.index("The case pack has 1 problem:") :]
    assert refused[1].startswith(f"  {loop}: file cannot be read (")
    open_cases(app)
    errors = [unescape(e.value) for e in app.error]
    (notice,) = [e for e in errors if "Your case pack could not be loaded" in e]
    assert "1 problem:" in notice
    assert f"{loop}: {refused[1].split(': ', 1)[1]}" in notice.replace("**", "")
    headings = [m.value for m in app.markdown if m.value.startswith("#### ")]
    assert len(headings) == len(book.cases)


def test_a_broken_pack_is_checked_once_until_its_files_change(
    app: AppTest, book: RuleBook, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = pack / "mine.yaml"
    mine.write_text(mine.read_text().replace("findings: [", "findings: [no_such_finding, "))
    checks: list[str] = []
    check = packs.validate_case_pack

    def counted(folder: str, rule_book: RuleBook) -> LoadedCases:
        checks.append(folder)
        return check(folder, rule_book)

    monkeypatch.setattr(packs, "validate_case_pack", counted)
    open_cases(app)
    app.run()
    open_cases(AppTest.from_file(str(APP), default_timeout=30))
    assert len(checks) == 1
    mine.write_text(mine.read_text().replace("no_such_finding, ", ""))
    app.run()
    assert len(checks) == 2
    assert not [e for e in app.error if "could not be loaded" in e.value]


SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
RAW_TAG = re.compile(r"(?<!\\)<[A-Za-z/!]")


def test_markup_in_a_pack_shows_only_as_text_on_the_page_and_in_the_pdf(
    app: AppTest, book: RuleBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, downloads
) -> None:
    source = staged_case(book)
    stages = list(source.stages)
    stages[0] = stages[0].model_copy(update={"text": f"Stage text {IMAGE}"})
    case = source.model_copy(
        update={
            "id": "pack_hostile",
            "title": f"Case {SCRIPT}",
            "vignette": f"**Bold** {IMAGE} [link](javascript:alert(3))",
            "stages": tuple(stages),
        }
    )
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "mine.yaml").write_text(case_yaml(case), encoding="utf-8")
    monkeypatch.setenv(CASE_PACK_ENV, str(tmp_path / "pack"))

    def shown_markdown() -> list[str]:
        return [m.value for m in app.markdown]

    open_cases(app)
    assert any(f"Case {SCRIPT}" == unescape(t).removeprefix("#### ") for t in shown_markdown())
    app.session_state[TAB] = "Step through a case"
    app.run()
    app.selectbox(key="cases.step.case").set_value("pack_hostile").run()
    app.radio(key="cases.step.stage.pack_hostile").set_value(1).run()
    assert_no_exception(app)
    texts = shown_markdown()
    assert any(f"Stage text {IMAGE}" == unescape(t) for t in texts)
    assert [t for t in texts if RAW_TAG.search(t)] == []
    # The one HTML element is the frame's stylesheet, holding nothing of the pack's.
    (stylesheet,) = app.get("html")
    assert stylesheet.proto.body.startswith("<style>") and SCRIPT not in stylesheet.proto.body
    app.session_state[TAB] = "Class handout"
    app.run()
    app.multiselect(key="handout.cases").set_value(["pack_hostile"]).run()
    handout = downloads["Download the students' handout (PDF)"]["data"]()
    assert "".join(f"Case {SCRIPT}".split()) in pdf_text(handout)
    assert "".join(IMAGE.split()) in pdf_text(handout)
