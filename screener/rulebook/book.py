"""The loaded rule book: every rule file, validated and cross-checked, with lookups by id.

Lookups are per kind of id (a finding, a cancer, a syndrome…), so one id can never be read as
another kind of thing; the loader refuses an id that names two kinds.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

from screener.models import (
    About,
    Antibody,
    BodySystem,
    BookInfo,
    BookStamp,
    Cancer,
    Finding,
    FindingFrequency,
    FrequencyBasis,
    Frozen,
    HpoFrequency,
    IdKind,
    LabAnalyte,
    Mimic,
    MimicCase,
    OrphanetAnnotations,
    PnsCareRules,
    RedFlag,
    Reference,
    SafetyText,
    SeriesFrequency,
    SetWhen,
    Syndrome,
    TeachingCase,
    criterion_findings,
    holds_with_nothing_present,
)

_LABEL_ATTRIBUTE = {"syndrome": "name", "mimic": "name", "reference": "title", "case": "title"}


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
    orphanet: OrphanetAnnotations
    series_frequencies: tuple[SeriesFrequency, ...]
    about: About
    content_hash: str

    # --- Lookups by id, one table per kind ----------------------------------------------------

    @cached_property
    def findings(self) -> dict[str, Finding]:
        return {f.id: f for system in self.systems for f in system.findings}

    @cached_property
    def enterable_findings(self) -> dict[str, Finding]:
        """The findings a learner can enter: all but those the screener sets itself."""
        return {f_id: f for f_id, f in self.findings.items() if f.set_when is None}

    @cached_property
    def phenotype_findings(self) -> dict[str, Finding]:
        """The findings that describe a phenotype (symptoms, signs, abnormal test results), each
        of which should carry HPO terms: not exposures, the course, context or normal results."""
        return {f.id: f for system in self.systems for f in system.phenotypes}

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
    def syndrome_by_id(self) -> dict[str, Syndrome]:
        return {s.id: s for s in self.syndromes}

    @cached_property
    def case_by_id(self) -> dict[str, TeachingCase]:
        return {c.id: c for c in self.cases}

    @cached_property
    def ids(self) -> dict[IdKind, Mapping[str, Any]]:
        """Every id the book declares, by kind."""
        return {
            "finding": self.findings,
            "system": {s.id: s for s in self.systems},
            "lab": self.lab_by_id,
            "cancer": self.cancer_by_id,
            "antibody": self.antibody_by_id,
            "reference": self.reference_by_id,
            "red_flag": self.red_flag_by_id,
            "mimic": self.mimic_by_id,
            "syndrome": self.syndrome_by_id,
            "case": self.case_by_id,
            "mimic_case": {c.id: c for c in self.mimic_cases},
        }

    def label(self, kind: IdKind, item_id: str) -> str:
        """The words for an id of a given kind: a finding's label, a syndrome's name…"""
        item = self.ids[kind].get(item_id)
        if item is None:
            return item_id
        label: str = getattr(item, _LABEL_ATTRIBUTE.get(kind, "label"))
        return label

    # --- What the engine precomputes once -----------------------------------------------------

    @cached_property
    def context_findings(self) -> dict[str, SetWhen]:
        """Findings the screener sets itself, with the condition that sets each."""
        return {f.id: f.set_when for f in self.findings.values() if f.set_when is not None}

    @cached_property
    def syndrome_findings(self) -> dict[str, frozenset[str]]:
        """Each syndrome's criteria findings: a rule none of them touch cannot match."""
        return {s.id: criterion_findings(s.criteria) for s in self.syndromes}

    @cached_property
    def finding_frequencies(self) -> dict[str, tuple[FindingFrequency, ...]]:
        """Each syndrome's rule findings (criteria, key, then supporting) with how often they
        occur: Orphanet's frequency class where its annotation of the syndrome has the
        finding's exact HPO term, else a cited series' band (`frequencies.yaml`)."""
        rated: dict[str, dict[str, tuple[HpoFrequency, str]]] = {}
        for entry in self.orphanet.entries:
            if entry.syndrome is not None:
                terms = rated.setdefault(entry.syndrome, {})
                for term in entry.terms:
                    terms.setdefault(term.term[:10], (term.frequency, entry.orpha))
        series = {(s.syndrome, s.finding): s for s in self.series_frequencies}
        found: dict[str, tuple[FindingFrequency, ...]] = {}
        for syndrome in self.syndromes:
            terms = rated.get(syndrome.id, {})
            frequencies = []
            for finding_id in syndrome.rule_findings:
                finding = self.findings.get(finding_id)
                hit = (
                    next((terms[t] for t in finding.hpo_ids if t in terms), None)
                    if finding
                    else None
                )
                cited = series.get((syndrome.id, finding_id))
                if hit is not None:
                    frequencies.append(
                        FindingFrequency(finding=finding_id, frequency=hit[0], orpha=hit[1])
                    )
                elif cited is not None:
                    frequencies.append(
                        FindingFrequency(
                            finding=finding_id,
                            frequency=cited.band,
                            reference=cited.reference,
                            by_definition=cited.basis is FrequencyBasis.DEFINITION,
                        )
                    )
            found[syndrome.id] = tuple(frequencies)
        return found

    @cached_property
    def syndrome_references(self) -> dict[str, tuple[str, ...]]:
        """Each syndrome's references: its own, then the series and definitions its frequencies
        cite (`finding_frequencies`), so that a card naming "Chen 2018" lists it in full."""
        return {
            s.id: tuple(
                dict.fromkeys(
                    (
                        *s.references,
                        *(f.reference for f in self.finding_frequencies[s.id] if f.reference),
                    )
                )
            )
            for s in self.syndromes
        }

    @cached_property
    def red_flag_findings(self) -> dict[str, frozenset[str]]:
        return {f.id: criterion_findings(f.when) for f in self.red_flags}

    @cached_property
    def red_flags_met_when_empty(self) -> frozenset[str]:
        """Red flags that hold with no finding at all (only possible through none_of)."""
        return frozenset(f.id for f in self.red_flags if holds_with_nothing_present(f.when))

    @cached_property
    def mimic_findings(self) -> dict[str, frozenset[str]]:
        return {
            m.id: criterion_findings(m.suggested_by) if m.suggested_by is not None else frozenset()
            for m in self.mimics
        }

    @property
    def stamp(self) -> BookStamp:
        return BookStamp(
            title=self.info.title,
            version=self.info.version,
            reviewed_by=self.info.reviewed_by,
            review_date=self.info.review_date,
            content_hash=self.content_hash,
        )
