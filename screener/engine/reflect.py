"""A learner's committed differential set beside the rule book, finding by finding, and their
confidence set beside how often they were right.

For each pattern the learner named: every entered finding they marked for or against it, with
how the rule weighs it (counts it, rules the pattern out, reads it as a look-alike's clue, or
does not weigh it), then the entered findings the rule weighs that they did not mark; their next
finding beside the stage's most separating question for that pattern. For the stage: the cards
they did not name, and the entered finding that tells the case's key apart from their first
wrong pick (the live class's own `distinguishing_finding`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from screener.engine.classroom import distinguishing_finding
from screener.engine.differential import excluding_findings, finding_effect
from screener.engine.screen import present_findings
from screener.models import (
    Calibration,
    CaseScreening,
    Confidence,
    ConfidenceTally,
    FindingWeighing,
    Hypothesis,
    HypothesisReflection,
    NextLook,
    PatternMatch,
    RuleWeight,
    StageAnswer,
    StageReflection,
    StageScreening,
    Syndrome,
    criterion_findings,
)
from screener.rulebook import RuleBook

LEADING = 3
"""The stage's cards a learner is told they did not name: the first this many."""
SUMMARY_FINDINGS = 3
"""Findings a stage must give before a learner is asked to sum the case up in one line."""


def entered_findings(screening: StageScreening) -> tuple[str, ...]:
    """The findings a learner can weigh at a stage: those the case gives so far, then those its
    lab values give, in that order (the ones the screener sets itself are not the learner's)."""
    given = screening.result.profile.findings
    return (*given, *sorted(screening.result.lab_findings - set(given)))


def summary_stage(screening: CaseScreening) -> int:
    """The first stage with enough findings to sum the case up (the last, if none has)."""
    return next(
        (s.index for s in screening.stages if len(entered_findings(s)) >= SUMMARY_FINDINGS),
        len(screening.stages) - 1,
    )


def rule_weight(syndrome: Syndrome, finding: str, book: RuleBook) -> tuple[RuleWeight, str | None]:
    """How `syndrome`'s rule weighs `finding`, and the look-alike it is a clue to, if any."""
    if finding in excluding_findings(syndrome):
        return "excludes", None
    trees = [syndrome.criteria] + ([syndrome.key] if syndrome.key is not None else [])
    if any(finding in criterion_findings(tree) for tree in trees) or finding in syndrome.supporting:
        return "counts", None
    mimic = next((m for m in syndrome.mimics if finding in book.mimic_findings[m]), None)
    return ("mimic", mimic) if mimic is not None else ("silent", None)


def _weighings(
    hypothesis: Hypothesis, entered: Iterable[str], syndrome: Syndrome, book: RuleBook
) -> tuple[FindingWeighing, ...]:
    marked = {f: "for" for f in hypothesis.for_findings} | {
        f: "against" for f in hypothesis.against_findings
    }
    weighings: list[FindingWeighing] = []
    for finding in (*hypothesis.for_findings, *hypothesis.against_findings, *entered):
        if any(w.finding == finding for w in weighings):
            continue
        rule, mimic = rule_weight(syndrome, finding, book)
        side = marked.get(finding)
        if side is None and rule == "silent":
            continue
        weighings.append(
            FindingWeighing.model_validate(
                {"finding": finding, "marked": side, "rule": rule, "mimic": mimic}
            )
        )
    return tuple(weighings)


def _next_look(
    hypothesis: Hypothesis, syndrome: Syndrome, screening: StageScreening, book: RuleBook
) -> NextLook:
    result = screening.result
    present = present_findings(result.profile, result.lab_findings, book)
    asked = hypothesis.next_finding
    effect = finding_effect(syndrome, asked, present, book) if asked is not None else None
    questions = result.differential.questions
    suggested = next(
        (q.finding for q in questions if any(e.syndrome == syndrome.id for e in q.effects)),
        None,
    )
    return NextLook(
        asked=asked,
        effect=effect.effect if effect is not None else None,
        separates=any(q.finding == asked for q in questions),
        suggested=None if suggested == asked else suggested,
    )


def _reflect_on(
    hypothesis: Hypothesis, screening: StageScreening, book: RuleBook
) -> HypothesisReflection:
    syndrome = book.syndrome_by_id[hypothesis.syndrome]
    matches = screening.result.matches
    place: tuple[int, PatternMatch] | None = next(
        ((rank, m) for rank, m in enumerate(matches, start=1) if m.syndrome == syndrome.id), None
    )
    return HypothesisReflection(
        syndrome=syndrome.id,
        rank=place[0] if place else None,
        tier=place[1].tier if place else None,
        findings=_weighings(hypothesis, entered_findings(screening), syndrome, book),
        next=_next_look(hypothesis, syndrome, screening, book),
    )


def reflect(screening: StageScreening, answer: StageAnswer, book: RuleBook) -> StageReflection:
    """The learner's `answer` to a stage beside the stage's cards (`screening`, from
    `screen_case`) and the case's key."""
    shown = tuple(m.syndrome for m in screening.result.matches)
    key = screening.expected_top
    telling = None
    if key is not None and key not in answer.patterns:
        result = screening.result
        present = present_findings(result.profile, result.lab_findings, book)
        telling = distinguishing_finding(key, answer.patterns, present, book)
    return StageReflection(
        answer=answer,
        hypotheses=tuple(_reflect_on(h, screening, book) for h in answer.hypotheses),
        shown=shown,
        key=key,
        not_named=tuple(s for s in shown[:LEADING] if s not in answer.patterns),
        telling=telling,
    )


def calibrate(reflections: Iterable[StageReflection]) -> Calibration:
    """How often each confidence level was right, every level listed (none: zero)."""
    right: Counter[Confidence] = Counter()
    wrong: Counter[Confidence] = Counter()
    for reflection in reflections:
        (right if reflection.right else wrong)[reflection.answer.confidence] += 1
    return Calibration(
        levels=tuple(
            ConfidenceTally(confidence=level, right=right[level], wrong=wrong[level])
            for level in Confidence
        )
    )
