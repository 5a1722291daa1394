"""How the rule book fares on Orphanet's phenotypes, for the content work.

    python -m tools.orphanet_report [--rules DIR] [--summary]

For each entry of `rules/orphanet.yaml`: the place its syndrome reaches in the ranked list and
its tier (or, for a look-alike, the cards shown and the mimics they name first), what the rule
still needs, each term of the patient (obligate, very frequent, frequent) and the findings it
mapped to, and each term that mapped to nothing with its parents' and grandparents' labels,
which say which finding or HPO code is missing. Cancers and antibodies are marked: the patient is
given the syndrome's typical cancer, and antibodies carry no HPO code in the rule book. Then the
share of syndromes in the first three.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from screener.engine.evaluate import evaluate
from screener.engine.screen import present_findings
from screener.inputs.hpo_terms import (
    MAX_STEPS,
    TermMapping,
    ancestor_levels,
    coded_findings,
    hpo_ontology,
)
from screener.orphanet import TOP, OrphanetOutcome, orphanet_outcomes
from screener.rulebook import DEFAULT_RULES_DIR, RuleBook, load_rule_book

NEOPLASM = "HP:0002664"
ANTIBODIES = {"HP:0030057", "HP:0032265"}
"""Autoimmune antibody positivity, in the blood and in the spinal fluid."""


def kind_of(term: Any) -> str | None:
    """'cancer' or 'antibody' for a term under Neoplasm or an antibody positivity."""
    above = {p.id for p in term.all_parents} | {term.id}
    if NEOPLASM in above:
        return "cancer"
    if ANTIBODIES & above:
        return "antibody"
    return None


def verdict(outcome: OrphanetOutcome) -> str:
    entry = outcome.entry
    if entry.syndrome is not None:
        if outcome.rank is None:
            return "not shown"
        match = outcome.matches[outcome.rank - 1]
        return f"rank {outcome.rank} of {len(outcome.matches)}, {match.tier.value}"
    if not outcome.matches:
        return "no card"
    return "; ".join(
        f"{m.syndrome} ({m.tier.value}, first: {', '.join(m.mimics_first) or 'no mimic'})"
        for m in outcome.matches
    )


def _via(mapping: TermMapping, coded: dict[str, tuple[str, ...]]) -> str:
    if not mapping.steps or mapping.term is None:
        return ""
    level = ancestor_levels(mapping.term, mapping.steps)[mapping.steps]
    names = ", ".join(f"{t.id} {t.name}" for t in level if t.id in coded)
    return f"  ({mapping.steps} up, via {names})"


def entry_lines(outcome: OrphanetOutcome, book: RuleBook) -> list[str]:
    entry = outcome.entry
    coded = coded_findings(book.enterable_findings)
    frequency = {t.term[:10]: t.frequency.value for t in entry.terms}
    target = f"syndrome {entry.syndrome}" if entry.syndrome else f"mimic {entry.mimic or '(none)'}"
    cancer = (
        f", with {book.label('cancer', outcome.profile.cancers[0])}"
        if outcome.profile.cancers
        else ""
    )
    lines = [
        f"{entry.orpha} {entry.name} -> {target}{cancer}",
        f"  result: {verdict(outcome)}{'' if outcome.passed else '  [FAILS]'}",
    ]
    if entry.known_gap:
        lines.append(f"  known gap: {entry.known_gap}")
    if entry.syndrome and outcome.rank is None:
        syndrome = book.syndrome_by_id[entry.syndrome]
        present = present_findings(outcome.profile, frozenset(), book)
        trace = evaluate(syndrome.criteria, present)
        needs = ", ".join(trace.completion) if trace.completion else "cannot be completed"
        lines.append(f"  criteria {round(100 * trace.progress)}% held; to complete: {needs}")
        if syndrome.key is not None and not evaluate(syndrome.key, present).met:
            lines.append("  its key does not hold")
    for mapping in outcome.mapping.terms:
        if not (mapping.findings or mapping.antibodies):
            continue
        label = mapping.term.name if mapping.term else ""
        targets = [*mapping.findings, *(f"antibody {a}" for a in mapping.antibodies)]
        lines.append(
            f"  + {mapping.given} {label} [{frequency[mapping.given]}] -> "
            f"{', '.join(targets)}{_via(mapping, coded)}"
        )
    for mapping in outcome.mapping.unmapped:
        if mapping.term is None:
            lines.append(f"  - {mapping.given}: {mapping.problem}")
            continue
        kind = kind_of(mapping.term)
        levels = ancestor_levels(mapping.term, MAX_STEPS)[1:]
        above = " / ".join("; ".join(t.name for t in level) for level in levels)
        tag = f" ({kind})" if kind else ""
        lines.append(
            f"  - {mapping.given} {mapping.term.name} [{frequency[mapping.given]}]{tag}"
            f"  up: {above}"
        )
    return lines


def summary_lines(outcomes: tuple[OrphanetOutcome, ...]) -> list[str]:
    syndromes = [o for o in outcomes if o.entry.syndrome]
    look_alikes = [o for o in outcomes if not o.entry.syndrome]
    in_top = [o for o in syndromes if o.rank is not None and o.rank <= TOP]
    lines = ["Summary"]
    for outcome in outcomes:
        entry = outcome.entry
        target = entry.syndrome or f"look-alike of {entry.mimic or '(no mimic)'}"
        terms = outcome.mapping.terms
        mapped = len(terms) - len(outcome.mapping.unmapped)
        lines.append(
            f"  {'ok  ' if outcome.passed else 'FAIL'} {entry.orpha:<13} {target:<48} "
            f"{verdict(outcome)}  [{mapped}/{len(terms)} terms mapped]"
        )
    share = round(100 * len(in_top) / len(syndromes)) if syndromes else 0
    lines.append(
        f"  Syndromes in the first {TOP}: {len(in_top)} of {len(syndromes)} ({share} %); "
        f"look-alikes as expected: {sum(o.passed for o in look_alikes)} of {len(look_alikes)}."
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=DEFAULT_RULES_DIR)
    parser.add_argument("--summary", action="store_true", help="the summary only")
    args = parser.parse_args(argv)
    book = load_rule_book(args.rules)
    ontology = hpo_ontology()
    outcomes = orphanet_outcomes(book, ontology)
    print(
        f"Rule book {book.info.version}; Orphanet's annotations of {book.orphanet.release.hpoa}, "
        f"HPO {ontology.version()}; a patient has the obligate, very frequent and frequent terms."
    )
    if not args.summary:
        for outcome in outcomes:
            print()
            print("\n".join(entry_lines(outcome, book)))
        print()
    print("\n".join(summary_lines(outcomes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
