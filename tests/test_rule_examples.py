"""Every rule's own examples are tests: positives must match, negatives must not."""

from __future__ import annotations

import pytest

from screener.examples import run_example
from screener.loader import DEFAULT_RULES_DIR, load_rule_book

BOOK = load_rule_book(DEFAULT_RULES_DIR)
CASES = [
    pytest.param(syndrome, i, id=f"{syndrome.id}-{i + 1}-{example.expect}")
    for syndrome in BOOK.syndromes
    for i, example in enumerate(syndrome.examples)
]


@pytest.mark.parametrize(("syndrome", "index"), CASES)
def test_rule_example(syndrome, index):
    outcome = run_example(syndrome, index, BOOK)
    assert outcome.passed, str(outcome)


def test_a_wrong_expectation_is_caught(mini_book):
    alpha = mini_book.syndrome_by_id["alpha"]
    flipped = alpha.model_copy(
        update={
            "examples": tuple(e.model_copy(update={"expect": "no_match"}) for e in alpha.examples)
        }
    )
    assert not run_example(flipped, 0, mini_book).passed
