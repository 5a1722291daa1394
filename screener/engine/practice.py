"""Teaching cases: the profile a case describes, and how a practice run is scored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from screener.models import Profile, TeachingCase


def case_profile(case: TeachingCase) -> Profile:
    """Everything the case tells, at its last stage."""
    return case.profile


@dataclass(frozen=True)
class PracticeScore:
    """A practice run: the learner commits to a pattern (or to 'not sure yet') at each stage.

    Naming the answer earlier scores more: first at stage 1 of 4 scores 4 points, first at the
    last stage 1 point, never 0. Changing one's mind later does not take the points away.
    """

    stages: int
    first_right: int | None
    """The 0-based stage at which the learner first named the answer; None if never."""

    @property
    def points(self) -> int:
        return 0 if self.first_right is None else self.stages - self.first_right

    @property
    def possible(self) -> int:
        return self.stages


def score_practice(case: TeachingCase, commitments: Sequence[str | None]) -> PracticeScore:
    """Score the commitments made so far, one per stage reached (None: not sure yet)."""
    first_right = next((i for i, named in enumerate(commitments) if named == case.answer), None)
    return PracticeScore(stages=len(case.stage_profiles), first_right=first_right)
