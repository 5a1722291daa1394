"""The loaded rule book: every rule file, validated and cross-checked, with lookups by id."""

from __future__ import annotations

from functools import cached_property

from screener.criteria import criterion_findings, evaluate
from screener.models import (
    About,
    Antibody,
    BodySystem,
    BookInfo,
    BookStamp,
    Cancer,
    Category,
    Finding,
    Frozen,
    LabAnalyte,
    Mimic,
    MimicCase,
    PnsCareRules,
    RedFlag,
    Reference,
    SafetyText,
    Syndrome,
    TeachingCase,
)


class RuleBook(Frozen):
    info: BookInfo
    safety: SafetyText
    systems: tuple[BodySystem, ...]
    labs: tuple[LabAnalyte, ...]
    cancers: tuple[Cancer, ...]
    antibodies: tuple[Antibody, ...]
    references: tuple[Reference, ...]
    red_flags: tuple[RedFlag, ...]
    mimics: tuple[Mimic, ...]
    pns_care: PnsCareRules
    syndromes: tuple[Syndrome, ...]
    cases: tuple[TeachingCase, ...]
    mimic_cases: tuple[MimicCase, ...]
    about: About
    content_hash: str

    @cached_property
    def findings(self) -> dict[str, Finding]:
        return {f.id: f for system in self.systems for f in system.findings}

    @cached_property
    def enterable_findings(self) -> dict[str, Finding]:
        """The findings a learner can enter: all but those the screener sets itself."""
        return {f_id: f for f_id, f in self.findings.items() if f.set_when is None}

    @cached_property
    def system_of_finding(self) -> dict[str, BodySystem]:
        return {f.id: system for system in self.systems for f in system.findings}

    @cached_property
    def lab_by_id(self) -> dict[str, LabAnalyte]:
        return {lab.id: lab for lab in self.labs}

    @cached_property
    def cancer_by_id(self) -> dict[str, Cancer]:
        return {c.id: c for c in self.cancers}

    @cached_property
    def antibody_by_id(self) -> dict[str, Antibody]:
        return {a.id: a for a in self.antibodies}

    @cached_property
    def reference_by_id(self) -> dict[str, Reference]:
        return {r.id: r for r in self.references}

    @cached_property
    def red_flag_by_id(self) -> dict[str, RedFlag]:
        return {r.id: r for r in self.red_flags}

    @cached_property
    def mimic_by_id(self) -> dict[str, Mimic]:
        return {m.id: m for m in self.mimics}

    @cached_property
    def context_findings(self) -> dict[str, frozenset[str]]:
        """Findings the screener sets itself, by the condition that sets them."""
        found: dict[str, set[str]] = {}
        for finding in self.findings.values():
            if finding.set_when is not None:
                found.setdefault(finding.set_when, set()).add(finding.id)
        return {when: frozenset(ids) for when, ids in found.items()}

    @cached_property
    def syndrome_by_id(self) -> dict[str, Syndrome]:
        return {s.id: s for s in self.syndromes}

    @cached_property
    def syndrome_findings(self) -> dict[str, frozenset[str]]:
        """Each syndrome's criteria findings: a rule none of them touch cannot match."""
        return {s.id: criterion_findings(s.criteria) for s in self.syndromes}

    @cached_property
    def red_flag_findings(self) -> dict[str, frozenset[str]]:
        return {f.id: criterion_findings(f.when) for f in self.red_flags}

    @cached_property
    def red_flags_met_when_empty(self) -> frozenset[str]:
        """Red flags that hold with no finding at all (only possible through none_of)."""
        return frozenset(f.id for f in self.red_flags if evaluate(f.when, frozenset()).met)

    @cached_property
    def case_by_id(self) -> dict[str, TeachingCase]:
        return {c.id: c for c in self.cases}

    def syndromes_in(self, category: Category) -> tuple[Syndrome, ...]:
        return tuple(s for s in self.syndromes if s.category == category)

    @property
    def stamp(self) -> BookStamp:
        return BookStamp(
            title=self.info.title,
            version=self.info.version,
            reviewed_by=self.info.reviewed_by,
            review_date=self.info.review_date,
            content_hash=self.content_hash,
        )

    def label(self, item_id: str) -> str:
        """The human label of any id in the book (finding, cancer, antibody, syndrome, analyte)."""
        for table, attribute in (
            (self.findings, "label"),
            (self.cancer_by_id, "label"),
            (self.antibody_by_id, "label"),
            (self.syndrome_by_id, "name"),
            (self.lab_by_id, "label"),
        ):
            if item_id in table:
                return getattr(table[item_id], attribute)
        return item_id
