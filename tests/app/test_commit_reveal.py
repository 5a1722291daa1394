"""Commit, then reveal: a learner's own differential at a stage, before its patterns are sent to
the browser, set beside the rule book finding by finding; their confidence set beside how often
they were right; and practice's polish (a one-stage case, a chosen category, the next case)."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from screener.engine import screen_case
from screener.models import Confidence, TeachingCase
from screener.present.stage_view import staged_case_view
from screener.rulebook import RuleBook
from tests.app.conftest import assert_no_exception, button, open_page, page_text

STAGED = "case_stairs_and_dry_mouth"
"""Four stages: no pattern at presentation, then Lambert-Eaton shown first at every later one."""


@pytest.fixture
def case(book: RuleBook) -> TeachingCase:
    case = book.case_by_id[STAGED]
    assert case.stage_tops == (None, "lems", "lems", "lems"), "the tests read this case's keys"
    return case


def _nodes(node: object) -> Iterator[object]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def sent(app: AppTest) -> str:
    """Everything the page sends the browser, every element's message in full (folded or not,
    a chart's data included), as one text to search."""
    return "\n".join(str(n.proto) for n in _nodes(app._tree) if getattr(n, "proto", None))


def pattern_lines(case: TeachingCase, stage: int, book: RuleBook) -> list[str]:
    view = staged_case_view(case, screen_case(case, book), book)
    return [line.text for line in view.stages[stage].patterns]


def fill(
    app: AppTest,
    form: str,
    picks: list[tuple[str, list[str], list[str], str | None]],
    confidence: Confidence,
) -> None:
    """Fill the commit form `form` with up to three (pattern, for, against, next) and commit."""
    for slot, (pattern, speaks_for, against, look) in enumerate(picks):
        app.selectbox(key=f"{form}.{slot}.pattern").set_value(pattern)
        app.multiselect(key=f"{form}.{slot}.for").set_value(speaks_for)
        app.multiselect(key=f"{form}.{slot}.against").set_value(against)
        app.selectbox(key=f"{form}.{slot}.next").set_value(look)
    app.radio(key=f"{form}.confidence").set_value(confidence)
    next(b for b in app.get("form_submit_button") if b.label == "Commit and reveal").click().run()
    assert_no_exception(app)


def open_stage(app: AppTest, case: TeachingCase, stage: int) -> None:
    open_page(app, "cases", "Step through a case")
    app.selectbox(key="cases.step.case").set_value(case.id).run()
    app.radio(key=f"cases.step.stage.{case.id}").set_value(stage).run()
    assert_no_exception(app)


def test_a_stages_patterns_are_not_sent_to_the_browser_until_the_learner_commits_or_skips(
    app: AppTest, book: RuleBook, case: TeachingCase
) -> None:
    open_stage(app, case, 1)
    lines = pattern_lines(case, 1, book)
    lems = book.syndrome_by_id["lems"].name
    assert lines and lines[0].startswith(f"1. {lems}: ")
    before = sent(app)
    assert not any(line in before for line in lines), "the stage's patterns were sent early"
    assert "Patterns shown, in order" not in before
    assert "ordering points" not in before.lower().replace("ordering points only", "")
    assert not app.get("vega_lite_chart"), "the chart's data would carry the patterns"

    fill(app, f"cases.step.commit.{case.id}.1", [("lems", [], [], None)], Confidence.UNSURE)
    assert lines[0] in page_text(app)
    assert "You named the stage's key." in page_text(app)

    # The next stage is kept back again until the learner skips to its answer.
    button(app, "Next stage").click().run()
    later = pattern_lines(case, 2, book)
    assert not any(line in sent(app) for line in later)
    button(app, "Skip to the answer").click().run()
    assert later[0] in page_text(app)
    assert "You skipped to the answer at this stage" in page_text(app)


def test_a_committed_differential_is_set_beside_the_rule_finding_by_finding(
    app: AppTest, book: RuleBook, case: TeachingCase
) -> None:
    def label(finding: str) -> str:
        return book.findings[finding].label

    open_stage(app, case, 1)
    fill(
        app,
        f"cases.step.commit.{case.id}.1",
        [
            (
                "dermatomyositis",
                ["proximal_leg_weakness", "dry_mouth"],
                ["strength_improves_with_effort"],
                "ncs_increment_after_exercise",
            ),
            ("lems", [], ["constipation"], None),
        ],
        Confidence.CERTAIN,
    )
    text = page_text(app)
    dermatomyositis = book.syndrome_by_id["dermatomyositis"].name
    lems = book.syndrome_by_id["lems"].name
    assert f"Your first: {dermatomyositis} (the screener shows no card for it" in text
    assert f"Your second: {lems} (the screener shows it as card 1 of 1" in text
    # What the learner and the rule weigh alike, what they weighted that the rule does not, and
    # what they missed.
    assert f"{label('proximal_leg_weakness')}: you and the rule both count it for this" in text
    assert f"{label('dry_mouth')}: you weighted it for this pattern; the rule does not" in text
    effort = label("strength_improves_with_effort")
    assert f"{effort}: you put it against this pattern; the rule reads it as a clue to" in text
    assert f"{label('difficulty_rising_from_chair')}: you did not mark it; the rule counts" in text
    assert f"{label('constipation')}: you put it against this pattern; the rule counts it " in text
    # Their next finding, and the distinguishing finding they did not ask for.
    assert f"You would look next for {label('ncs_increment_after_exercise')}" in text
    assert (
        "The question the screener would ask first for this pattern: "
        f"{label('ncs_increment_after_exercise')}" in text
    )
    assert "You named the stage's key." in text


def _practice(app: AppTest, case: TeachingCase) -> None:
    open_page(app, "cases", "Practice")
    app.selectbox(key="practice.case").set_value(case.id).run()
    assert_no_exception(app)


def test_a_scripted_practice_run_shows_how_often_each_confidence_level_was_right(
    app: AppTest, book: RuleBook, case: TeachingCase
) -> None:
    _practice(app, case)
    script = [
        (None, Confidence.CERTAIN),  # right: no pattern shows yet
        ("dermatomyositis", Confidence.CERTAIN),  # sure and wrong
        ("lems", Confidence.GUESSING),  # right, though guessing
        ("ectopic_acth_syndrome", Confidence.FAIRLY_SURE),  # sure and wrong
    ]
    for stage, (pattern, confidence) in enumerate(script):
        assert "How sure you were, and how often right" not in page_text(app)
        picks = [(pattern, [], [], None)] if pattern else []
        fill(app, f"practice.form.{case.id}.{stage}", picks, confidence)
    text = page_text(app)
    assert (
        "You were right on 2 of 4 stages; you were sure and wrong on 2 of 4; 1 right when you "
        "were not sure." in text
    )
    chart = next(c for c in app.get("vega_lite_chart") if c.proto.alt.startswith("Bar chart"))
    table = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas()
    counts = {(row.level, row.outcome): row.count for row in table.itertuples()}
    assert counts == {
        ("Guessing", "Right"): 1,
        ("Guessing", "Not right"): 0,
        ("Not very sure", "Right"): 0,
        ("Not very sure", "Not right"): 0,
        ("Fairly sure", "Right"): 0,
        ("Fairly sure", "Not right"): 1,
        ("Certain", "Right"): 1,
        ("Certain", "Not right"): 1,
    }
    # Each stage's differential is set beside the rule book, and the score is unchanged.
    assert text.count("Your differential beside the rule book") == 4
    assert "You first named the answer at stage 3 of 4: 2 of 4 points." in text


def test_practice_can_skip_to_the_answer_and_go_on_to_the_next_case(
    app: AppTest, book: RuleBook, case: TeachingCase
) -> None:
    _practice(app, case)
    answer = book.syndrome_by_id[case.answer].name
    assert f"**Pattern:** {answer}" not in page_text(app)
    button(app, "Skip to the answer").click().run()
    assert f"**Pattern:** {answer}" in page_text(app)
    button(app, "Next case").click().run()
    assert_no_exception(app)
    assert app.selectbox(key="practice.case").value != case.id
    assert any(b.label == "Commit and reveal" for b in app.get("form_submit_button"))


def test_a_one_stage_case_is_not_scored_as_one_of_four_stages(app: AppTest, book: RuleBook) -> None:
    one = next(c for c in book.cases if not c.stages)
    _practice(app, one)
    text = page_text(app)
    assert "stage 1 of" not in text and "scores 1 point" in text


def test_practice_over_a_chosen_category_offers_only_its_cases(
    app: AppTest, book: RuleBook
) -> None:
    category = book.cases[-1].category
    ids = [c.id for c in book.cases if c.category == category]
    open_page(app, "cases", "Practice")
    app.selectbox(key="practice.category").set_value(category).run()
    assert_no_exception(app)
    assert app.selectbox(key="practice.case").options == [
        f"Case {n} of {len(ids)}" for n in range(1, len(ids) + 1)
    ]
    assert app.selectbox(key="practice.case").value in ids


def test_a_learners_summary_statement_is_set_beside_the_model_one_at_the_end(
    app: AppTest, book: RuleBook, case: TeachingCase
) -> None:
    assert case.summary is not None
    open_stage(app, case, 0)
    form = f"cases.step.commit.{case.id}.0"
    box = app.text_input(key=f"{form}.summary")
    assert box.max_chars == 300
    box.input("Older smoker, months of proximal weakness and dry mouth.")
    fill(app, form, [], Confidence.GUESSING)
    model = case.summary.sentence
    assert model not in sent(app), "the model sentence waits for the end of the case"
    for _ in range(len(case.stage_profiles) - 1):
        button(app, "Next stage").click().run()
        button(app, "Skip to the answer").click().run()
    text = page_text(app)
    assert "Yours: Older smoker, months of proximal weakness and dry mouth." in text
    shown = next(line for line in text.splitlines() if line.startswith("A model summary"))
    for qualifier in case.summary.qualifiers:
        assert f"**{qualifier}**" in shown
    assert shown.replace("**", "") == f"A model summary statement: {model}"
