"""A learner's own differential at a stage of a teaching case, committed before the stage's
patterns show, and what the rule book says of it once revealed: finding by finding, and, over a
case or a practice run, how often each confidence level was right.

Kept in the learner's session only; nothing here is about a person, and none of it is a
probability of disease.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from screener.models.base import FindingId, Frozen, MimicId, SyndromeId, Tier
from screener.models.classroom import MAX_PICKS, Confidence, names_answer
from screener.models.differential import Effect


class Hypothesis(Frozen):
    """One pattern the learner leads with, the entered findings they say speak for and against
    it, and the finding they would look for next."""

    syndrome: SyndromeId
    for_findings: tuple[FindingId, ...] = ()
    against_findings: tuple[FindingId, ...] = ()
    next_finding: FindingId | None = None

    @model_validator(mode="after")
    def _one_side_each(self) -> Hypothesis:
        if set(self.for_findings) & set(self.against_findings):
            raise ValueError("a finding speaks for a pattern or against it, not both")
        return self


class StageAnswer(Frozen):
    """A learner's committed answer to one stage: their leading patterns, first the one they
    think fits best (none: 'no pattern yet'), and how sure they are."""

    stage: int = Field(ge=0)
    hypotheses: tuple[Hypothesis, ...] = Field(max_length=MAX_PICKS)
    confidence: Confidence

    @property
    def patterns(self) -> tuple[SyndromeId, ...]:
        return tuple(h.syndrome for h in self.hypotheses)

    @property
    def first(self) -> SyndromeId | None:
        return self.patterns[0] if self.patterns else None

    @model_validator(mode="after")
    def _each_pattern_once(self) -> StageAnswer:
        if len(set(self.patterns)) != len(self.patterns):
            raise ValueError("each pattern is named once")
        return self


RuleWeight = Literal["counts", "excludes", "mimic", "silent"]
"""How the rule weighs an entered finding for a pattern: counts it (criteria, key or supporting),
says it rules the pattern out, reads it as a clue to a look-alike to consider first, or does not
weigh it."""


class FindingWeighing(Frozen):
    """An entered finding as the learner marked it for a pattern (None: not marked) beside how
    the rule weighs it."""

    finding: FindingId
    marked: Literal["for", "against"] | None
    rule: RuleWeight
    mimic: MimicId | None = Field(default=None, description="The look-alike it is a clue to.")

    @property
    def agrees(self) -> bool:
        if self.marked == "for":
            return self.rule == "counts"
        if self.marked == "against":
            return self.rule in ("excludes", "mimic")
        return self.rule == "silent"


class NextLook(Frozen):
    """The learner's next finding beside the rule's: what theirs would do to the pattern, and the
    finding the stage's differential would ask first, when it is another one."""

    asked: FindingId | None
    effect: Effect | None = Field(description="What the asked finding would do to the pattern.")
    separates: bool = Field(description="The asked finding is among the stage's questions.")
    suggested: FindingId | None = Field(
        description="The stage's most separating question that moves this pattern, if not asked."
    )


class HypothesisReflection(Frozen):
    syndrome: SyndromeId
    rank: int | None = Field(description="Its place among the stage's cards; None: not shown.")
    tier: Tier | None
    findings: tuple[FindingWeighing, ...]
    next: NextLook


class StageReflection(Frozen):
    """A committed stage answer set beside the stage's cards and the case's key."""

    answer: StageAnswer
    hypotheses: tuple[HypothesisReflection, ...]
    shown: tuple[SyndromeId, ...] = Field(description="The stage's cards, in order.")
    key: SyndromeId | None = Field(description="What the case says the stage shows first.")
    not_named: tuple[SyndromeId, ...] = Field(
        description="The leading cards the learner did not name, in order."
    )
    telling: FindingId | None = Field(
        description="An entered finding that tells the key apart from the learner's first wrong "
        "pick (none when they named the key)."
    )

    @property
    def right(self) -> bool:
        return names_answer(self.answer.patterns, self.key)


class ConfidenceTally(Frozen):
    confidence: Confidence
    right: int
    wrong: int


class Calibration(Frozen):
    """How often each confidence level was right over a case or a practice run."""

    levels: tuple[ConfidenceTally, ...] = Field(description="Every level, in order.")

    @property
    def answered(self) -> int:
        return sum(level.right + level.wrong for level in self.levels)

    @property
    def sure_and_wrong(self) -> int:
        return sum(level.wrong for level in self.levels if level.confidence in SURE)


SURE = frozenset({Confidence.FAIRLY_SURE, Confidence.CERTAIN})
"""The levels at which a wrong answer is worth pointing out."""
