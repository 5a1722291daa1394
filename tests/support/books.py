"""The rule books tests use, each loaded once per test session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from screener.present.picker import matching_picks
from screener.rulebook import DEFAULT_RULES_DIR, RuleBook, load_rule_book

MINI_RULES = Path(__file__).resolve().parent.parent / "fixtures" / "mini_rules"


@cache
def real_book() -> RuleBook:
    """The project's real rule book (also for parametrising at collection time)."""
    return load_rule_book(DEFAULT_RULES_DIR)


@cache
def mini_book() -> RuleBook:
    """A small rule book whose syndromes exist only to exercise the engine."""
    return load_rule_book(MINI_RULES)


def found_ids(book: RuleBook, typed: str) -> set[str]:
    """The findings the Screen page's picker offers for `typed`."""
    kinds = (o.token.split(":", 1) for o in matching_picks(book, typed))
    return {item for kind, item in kinds if kind == "finding"}
