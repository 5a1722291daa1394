"""The rule book's own tests, run by `validate`: rule examples and the mimics set catch what
they exist to catch."""

from __future__ import annotations

import pytest

from screener.engine.selftest import run_example, run_mimic_case
from screener.models import MimicCase


def test_a_wrong_example_expectation_is_caught(mini_book):
    alpha = mini_book.syndrome_by_id["alpha"]
    flipped = alpha.model_copy(
        update={
            "examples": tuple(e.model_copy(update={"expect": "no_match"}) for e in alpha.examples)
        }
    )
    assert not run_example(flipped, 0, mini_book).passed


def mini_case(**fields) -> MimicCase:
    return MimicCase.model_validate({"id": "m", "title": "t", "teaching": "x"} | fields)


def test_a_named_mimic_on_a_capped_card_passes(mini_book):
    case = mini_case(
        findings=["a", "b", "c", "exposure_x"],
        cancers=["sclc"],
        cause="look_alike",
        expect_urgency="this_week",
    )
    assert run_mimic_case(case, mini_book).passed


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"findings": ["a", "b", "c"], "cancers": ["sclc"], "cause": "look_alike"}, "as strong"),
        ({"findings": ["a", "b", "exposure_x"]}, "no card should show"),
        ({"findings": ["c"]}, "urgency is this_week, expected no red flag"),
        ({"findings": ["breathless"], "expect_urgency": "today"}, "urgency is now"),
    ],
)
def test_each_kind_of_over_call_is_caught(mini_book, fields, problem):
    outcome = run_mimic_case(mini_case(**fields), mini_book)
    assert not outcome.passed and problem in str(outcome)
