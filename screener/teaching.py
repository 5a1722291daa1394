"""Teaching cases: the profile a case describes, and how a practice answer is marked."""

from __future__ import annotations

from dataclasses import dataclass

from screener.models import Category, Profile, TeachingCase


def case_profile(case: TeachingCase) -> Profile:
    return Profile.of(case)


@dataclass(frozen=True)
class Mark:
    """One practice answer: a point for the right category, another for naming the syndrome."""

    category_right: bool
    syndrome_right: bool | None
    """None when the learner named no syndrome."""

    @property
    def points(self) -> int:
        return int(self.category_right) + int(bool(self.syndrome_right))

    @property
    def possible(self) -> int:
        return 1 if self.syndrome_right is None else 2


def mark_answer(case: TeachingCase, category: Category, syndrome: str | None) -> Mark:
    return Mark(
        category_right=category == case.category,
        syndrome_right=None if syndrome is None else syndrome == case.answer,
    )
