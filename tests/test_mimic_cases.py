"""The mimics set: presentations that are not paraneoplastic must not look like one."""

from __future__ import annotations

import pytest

from screener.examples import run_mimic_case
from screener.loader import DEFAULT_RULES_DIR, load_rule_book
from screener.models import MimicCase

BOOK = load_rule_book(DEFAULT_RULES_DIR)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in BOOK.mimic_cases])
def test_mimic_case(case):
    outcome = run_mimic_case(case, BOOK)
    assert outcome.passed, str(outcome)


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
