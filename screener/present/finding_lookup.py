"""Look up a finding: every syndrome in which it counts, as DXplain lists the diseases for a
finding, split by how it counts (towards the criteria, as an exclusion, or as supporting
evidence), and the red flags and mimics it raises."""

from __future__ import annotations

from screener.models import Category, FindingUse, Frozen, Syndrome
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


def _ordered(syndromes: list[Syndrome]) -> tuple[SyndromeRef, ...]:
    order = list(Category)
    return tuple(
        SyndromeRef(id=s.id, name=s.name, category=words.CATEGORY[s.category])
        for s in sorted(syndromes, key=lambda s: (order.index(s.category), s.name))
    )


def finding_lookup(use: FindingUse, book: RuleBook) -> FindingLookupView:
    """Where a finding counts in the rule book (the engine's `FindingUse`), in words."""
    finding = book.findings[use.finding]
    groups = [
        (teaching.HEADINGS["lookup_criteria"], use.counts_towards),
        (teaching.HEADINGS["lookup_excludes"], use.excludes),
        (teaching.HEADINGS["lookup_supporting"], use.supports),
    ]
    red_flags = tuple(
        f"{flag.text} (urgency: {words.URGENCY[flag.urgency]})"
        for flag in (book.red_flag_by_id[f] for f in use.red_flags)
    )
    mimics = tuple(
        mimic.name + (f" ({mimic.why})" if mimic.why else "")
        for mimic in (book.mimic_by_id[m] for m in use.mimics)
    )
    shown = tuple(
        LookupGroup(heading=heading, syndromes=_ordered([book.syndrome_by_id[s] for s in found]))
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
        empty=None if shown or red_flags or mimics else teaching.LOOKUP_EMPTY,
    )
