"""External examples: the rule book against Orphanet's own phenotypes of its syndromes.

`rules/orphanet.yaml` holds Orphanet's annotation of each disease (HPO terms with their frequency
classes). A patient is drawn from the features Orphanet calls obligate, very frequent or
frequent, mapped to findings through the HPO (`screener.inputs.hpo_terms`):

- for a syndrome's disease, with the syndrome's typical cancer (its first), the syndrome must be
  among the first `TOP` patterns of the ranked list;
- for a non-paraneoplastic look-alike, without a cancer, no card may show, or every card shown
  must name the look-alike's mimic first.

An entry whose rule book fails it today carries a `known_gap`: its failure is a warning, and a
known gap on an entry that passes is an error, so the list of gaps can only shrink.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from screener.engine import screen
from screener.inputs.hpo_terms import HpoMapping, HpoOntology, hpo_ontology, map_hpo_terms
from screener.models import HpoFrequency, OrphanetEntry, PatternMatch, Profile
from screener.rulebook import LoadedBook, Problem, RuleBook

TOP = 3
"""The syndrome must be among this many first patterns."""

PROFILE_FREQUENCIES = (HpoFrequency.OBLIGATE, HpoFrequency.VERY_FREQUENT, HpoFrequency.FREQUENT)
"""Features present in at least 30 % of patients: what a typical patient shows."""

FILE = "orphanet"
"""The rule book field (and file) of the annotations."""


@dataclass(frozen=True)
class OrphanetOutcome:
    """How one entry's patient fared."""

    entry: OrphanetEntry
    mapping: HpoMapping
    """The mapping of the terms the patient is drawn from."""
    profile: Profile
    matches: tuple[PatternMatch, ...]
    problem: str | None
    """What the rule book gets wrong, in words; None when the example passes."""

    @property
    def passed(self) -> bool:
        return self.problem is None

    @property
    def rank(self) -> int | None:
        """A syndrome's place in the ranked list (1 first), if it is shown."""
        return rank_of(self.entry.syndrome, self.matches)


def rank_of(syndrome: str | None, matches: tuple[PatternMatch, ...]) -> int | None:
    shown = [m.syndrome for m in matches]
    return shown.index(syndrome) + 1 if syndrome in shown else None


def patient_terms(entry: OrphanetEntry) -> tuple[str, ...]:
    """The ids of the features a typical patient shows (`PROFILE_FREQUENCIES`)."""
    return tuple(t.term[:10] for t in entry.terms if t.frequency in PROFILE_FREQUENCIES)


def orphanet_outcome(
    entry: OrphanetEntry, book: RuleBook, ontology: HpoOntology | None = None
) -> OrphanetOutcome:
    mapping = map_hpo_terms(
        patient_terms(entry), book.enterable_findings, ontology, antibodies=book.antibody_by_id
    )
    syndrome = book.syndrome_by_id[entry.syndrome] if entry.syndrome else None
    cancers = syndrome.cancers.typical[:1] if syndrome else ()
    profile = Profile(findings=mapping.findings, cancers=cancers, antibodies=mapping.antibodies)
    matches = screen(profile, book).matches
    return OrphanetOutcome(entry, mapping, profile, matches, _problem(entry, matches, book))


def _problem(entry: OrphanetEntry, matches: tuple[PatternMatch, ...], book: RuleBook) -> str | None:
    shown = [m.syndrome for m in matches]
    listed = ", ".join(shown[:TOP])
    if entry.syndrome is not None:
        cancers = book.syndrome_by_id[entry.syndrome].cancers.typical[:1]
        patient = (
            f"Orphanet's patient with {book.label('cancer', cancers[0])}"
            if cancers
            else "Orphanet's patient (the rule names no typical cancer)"
        )
        rank = rank_of(entry.syndrome, matches)
        if not shown:
            return f"{patient} shows no card at all"
        if rank is None:
            return f"{patient} shows no '{entry.syndrome}' card (first: {listed})"
        if rank > TOP:
            return (
                f"{patient} shows '{entry.syndrome}' at {rank}, not in the first {TOP} "
                f"(first: {listed})"
            )
        return None
    wrong = [
        f"card '{m.syndrome}' does not name '{entry.mimic}' first"
        if entry.mimic is not None
        else f"shows '{m.syndrome}', but no card should show"
        for m in matches
        if entry.mimic not in m.mimics_first
    ]
    return "Orphanet's patient: " + "; ".join(wrong) if wrong else None


def orphanet_outcomes(
    book: RuleBook, ontology: HpoOntology | None = None
) -> tuple[OrphanetOutcome, ...]:
    return tuple(orphanet_outcome(entry, book, ontology) for entry in book.orphanet.entries)


@dataclass(frozen=True)
class OrphanetCheck:
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    """The failures of entries with a known gap."""
    examples: int
    passed: int


def check_orphanet(loaded: LoadedBook, ontology: HpoOntology | None = None) -> OrphanetCheck:
    """Every entry's terms current in the ontology, and every example as its entry says."""
    entries = loaded.book.orphanet.entries
    if not entries:
        # Nothing to map, so the ontology is not loaded.
        return OrphanetCheck((), (), 0, 0)
    ontology = ontology or hpo_ontology()
    problems = list(_stale_terms(loaded, ontology))
    warnings = []
    outcomes = orphanet_outcomes(loaded.book, ontology)
    for i, outcome in enumerate(outcomes):
        entry = outcome.entry
        link = "syndrome" if entry.syndrome else "mimic" if entry.mimic else None
        at = (i, link) if link else (i,)
        if outcome.problem is None and entry.known_gap is not None:
            passes = f"at {outcome.rank}" if entry.syndrome else "no card misleads"
            message = f"the example passes now ({passes}): remove known_gap"
            problems.append(_located(loaded, entry, (i, "known_gap"), message, "PNS-T004"))
        elif outcome.problem is not None and entry.known_gap is None:
            problems.append(_located(loaded, entry, at, outcome.problem, "PNS-T004"))
        elif outcome.problem is not None:
            message = f"{outcome.problem}; known gap: {entry.known_gap}"
            warnings.append(_located(loaded, entry, at, message, "PNS-T005"))
    passed = sum(o.passed for o in outcomes)
    return OrphanetCheck(tuple(problems), tuple(warnings), len(outcomes), passed)


def _located(
    loaded: LoadedBook,
    entry: OrphanetEntry,
    path: tuple[str | int, ...],
    message: str,
    code: str,
) -> Problem:
    """A problem at `path` inside the entries, named by the entry's ORPHA id."""
    origin = loaded.sources.origin(FILE, ("entries", *path))
    return dataclasses.replace(origin.problem(message, code=code), item_id=entry.orpha)


def _stale_terms(loaded: LoadedBook, ontology: HpoOntology) -> Iterator[Problem]:
    """Terms the ontology no longer names as recorded: the file needs extracting again."""
    for i, entry in enumerate(loaded.book.orphanet.entries):
        for j, recorded in enumerate(entry.terms):
            term_id, label = recorded.term[:10], recorded.term[11:]
            try:
                term = ontology.get_hpo_object(term_id)
            except RuntimeError:
                now = "is not in the HPO"
            else:
                if term.is_obsolete:
                    now = "is obsolete"
                elif term.name != label:
                    now = f"is now '{term.name}'"
                else:
                    continue
            message = (
                f"{term_id} {now} in HPO release {ontology.version()}: "
                "run tools/orphanet_extract.py again"
            )
            yield _located(loaded, entry, (i, "terms", j, "term"), message, "PNS-L035")
