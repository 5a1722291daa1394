"""Look up a finding: every syndrome in which it counts, as DXplain lists the diseases for a
finding, split by how it counts (towards the criteria, as an exclusion, or as supporting
evidence), and the red flags and mimics it raises."""

from __future__ import annotations

from screener.engine.differential import excluding_findings
from screener.models import Category, Frozen, Syndrome, criterion_findings
from screener.present import teaching_words as teaching
from screener.present import words
from screener.rulebook import RuleBook


class SyndromeRef(Frozen):
    id: str
    name: str
    category: str


class LookupGroup(Frozen):
    heading: str
    syndromes: tuple[SyndromeRef, ...]


class FindingLookupView(Frozen):
    finding: str
    label: str
    also_called: str | None
    body_system: str
    groups: tuple[LookupGroup, ...]
    """Only the groups that list something: criteria, exclusions, supporting."""
    red_flags: tuple[str, ...]
    mimics: tuple[str, ...]
    empty: str | None
    """Said when no rule names the finding."""


def counts_towards(syndrome: Syndrome, book: RuleBook) -> frozenset[str]:
    """Findings that count towards the syndrome's criteria or its key (not its exclusions)."""
    key = criterion_findings(syndrome.key) if syndrome.key is not None else frozenset()
    return (book.syndrome_findings[syndrome.id] | key) - excluding_findings(syndrome)


def _ordered(syndromes: list[Syndrome]) -> tuple[SyndromeRef, ...]:
    order = list(Category)
    return tuple(
        SyndromeRef(id=s.id, name=s.name, category=words.CATEGORY[s.category])
        for s in sorted(syndromes, key=lambda s: (order.index(s.category), s.name))
    )


def finding_lookup(finding_id: str, book: RuleBook) -> FindingLookupView:
    """Where `finding_id` counts in the rule book. Raises KeyError for an unknown finding."""
    finding = book.findings[finding_id]
    groups = [
        (
            teaching.HEADINGS["lookup_criteria"],
            [s for s in book.syndromes if finding_id in counts_towards(s, book)],
        ),
        (
            teaching.HEADINGS["lookup_excludes"],
            [s for s in book.syndromes if finding_id in excluding_findings(s)],
        ),
        (
            teaching.HEADINGS["lookup_supporting"],
            [s for s in book.syndromes if finding_id in s.supporting],
        ),
    ]
    red_flags = tuple(
        f"{flag.text} (urgency: {words.URGENCY[flag.urgency]})"
        for flag in book.red_flags
        if finding_id in book.red_flag_findings[flag.id]
    )
    mimics = tuple(
        mimic.name + (f" ({mimic.why})" if mimic.why else "")
        for mimic in book.mimics
        if finding_id in book.mimic_findings[mimic.id]
    )
    shown = tuple(
        LookupGroup(heading=heading, syndromes=_ordered(found))
        for heading, found in groups
        if found
    )
    return FindingLookupView(
        finding=finding.id,
        label=finding.label,
        also_called=", ".join(finding.synonyms) or None,
        body_system=book.system_of_finding[finding.id].label,
        groups=shown,
        red_flags=red_flags,
        mimics=mimics,
        empty=None
        if shown or red_flags or mimics
        else "No rule in this rule book names this finding: on its own it points to no pattern.",
    )
