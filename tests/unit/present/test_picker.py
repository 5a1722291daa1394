"""The picker's options as a learner meets them: the picker filters them by what is typed
(anywhere in the line, case aside) and keeps their order."""

from __future__ import annotations

import pytest

from screener.models import AntibodyRisk
from screener.present.picker import pick_options
from screener.rulebook import RuleBook


def _offered(book: RuleBook, typed: str) -> list[str]:
    """The tokens the picker shows, in order, once `typed` is typed."""
    return [o.token for o in pick_options(book) if typed.lower() in o.text.lower()]


@pytest.mark.parametrize("word", ["sodium", "calcium", "Sodium"])
def test_a_lab_word_offers_the_lab_value_first(book: RuleBook, word: str) -> None:
    offered = _offered(book, word)
    assert len(offered) > 1, "the word also names a finding"
    assert offered[0] == f"lab:{word.lower()}"


def test_an_antibody_outside_the_criteria_keeps_pns_in_capitals(book: RuleBook) -> None:
    outside = next(a for a in book.antibodies if a.risk == AntibodyRisk.OUTSIDE_PNS)
    text = next(o.text for o in pick_options(book) if o.token == f"antibody:{outside.id}")
    assert "antibody outside the PNS criteria" in text
