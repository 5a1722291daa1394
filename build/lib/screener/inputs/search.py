"""Find the findings a learner means: case-insensitive search over labels and synonyms."""

from __future__ import annotations

from screener.models import BodySystem, Finding
from screener.rulebook import RuleBook

MAX_SEARCH_CHARS = 100
"""Only this much of a search is read (the longest label is far shorter), so a pasted megabyte
costs no more than a word; the search box can take it as its `max_chars`."""


def _normalise(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


def finding_matches(finding: Finding, query: str) -> bool:
    """Whether `query` names `finding`: as part of its label or a synonym, or word by word."""
    wanted = _normalise(query[:MAX_SEARCH_CHARS])
    if not wanted:
        return True
    names = [_normalise(name) for name in (finding.label, *finding.synonyms)]
    if any(wanted in name for name in names):
        return True
    # "legs weak" should still find "weak legs": every word somewhere in the names.
    words = " ".join(names)
    return all(word in words for word in wanted.split())


def search_findings(book: RuleBook, query: str) -> list[tuple[BodySystem, list[Finding]]]:
    """Each body system with its findings that match `query`, in rule-book order; empty ones out."""
    entry = book.enterable_findings
    grouped = [
        (system, [f for f in system.findings if f.id in entry and finding_matches(f, query)])
        for system in book.systems
    ]
    return [(system, found) for system, found in grouped if found]
