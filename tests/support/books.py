"""The rule books tests use, each loaded once per test session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from screener.inputs.find import WordIndex, find, word_index
from screener.present.picker import PickOption, pick_options
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
    """The findings the Screen picker offers for what a learner typed: the lines holding it as
    one piece (the browser's filter), or, where no line does, what Enter finds by its words in
    any order (`screener.inputs.find`). The rule tests use it to check the book's words, that a
    word reaches the finding it means and no other."""
    options, names = _picker(book)
    wanted = typed.casefold()
    tokens = [o.token for o in options if wanted in o.text.casefold()]
    if not tokens:
        tokens = list(find(names, typed).tokens)
    return {item for kind, _, item in (t.partition(":") for t in tokens) if kind == "finding"}


_PICKERS: dict[str, tuple[tuple[PickOption, ...], WordIndex]] = {}


def _picker(book: RuleBook) -> tuple[tuple[PickOption, ...], WordIndex]:
    """The picker's lines and word index, built once per rule book (a book is not hashable)."""
    if book.content_hash not in _PICKERS:
        _PICKERS[book.content_hash] = (pick_options(book), word_index(book))
    return _PICKERS[book.content_hash]
