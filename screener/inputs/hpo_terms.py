"""HPO terms (from an Orphanet annotation or a Phenopacket) → the rule book's findings.

A term maps to the findings coded with it (`Finding.hpo_ids`). Failing that, it maps to the
findings coded with its nearest ancestor, at most `MAX_STEPS` steps up the ontology: every
ancestor of a term holds for a patient who has the term, so such a finding is true of them,
only less precise. A term never maps down to a finding coded with one of its descendants, which
would claim more than the term says. Terms that map to nothing are returned, each with the
reason, never dropped.

An excluded term (a Phenopacket's feature looked for and not found) works the other way: it says
that the term and everything more specific is absent, so it never enters a finding coded with it
or with an ancestor. It enters a normal or negative result (`Finding.hpo_absent`) once each term
that finding records the absence of is excluded, itself or through a broader term.

The ontology is the one shipped by hpo3. Loading it takes over half a second, so it is loaded on
first use and kept for the life of the process: the app never pays for it unless it maps a term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from screener.models import Antibody, Finding
from screener.rulebook.hpo import hpo3_ontology

MAX_STEPS = 2
"""How far up from a term its findings are looked for. One and two steps up are the same
observation said less precisely ('Normochromic anemia' → 'Anemia', 'Fatiguable weakness of
proximal limb muscles' → 'Fatigable weakness', 'Myoclonic seizure' → 'Seizure'); from three,
the grouping terms pull in observations a learner would not enter for the term ('Restless legs'
→ 'Sleep disturbance', 'Cafe-au-lait spot' → 'Hyperpigmentation of the skin'). Measured on the
10,000 terms of Orphanet's annotations: 163 map exactly, 272 one step up, 178 two steps up."""

MAX_REPLACEMENTS = 5
"""Obsolete terms replaced by terms that were obsoleted in turn: a chain longer than this is
a loop in the ontology, not a replacement."""

_HPO_ID = re.compile(r"HP:\d{7}")


class HpoTermNode(Protocol):
    """What the mapper reads of a term of hpo3's ontology."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def is_obsolete(self) -> bool: ...
    @property
    def replaced_by(self) -> str | None: ...
    @property
    def parents(self) -> Iterable[HpoTermNode]: ...
    def child_of(self, other: HpoTermNode) -> bool: ...


class HpoOntology(Protocol):
    def get_hpo_object(self, query: str) -> HpoTermNode: ...
    def version(self) -> str: ...


def hpo_ontology() -> HpoOntology:
    """hpo3's ontology, from the rule book's one loader (loaded once per process, on first use).
    The app never loads it unless a term is mapped. (Loading it on another thread while other
    checks run saves nothing: hpo3 holds the interpreter lock while it loads.)"""
    ontology: HpoOntology = hpo3_ontology()
    return ontology


@dataclass(frozen=True)
class TermMapping:
    """One term and what it maps to."""

    given: str
    """The id as given."""
    term: HpoTermNode | None
    """The current term it names (obsolete ids followed to their replacement), if any."""
    findings: tuple[str, ...] = ()
    """The findings it maps to, all at the same, smallest distance."""
    antibodies: tuple[str, ...] = ()
    """The antibodies it maps to ('P/Q-type VGCC antibody positivity'), likewise."""
    steps: int | None = None
    """0: the findings are coded with the term itself; 1: with a parent; 2: a grandparent."""
    problem: str | None = None
    """Why it maps to nothing, in words."""

    @property
    def replaced(self) -> bool:
        """The id given is obsolete and was read as its replacement."""
        return self.term is not None and self.term.id != self.given


@dataclass(frozen=True)
class HpoMapping:
    terms: tuple[TermMapping, ...]

    @property
    def findings(self) -> tuple[str, ...]:
        """Every finding mapped to, each once, in the order of the terms."""
        return tuple(dict.fromkeys(f for t in self.terms for f in t.findings))

    @property
    def antibodies(self) -> tuple[str, ...]:
        """Every antibody mapped to, each once, in the order of the terms."""
        return tuple(dict.fromkeys(a for t in self.terms for a in t.antibodies))

    @property
    def unmapped(self) -> tuple[TermMapping, ...]:
        return tuple(t for t in self.terms if not (t.findings or t.antibodies))


def coded_findings(findings: Mapping[str, Finding]) -> dict[str, tuple[str, ...]]:
    """HPO id → the findings coded with it, in the book's order. A finding narrower than its
    term (a very low value, a particular pattern) is left out: the term does not say it."""
    return _coded(f for f in findings.values() if not f.narrower_than_hpo)


def coded_antibodies(antibodies: Mapping[str, Antibody]) -> dict[str, tuple[str, ...]]:
    """HPO id → the antibody results coded with it ('P/Q-type VGCC antibody positivity')."""
    return _coded(antibodies.values())


def _coded(items: Iterable[Finding | Antibody]) -> dict[str, tuple[str, ...]]:
    coded: dict[str, list[str]] = {}
    for item in items:
        for hpo_id in item.hpo_ids:
            coded.setdefault(hpo_id, []).append(item.id)
    return {hpo_id: tuple(ids) for hpo_id, ids in coded.items()}


def ancestor_levels(term: HpoTermNode, steps: int) -> tuple[tuple[HpoTermNode, ...], ...]:
    """The term, then its parents, grandparents… up to `steps` steps: each ancestor once, at its
    shortest distance, each level sorted by id."""
    levels: list[tuple[HpoTermNode, ...]] = [(term,)]
    seen = {term.id}
    for _ in range(steps):
        above = {p.id: p for t in levels[-1] for p in t.parents if p.id not in seen}
        if not above:
            break
        seen |= set(above)
        levels.append(tuple(above[i] for i in sorted(above)))
    return tuple(levels)


def current_term(hpo_id: str, ontology: HpoOntology) -> tuple[HpoTermNode | None, str | None]:
    """The term `hpo_id` names today, or why there is none."""
    if not _HPO_ID.fullmatch(hpo_id):
        return None, "not an HPO id (HP: and seven digits)"
    try:
        term = ontology.get_hpo_object(hpo_id)
        for _ in range(MAX_REPLACEMENTS):
            if not term.is_obsolete:
                return term, None
            if not term.replaced_by:
                return None, "obsolete in the HPO, with no replacement"
            term = ontology.get_hpo_object(term.replaced_by)
    except RuntimeError:  # hpo3's answer to an id it does not know
        return None, "not in the HPO"
    return None, "obsolete in the HPO, and its replacements do not end"


def map_hpo_terms(
    hpo_ids: Iterable[str],
    findings: Mapping[str, Finding],
    ontology: HpoOntology | None = None,
    max_steps: int = MAX_STEPS,
    antibodies: Mapping[str, Antibody] | None = None,
) -> HpoMapping:
    """Each of `hpo_ids` mapped to `findings` (a book's enterable findings) and, where given,
    `antibodies` (an antibody-positivity term names an antibody result, not a finding)."""
    ontology = ontology or hpo_ontology()
    coded = coded_findings(findings)
    antibody_codes = coded_antibodies(antibodies or {})
    mapped = []
    for given in hpo_ids:
        term, problem = current_term(given, ontology)
        if term is None:
            mapped.append(TermMapping(given, None, problem=problem))
            continue
        mapped.append(_nearest(given, term, coded, antibody_codes, max_steps))
    return HpoMapping(tuple(mapped))


def _nearest(
    given: str,
    term: HpoTermNode,
    coded: Mapping[str, tuple[str, ...]],
    coded_antibodies: Mapping[str, tuple[str, ...]],
    max_steps: int,
) -> TermMapping:
    for steps, level in enumerate(ancestor_levels(term, max_steps)):
        found = tuple(dict.fromkeys(f for t in level for f in coded.get(t.id, ())))
        antibodies = tuple(dict.fromkeys(a for t in level for a in coded_antibodies.get(t.id, ())))
        if found or antibodies:
            return TermMapping(given, term, found, antibodies, steps)
    return TermMapping(
        given,
        term,
        problem=f"nothing is coded with it or with an ancestor up to {max_steps} steps up",
    )


def absent_findings(findings: Mapping[str, Finding]) -> dict[str, tuple[str, ...]]:
    """Finding → the HPO ids whose absence it records, for the findings that record any."""
    return {
        f_id: ids
        for f_id, f in findings.items()
        if (ids := tuple(i for i, _ in f.hpo_absent_terms))
    }


def map_excluded_hpo_terms(
    hpo_ids: Iterable[str], findings: Mapping[str, Finding], ontology: HpoOntology | None = None
) -> HpoMapping:
    """Each of `hpo_ids`, excluded, mapped to the normal or negative results it completes: a
    finding is entered once every term it records the absence of is excluded, as itself or
    under an excluded term. A term that completes no such finding maps to nothing, with why."""
    ontology = ontology or hpo_ontology()
    excluded: list[tuple[str, HpoTermNode | None, str | None]] = []
    for given in hpo_ids:
        term, problem = current_term(given, ontology)
        excluded.append((given, term, problem))
    nodes = [term for _, term, _ in excluded if term is not None]
    covering: dict[str, set[str]] = {}
    """Finding → the excluded ids that cover one of its absent terms."""
    held = []
    for finding_id, absent_ids in absent_findings(findings).items():
        by: set[str] = set()
        for absent_id in absent_ids:
            absent = ontology.get_hpo_object(absent_id)
            covers = {t.id for t in nodes if t.id == absent.id or absent.child_of(t)}
            if not covers:
                break
            by |= covers
        else:
            held.append(finding_id)
            covering[finding_id] = by
    mapped = []
    for given, term, problem in excluded:
        if term is None:
            mapped.append(TermMapping(given, None, problem=problem))
            continue
        entered = tuple(f for f in held if term.id in covering[f])
        mapped.append(
            TermMapping(given, term, entered, steps=0)
            if entered
            else TermMapping(
                given, term, problem="no normal or negative result records its absence"
            )
        )
    return HpoMapping(tuple(mapped))
