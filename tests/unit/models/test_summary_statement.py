"""A teaching case's model summary statement: one sentence, its qualifiers written in it."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from screener.models import SummaryStatement
from screener.present.reflection_view import summary_parts
from screener.rulebook import RuleBook


def test_a_qualifier_the_sentence_does_not_contain_is_refused() -> None:
    with pytest.raises(ValidationError, match="qualifiers not in the sentence: acute"):
        SummaryStatement(sentence="A subacute, symmetric weakness.", qualifiers=("acute ",))


def test_a_sentence_longer_than_one_line_is_refused() -> None:
    with pytest.raises(ValidationError, match="at most 300 characters"):
        SummaryStatement(sentence="word " * 70, qualifiers=("word",))


def test_every_rule_book_case_has_a_summary_whose_qualifiers_are_marked_in_it(
    book: RuleBook,
) -> None:
    for case in book.cases:
        assert case.summary is not None, case.id
        parts = summary_parts(case.summary)
        assert "".join(p.text for p in parts) == case.summary.sentence
        marked = {p.text.casefold() for p in parts if p.qualifier}
        for qualifier in case.summary.qualifiers:
            assert any(qualifier.casefold() in m for m in marked), (case.id, qualifier)
