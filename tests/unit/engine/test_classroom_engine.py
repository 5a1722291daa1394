"""The room counted: the spread of a stage, its answer, the finding the room missed, and over
the stages who changed their mind and when the room first named the answer."""

from __future__ import annotations

import datetime as dt

import pytest

from screener.engine.classroom import (
    class_summary,
    distinguishing_finding,
    stage_findings,
    stage_tally,
)
from screener.engine.differential import separating_findings
from screener.models import ClassAnswer, Confidence, TeachingCase
from screener.rulebook import RuleBook

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def two_stage_case(book: RuleBook) -> TeachingCase:
    """A case of two stages: no pattern at presentation, its answer at the second."""
    return next(c for c in book.cases if c.stage_tops[0] is None and len(c.stage_profiles) == 2)


def other_pattern(book: RuleBook, case: TeachingCase) -> str:
    """A pattern of the same category that is not the answer: a plausible wrong pick."""
    return next(s.id for s in book.syndromes if s.category == case.category and s.id != case.answer)


def answer(seat: int, stage: int, *patterns: str, confidence=Confidence.UNSURE) -> ClassAnswer:
    return ClassAnswer(
        seat=f"seat-{seat:012d}",
        stage=stage,
        patterns=patterns,
        confidence=confidence,
        saved_at=NOW,
    )


def test_a_stage_counts_each_pattern_named_and_each_confidence_level(book: RuleBook) -> None:
    case = two_stage_case(book)
    wrong = other_pattern(book, case)
    answers = [
        answer(1, 1, case.answer, confidence=Confidence.CERTAIN),
        answer(2, 1, case.answer, wrong, confidence=Confidence.FAIRLY_SURE),
        answer(3, 1, wrong, confidence=Confidence.GUESSING),
        answer(4, 1),  # no pattern yet
        answer(5, 0, wrong),  # another stage: not counted here
    ]
    tally = stage_tally(case, 1, answers, book)
    assert tally.answered == 4
    counts = {p.syndrome: p.count for p in tally.patterns}
    assert counts == {case.answer: 2, wrong: 2, None: 1}
    assert dict(tally.confidence) == {
        Confidence.GUESSING: 1,
        Confidence.UNSURE: 1,
        Confidence.FAIRLY_SURE: 1,
        Confidence.CERTAIN: 1,
    }
    assert tally.answer == case.answer
    assert tally.named_answer == 2
    assert tally.leading == {case.answer, wrong}


def test_where_no_pattern_shows_yet_no_pattern_is_the_right_answer(book: RuleBook) -> None:
    case = two_stage_case(book)
    answers = [answer(1, 0), answer(2, 0, case.answer)]
    tally = stage_tally(case, 0, answers, book)
    assert tally.answer is None
    assert tally.named_answer == 1
    assert tally.missed == ()


def test_the_finding_missed_is_one_the_stage_has_and_that_speaks_for_the_answer(
    book: RuleBook,
) -> None:
    case = two_stage_case(book)
    wrong = other_pattern(book, case)
    present = stage_findings(case, 1, book)
    finding = distinguishing_finding(case.answer, [wrong], present, book)
    assert finding in present
    separating = separating_findings(
        [book.syndrome_by_id[case.answer], book.syndrome_by_id[wrong]], frozenset(), book, None
    )
    assert finding in {q.finding for q in separating}
    tally = stage_tally(case, 1, [answer(1, 1, wrong), answer(2, 1, wrong), answer(3, 1)], book)
    # Each learner who did not name the answer missed one finding at most; both who picked
    # the same wrong pattern missed the same one.
    assert dict(tally.missed)[finding] >= 2
    assert sum(count for _, count in tally.missed) <= 3


def test_the_summary_counts_changed_minds_and_when_the_room_first_named_the_answer(
    book: RuleBook,
) -> None:
    case = two_stage_case(book)
    wrong = other_pattern(book, case)
    answers = [
        answer(1, 0),
        answer(2, 0, wrong),
        answer(3, 0, wrong),
        answer(1, 1, case.answer),
        answer(2, 1, case.answer),
        answer(3, 1, wrong),  # kept to it
        answer(4, 1, case.answer),  # joined late: nothing to compare with
    ]
    summary = class_summary(case, answers, book)
    first, second = summary.stages
    assert (first.compared, first.changed_mind) == (0, 0)
    assert (second.compared, second.changed_mind) == (3, 2)
    assert summary.first_named == 1
    assert class_summary(case, answers[:3], book).first_named is None


@pytest.mark.parametrize("stage", [0, 1])
def test_a_stage_nobody_answered_counts_nothing(book: RuleBook, stage: int) -> None:
    tally = stage_tally(two_stage_case(book), stage, [], book)
    assert (tally.answered, tally.patterns, tally.named_answer, tally.missed) == (0, (), 0, ())
    assert all(count == 0 for _, count in tally.confidence)
