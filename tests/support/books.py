"""The rule books tests use, each loaded once per test session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

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
    """The findings whose names (label or a synonym) hold what a learner typed, as one piece or
    word by word: the matches the picker's fuzzy filter ranks first. The rule tests use it to
    check the book's words, that a word reaches the finding it means and no other."""
    wanted = " ".join(typed.casefold().replace("-", " ").split())
    found = set()
    for finding_id, finding in book.enterable_findings.items():
        names = [
            " ".join(n.casefold().replace("-", " ").split())
            for n in (finding.label, *finding.synonyms)
        ]
        joined = " ".join(names)
        if any(wanted in name for name in names) or all(w in joined for w in wanted.split()):
            found.add(finding_id)
    return found
