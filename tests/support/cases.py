"""Cases the Screen page tests share, in the app (AppTest) and in the browser."""

from __future__ import annotations

from screener.models import Finding, Profile
from screener.rulebook import RuleBook

LEMS_OR_MYASTHENIA = Profile(
    findings=(
        "proximal_leg_weakness",
        "dry_mouth",
        "reduced_reflexes",
        "strength_improves_with_effort",
        "ptosis",
        "fatigable_weakness",
    )
)
"""Both patterns' criteria and keys hold: a case whose next question is which one it is."""


def synonym_only_finding(book: RuleBook) -> tuple[Finding, str]:
    """A finding with a synonym that shares no word with its label: only the synonym finds it."""
    for finding in book.enterable_findings.values():
        for synonym in finding.synonyms:
            if not set(synonym.lower().split()) & set(finding.label.lower().split()):
                return finding, synonym
    raise AssertionError("no finding has a synonym unlike its label")
