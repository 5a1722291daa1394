"""How a practice run on a teaching case is scored."""

from __future__ import annotations

from collections.abc import Sequence

from screener.models import PracticeScore, TeachingCase


def score_practice(case: TeachingCase, commitments: Sequence[str | None]) -> PracticeScore:
    """Score the commitments made so far, one per stage reached (None: not sure yet)."""
    first_right = next((i for i, named in enumerate(commitments) if named == case.answer), None)
    return PracticeScore(stages=len(case.stage_profiles), first_right=first_right)
