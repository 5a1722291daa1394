"""The differential: which findings not yet entered would best separate the top patterns.

This is "what further information would help", made explainable: for each candidate finding it
says, pattern by pattern, whether the finding would complete it, advance it, count as supporting
evidence, rule it out (an exclusion), or point to a mimic to consider first. Findings that would
move the top patterns differently rank first; one that moves them all alike separates nothing.

The same question, asked of any two or three syndromes before anything is entered
(`separating_findings`), is what tells them apart when they are compared side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

from screener.engine.evaluate import evaluate
from screener.models import (
    Differential,
    Effect,
    NextQuestion,
    NoneOf,
    PatternEffect,
    PatternMatch,
    Syndrome,
    criterion_findings,
    walk,
)
from screener.rulebook import RuleBook

TOP_PATTERNS = 5
MAX_QUESTIONS = 8

WEIGHT: dict[Effect, float] = {
    "gives_key": 3.0,
    "completes": 3.0,
    "excludes": 3.0,
    "clears_mimic": 1.5,
    "advances": 1.5,
    "supports": 0.5,
    "points_to_mimic": 0.5,
}
"""How far each effect moves a pattern; a question's separation is the spread of these. A
mimic's clue weighs no more than supporting evidence, and comes after it: most rules name
several mimics, and their clues would otherwise crowd out the questions that tell the patterns
apart. Setting aside a mimic that is considered first now (a normal brain scan, say, for
metastases in a person with cancer) weighs as much as advancing the pattern: it is the question
the card itself asks first."""


EFFECT_ORDER: tuple[Effect, ...] = (
    "gives_key",
    "completes",
    "excludes",
    "clears_mimic",
    "advances",
    "supports",
    "points_to_mimic",
)


def excluding_findings(syndrome: Syndrome) -> frozenset[str]:
    """Findings that rule the pattern out (those inside a none_of of its criteria or key)."""
    found: set[str] = set()
    for tree in (syndrome.criteria, syndrome.key):
        if tree is not None:
            for _, _, node in walk(tree):
                if isinstance(node, NoneOf):
                    found |= criterion_findings(node)
    return frozenset(found)


def finding_effect(
    syndrome: Syndrome, finding: str, present: frozenset[str], book: RuleBook
) -> PatternEffect | None:
    """What entering `finding` would do to `syndrome`, given the findings `present`."""
    if finding in excluding_findings(syndrome):
        return PatternEffect(syndrome=syndrome.id, effect="excludes")
    key = syndrome.key
    if (
        key is not None
        and finding in criterion_findings(key)
        and evaluate(key, present | {finding}).met
        and not evaluate(key, present).met
    ):
        return PatternEffect(syndrome=syndrome.id, effect="gives_key")
    clears: PatternEffect | None = None
    for mimic_id in syndrome.mimics:
        mimic = book.mimic_by_id[mimic_id]
        if mimic.suggested_by is None or finding not in book.mimic_findings[mimic_id]:
            continue
        clue_now = evaluate(mimic.suggested_by, present).met
        clue_then = evaluate(mimic.suggested_by, present | {finding}).met
        if clue_then and not clue_now:
            return PatternEffect(syndrome=syndrome.id, effect="points_to_mimic", mimic=mimic_id)
        if clue_now and not clue_then and clears is None:
            clears = PatternEffect(syndrome=syndrome.id, effect="clears_mimic", mimic=mimic_id)
    # A scan that shows metastases ends "metastases, until a scan" but names brain metastases:
    # what it points to is the news, so it is said before what it sets aside.
    if clears is not None:
        return clears
    if finding in book.syndrome_findings[syndrome.id]:
        before = evaluate(syndrome.criteria, present)
        after = evaluate(syndrome.criteria, present | {finding})
        if after.met and not before.met:
            return PatternEffect(syndrome=syndrome.id, effect="completes")
        if after.progress > before.progress:
            return PatternEffect(syndrome=syndrome.id, effect="advances")
    if finding in syndrome.supporting:
        return PatternEffect(syndrome=syndrome.id, effect="supports")
    return None


def _candidates(
    syndromes: Sequence[Syndrome], present: frozenset[str], decided: frozenset[str], book: RuleBook
) -> list[str]:
    """Findings the top patterns mention, in rule order, that are not present and can be entered.
    A finding an entered lab value decides (`decided`) is not a question: the value answered it."""
    per_pattern = []
    for syndrome in syndromes:
        mentioned = [f for _, f in _paths(syndrome)]
        mentioned += list(syndrome.supporting)
        for mimic_id in syndrome.mimics:
            mentioned += sorted(book.mimic_findings[mimic_id])
        per_pattern.append(mentioned)
    # Taken in turns, one pattern's finding then the next one's, so that among equally good
    # questions every pattern gets its own and none crowds out the others.
    seen: dict[str, None] = {}
    for turn in zip_longest(*per_pattern):
        for finding in turn:
            if (
                finding is not None
                and finding not in present
                and finding not in decided
                and finding in book.enterable_findings
            ):
                seen.setdefault(finding, None)
    return list(seen)


def _paths(syndrome: Syndrome) -> list[tuple[object, str]]:
    trees = [syndrome.criteria] + ([syndrome.key] if syndrome.key is not None else [])
    return [(path, node) for tree in trees for _, path, node in walk(tree) if isinstance(node, str)]


def separating_findings(
    syndromes: Sequence[Syndrome],
    present: frozenset[str],
    book: RuleBook,
    limit: int | None = MAX_QUESTIONS,
    decided: frozenset[str] = frozenset(),
) -> tuple[NextQuestion, ...]:
    """The findings not yet `present` (nor `decided` by a lab value) that move `syndromes`
    differently, most separating first."""
    questions = []
    # How often each finding is seen in each pattern, said beside what it would do.
    rated = {s.id: {f.finding: f for f in book.finding_frequencies[s.id]} for s in syndromes}
    for finding in _candidates(syndromes, present, decided, book):
        effects = [
            e.model_copy(update={"frequency": rated[s.id].get(finding)})
            for s in syndromes
            if (e := finding_effect(s, finding, present, book)) is not None
        ]
        if not effects:
            continue
        weights = [WEIGHT[e.effect] for e in effects] + [0.0] * (len(syndromes) - len(effects))
        # With one pattern there is nothing to separate: how far it moves that one ranks it.
        separation = max(weights) - (min(weights) if len(syndromes) > 1 else 0.0)
        questions.append(
            NextQuestion(finding=finding, effects=tuple(effects), separation=separation)
        )
    # Stable sort: equal separations keep the order above, the pattern's own strongest effect
    # first (completing or ruling out before adding or supporting).
    questions.sort(
        key=lambda q: (-q.separation, min(EFFECT_ORDER.index(e.effect) for e in q.effects))
    )
    return tuple(q for q in questions if q.separation > 0)[:limit]


def differential(
    matches: Sequence[PatternMatch],
    present: frozenset[str],
    decided: frozenset[str],
    book: RuleBook,
) -> Differential:
    """The questions that would best separate the top patterns among `matches`, given the
    findings `present` and those `decided` by an entered lab value."""
    top = [book.syndrome_by_id[m.syndrome] for m in matches[:TOP_PATTERNS]]
    return Differential(
        syndromes=tuple(s.id for s in top),
        questions=separating_findings(top, present, book, decided=decided),
    )
