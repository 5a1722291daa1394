"""A live class's answers counted: per stage, how the room spread over the patterns and the
confidence levels, how many named the stage's answer, the distinguishing findings those who
did not name it missed, and, over the stages, who changed their mind and when the room first
named the case's answer. Seats only tell answers apart; nothing here is about a person.

A stage's answer is the pattern it shows first (`TeachingCase.stage_tops`; at the last stage
the case's answer, which `validate` checks). At a stage that shows no pattern yet, 'no pattern
yet' is the right answer.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence

from screener.engine.differential import separating_findings
from screener.engine.screen import present_findings, screen
from screener.models import (
    ClassAnswer,
    ClassSummary,
    Confidence,
    FindingId,
    PatternCount,
    PatternEffect,
    StageSummary,
    StageTally,
    SyndromeId,
    TeachingCase,
)
from screener.rulebook import RuleBook

FOR_THE_ANSWER = frozenset({"gives_key", "completes", "advances", "supports"})
"""What a finding may do for the answer's pattern to tell it apart from another."""
AGAINST_A_PICK = frozenset({"excludes", "points_to_mimic"})
"""What a finding may do against a pattern picked instead."""


def _favours_answer(effects: Sequence[PatternEffect], reference: str) -> bool:
    return any(
        (e.syndrome == reference and e.effect in FOR_THE_ANSWER)
        or (e.syndrome != reference and e.effect in AGAINST_A_PICK)
        for e in effects
    )


_MISSED_CACHE_SIZE = 4096
_missed: dict[tuple[str, str, str | None, frozenset[str]], str | None] = {}
_missed_lock = threading.Lock()


def distinguishing_finding(
    reference: SyndromeId,
    picks: Sequence[SyndromeId],
    present: frozenset[str],
    book: RuleBook,
) -> FindingId | None:
    """The finding of the stage that best tells its answer (`reference`) apart from the
    learner's leading wrong pick (the first they named; from nothing, for 'no pattern yet'):
    the compare view's separating finding, among those the stage has, that speaks for the
    answer or against the pick.

    Worked out once per rule book, answer, pick and stage (a projector asks every second), and
    against one pick only, so a room of any size asks at most once per syndrome."""
    pick = next((p for p in picks if p != reference), None)
    key = (book.content_hash, reference, pick, present)
    if key in _missed:
        return _missed[key]
    syndromes = [book.syndrome_by_id[reference]]
    if pick is not None:
        syndromes.append(book.syndrome_by_id[pick])
    found = next(
        (
            q.finding
            for q in separating_findings(syndromes, frozenset(), book, limit=None)
            if q.finding in present and _favours_answer(q.effects, reference)
        ),
        None,
    )
    with _missed_lock:
        if len(_missed) >= _MISSED_CACHE_SIZE:
            _missed.clear()
        _missed[key] = found
    return found


def stage_findings(case: TeachingCase, stage: int, book: RuleBook) -> frozenset[str]:
    """Every finding known at `stage`, with those its lab values and context give."""
    profile = case.stage_profiles[stage]
    return present_findings(profile, screen(profile, book).lab_findings, book)


def stage_tally(
    case: TeachingCase,
    stage: int,
    answers: Sequence[ClassAnswer],
    book: RuleBook,
    present: frozenset[str] | None = None,
) -> StageTally:
    """The room at `stage`, from its answers (answers to other stages are left out).
    `present`: the stage's findings (`stage_findings`), when the caller already has them."""
    here = [a for a in answers if a.stage == stage]
    reference = case.stage_tops[stage]
    patterns: Counter[str | None] = Counter()
    for answer in here:
        patterns.update(answer.patterns or (None,))
    confidence = Counter(a.confidence for a in here)
    missed: Counter[str] = Counter()
    if reference is not None:
        known = stage_findings(case, stage, book) if present is None else present
        for answer in here:
            if not answer.names(reference):
                finding = distinguishing_finding(reference, answer.patterns, known, book)
                if finding is not None:
                    missed[finding] += 1
    return StageTally(
        stage=stage,
        answered=len(here),
        patterns=tuple(
            PatternCount(syndrome=s, count=n)
            for s, n in sorted(patterns.items(), key=lambda item: (-item[1], item[0] or ""))
        ),
        confidence=tuple((level, confidence[level]) for level in Confidence),
        answer=reference,
        named_answer=sum(a.names(reference) for a in here),
        missed=tuple(sorted(missed.items(), key=lambda item: (-item[1], item[0]))),
    )


def class_summary(
    case: TeachingCase, answers: Sequence[ClassAnswer], book: RuleBook
) -> ClassSummary:
    """Every stage of the case, answered or not, and when the room first named the answer."""
    by_seat: dict[int, dict[str, frozenset[str]]] = {}
    for answer in answers:
        by_seat.setdefault(answer.stage, {})[answer.seat] = frozenset(answer.patterns)
    stages = []
    first_named = None
    for stage in range(len(case.stage_profiles)):
        tally = stage_tally(case, stage, answers, book)
        now, before = by_seat.get(stage, {}), by_seat.get(stage - 1, {})
        both = [seat for seat in now if seat in before] if stage else []
        stages.append(
            StageSummary(
                tally=tally,
                compared=len(both),
                changed_mind=sum(now[seat] != before[seat] for seat in both),
            )
        )
        if first_named is None and case.answer in tally.leading:
            first_named = stage
    return ClassSummary(answer=case.answer, stages=tuple(stages), first_named=first_named)
