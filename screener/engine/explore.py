"""Explore the rule book without a case: two or three syndromes compared by the findings that
separate them and slot by slot by their illness scripts, and where one finding counts."""

from __future__ import annotations

from collections.abc import Sequence

from screener.engine.differential import excluding_findings, separating_findings
from screener.engine.script import illness_script
from screener.models import Comparison, FindingUse, Syndrome, criterion_findings
from screener.rulebook import RuleBook

COMPARE_SIZES = (2, 3)


def compare(syndrome_ids: Sequence[str], book: RuleBook) -> Comparison:
    """Two or three different syndromes and every finding that would move them differently,
    asked before anything is entered. Raises ValueError for any other number."""
    if len(syndrome_ids) not in COMPARE_SIZES or len(set(syndrome_ids)) != len(syndrome_ids):
        raise ValueError("compare two or three different syndromes")
    syndromes = [book.syndrome_by_id[s] for s in syndrome_ids]
    return Comparison(
        syndromes=tuple(syndrome_ids),
        separating=separating_findings(syndromes, frozenset(), book, limit=None),
        scripts=tuple(illness_script(s, book) for s in syndromes),
    )


def counts_towards(syndrome: Syndrome, book: RuleBook) -> frozenset[str]:
    """Findings that count towards the syndrome's criteria or its key (not its exclusions)."""
    key = criterion_findings(syndrome.key) if syndrome.key is not None else frozenset()
    return (book.syndrome_findings[syndrome.id] | key) - excluding_findings(syndrome)


def finding_use(finding_id: str, book: RuleBook) -> FindingUse:
    """Where `finding_id` counts in the rule book. Raises KeyError for an unknown finding."""
    book.findings[finding_id]
    return FindingUse(
        finding=finding_id,
        counts_towards=tuple(s.id for s in book.syndromes if finding_id in counts_towards(s, book)),
        excludes=tuple(s.id for s in book.syndromes if finding_id in excluding_findings(s)),
        supports=tuple(s.id for s in book.syndromes if finding_id in s.supporting),
        red_flags=tuple(f.id for f in book.red_flags if finding_id in book.red_flag_findings[f.id]),
        mimics=tuple(m.id for m in book.mimics if finding_id in book.mimic_findings[m.id]),
    )
