"""Teaching cases: the case as a profile, and how a practice answer is marked."""

from __future__ import annotations

import pytest

from screener.engine import screen
from screener.models import Category
from screener.rulebook import RuleBook
from screener.teaching import case_profile, mark_answer


def test_a_case_profile_carries_everything_the_case_lists(book: RuleBook) -> None:
    for case in book.cases:
        profile = case_profile(case)
        assert set(profile.findings) == set(case.findings)
        assert set(profile.cancers) == set(case.cancers)
        assert set(profile.antibodies) == set(case.antibodies)
        assert set(profile.labs) == set(case.labs)
        assert (profile.age_band, profile.sex, profile.follow_up) == (
            case.age_band,
            case.sex,
            case.follow_up,
        )


def test_every_case_shows_its_answer_as_the_top_pattern(book: RuleBook) -> None:
    for case in book.cases:
        result = screen(case_profile(case), book)
        assert result.matches[0].syndrome == case.answer, case.id


@pytest.mark.parametrize(
    ("right_category", "syndrome", "points", "possible"),
    [
        (True, "answer", 2, 2),
        (True, None, 1, 1),
        (True, "other", 1, 2),
        (False, "answer", 1, 2),
        (False, None, 0, 1),
        (False, "other", 0, 2),
    ],
)
def test_marks(book: RuleBook, right_category, syndrome, points, possible) -> None:
    case = book.cases[0]
    other_syndrome = next(s.id for s in book.syndromes if s.id != case.answer)
    category = case.category if right_category else next(c for c in Category if c != case.category)
    named = {"answer": case.answer, "other": other_syndrome, None: None}[syndrome]
    mark = mark_answer(case, category, named)
    assert (mark.points, mark.possible) == (points, possible)
    assert mark.category_right is right_category
