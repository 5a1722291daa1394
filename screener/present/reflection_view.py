"""A learner's committed differential beside the rule book, in words (`reflect`'s reflection),
their calibration (`calibrate`) as a table and a plain sentence, and their one-line summary of
the case beside the model one."""

from __future__ import annotations

from screener.models import (
    SURE,
    Calibration,
    Frozen,
    HypothesisReflection,
    StageReflection,
    SummaryStatement,
    qualifier_span,
)
from screener.present import teaching_words as teaching
from screener.present import words
from screener.present.class_words import CONFIDENCE
from screener.rulebook import RuleBook


class HypothesisView(Frozen):
    heading: str
    """'Your first: Lambert-Eaton myasthenic syndrome (the screener shows it as card 1 of 3 …)'."""
    agreed: tuple[str, ...]
    """Findings the learner and the rule weigh alike."""
    differed: tuple[str, ...]
    """Findings the learner weighed and the rule does not, or the other way round."""
    missed: tuple[str, ...]
    """Findings the rule weighs that the learner did not mark."""
    next: tuple[str, ...]


class ReflectionView(Frozen):
    heading: str
    key: str
    verdict: str
    right: bool
    hypotheses: tuple[HypothesisView, ...]
    no_picks: str | None
    not_named: str | None
    telling: str | None


def _hypothesis(
    place: int, reflection: HypothesisReflection, shown: int, book: RuleBook
) -> HypothesisView:
    pattern = book.label("syndrome", reflection.syndrome)
    where = (
        teaching.ON_CARDS.format(
            rank=reflection.rank, count=shown, tier=words.TIER_SHORT[reflection.tier]
        )
        if reflection.rank is not None and reflection.tier is not None
        else teaching.NOT_ON_CARDS
    )
    agreed: list[str] = []
    differed: list[str] = []
    missed: list[str] = []
    for weighing in reflection.findings:
        text = teaching.WEIGHING[(weighing.marked, weighing.rule)].format(
            finding=book.label("finding", weighing.finding),
            mimic=book.label("mimic", weighing.mimic) if weighing.mimic else "",
        )
        if weighing.marked is None:
            missed.append(text)
        else:
            (agreed if weighing.agrees else differed).append(text)
    look = reflection.next
    lines = []
    if look.asked is None:
        lines.append(teaching.NEXT_NONE)
    else:
        finding = book.label("finding", look.asked)
        if look.effect is None:
            line = teaching.NEXT_UNMOVED.format(finding=finding)
        else:
            effect = words.EFFECT[look.effect].sentence.format(pattern=pattern, mimic="a mimic")
            line = teaching.NEXT_ASKED.format(finding=finding, effect=effect)
        lines.append(line + (teaching.NEXT_SEPARATES if look.separates else ""))
    if look.suggested is not None:
        lines.append(teaching.NEXT_SUGGESTED.format(finding=book.label("finding", look.suggested)))
    return HypothesisView(
        heading=teaching.YOUR_PLACE.format(place=teaching.PICK_PLACES[place], pattern=pattern)
        + f" ({where})",
        agreed=tuple(agreed),
        differed=tuple(differed),
        missed=tuple(missed),
        next=tuple(lines),
    )


def reflection_view(reflection: StageReflection, book: RuleBook) -> ReflectionView:
    key = reflection.key
    names = [book.label("syndrome", s) for s in reflection.not_named]
    return ReflectionView(
        heading=teaching.REFLECTION_HEADING,
        key=teaching.KEY_LINE.format(key=book.label("syndrome", key)) if key else teaching.KEY_NONE,
        verdict=teaching.RIGHT if reflection.right else teaching.NOT_RIGHT,
        right=reflection.right,
        hypotheses=tuple(
            _hypothesis(place, h, len(reflection.shown), book)
            for place, h in enumerate(reflection.hypotheses)
        ),
        no_picks=None if reflection.hypotheses else teaching.NO_PICKS,
        not_named=teaching.NOT_NAMED.format(patterns="; ".join(names)) if names else None,
        telling=(
            teaching.TELLING.format(
                key=book.label("syndrome", key), finding=book.label("finding", reflection.telling)
            )
            if key and reflection.telling
            else None
        ),
    )


class CalibrationRow(Frozen):
    level: str
    outcome: str
    """Right or not right."""
    count: int


class CalibrationView(Frozen):
    heading: str
    sentence: str
    rows: tuple[CalibrationRow, ...]
    """Two rows a level (right, not right), every level in order: the chart's table."""
    note: str


def calibration_sentence(calibration: Calibration) -> str:
    """'You were right on 3 of 5 stages; you were sure and wrong on 2 of 5 stages.'"""
    answered = calibration.answered
    if not answered:
        return teaching.CALIBRATION_NONE
    right = sum(level.right for level in calibration.levels)
    sure = sum(
        level.right + level.wrong for level in calibration.levels if level.confidence in SURE
    )
    text = f"You were right on {right} of {words.plural(answered, 'stage')}"
    if calibration.sure_and_wrong:
        text += f"; you were sure and wrong on {calibration.sure_and_wrong} of {answered}"
    elif sure:
        text += "; every time you were sure, you were right"
    guessed_right = sum(level.right for level in calibration.levels if level.confidence not in SURE)
    if guessed_right:
        text += f"; {guessed_right} right when you were not sure"
    return text + "."


def calibration_view(calibration: Calibration) -> CalibrationView:
    return CalibrationView(
        heading=teaching.CALIBRATION_HEADING,
        sentence=calibration_sentence(calibration),
        rows=tuple(
            CalibrationRow(level=CONFIDENCE[level.confidence], outcome=outcome, count=count)
            for level in calibration.levels
            for outcome, count in (
                (teaching.RIGHT_WORD, level.right),
                (teaching.WRONG_WORD, level.wrong),
            )
        ),
        note=teaching.CALIBRATION_NOTE,
    )


class SummaryPart(Frozen):
    text: str
    qualifier: bool


class SummaryView(Frozen):
    """The learner's one-line summary (if they wrote one) beside the case's model sentence,
    its semantic qualifiers marked."""

    heading: str
    yours: str
    model_label: str
    model: tuple[SummaryPart, ...]
    qualifiers: str


def summary_parts(summary: SummaryStatement) -> tuple[SummaryPart, ...]:
    """The model sentence cut at its qualifiers (each marked where it first appears)."""
    sentence = summary.sentence
    spans = sorted(
        {span for q in summary.qualifiers if (span := qualifier_span(sentence, q)) is not None}
    )
    parts, at = [], 0
    for start, end in spans:
        if start < at:
            continue
        if start > at:
            parts.append(SummaryPart(text=sentence[at:start], qualifier=False))
        parts.append(SummaryPart(text=sentence[start:end], qualifier=True))
        at = end
    if at < len(sentence):
        parts.append(SummaryPart(text=sentence[at:], qualifier=False))
    return tuple(parts)


def summary_view(summary: SummaryStatement, yours: str | None) -> SummaryView:
    return SummaryView(
        heading=teaching.SUMMARY_HEADING,
        yours=teaching.YOUR_SUMMARY.format(text=yours) if yours else teaching.NO_SUMMARY,
        model_label=teaching.MODEL_SUMMARY,
        model=summary_parts(summary),
        qualifiers=teaching.QUALIFIERS.format(qualifiers=", ".join(summary.qualifiers)),
    )
