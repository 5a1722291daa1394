"""A syndrome's illness script, slot by slot, from its rule: who and the time course (its
`script`), the key features, mechanism and confirming test (its teaching text's sections), the
antibodies, the look-alikes with the findings that point to each, and the treatment principle
its antibodies and category point to (`rules/about.yaml`, 'Treatment principles')."""

from __future__ import annotations

from screener.models import (
    SCRIPT_SECTIONS,
    Category,
    FindingFrequency,
    HpoFrequency,
    IllnessScript,
    LookAlike,
    Syndrome,
    Treatment,
    criterion_findings,
    finding_paths,
)
from screener.rulebook import RuleBook

_HORMONAL = frozenset({Category.ENDOCRINE, Category.HEMATOLOGIC})


def treatment(syndrome: Syndrome, book: RuleBook) -> Treatment:
    targets = {book.antibody_by_id[a].target for a in syndrome.antibodies}
    if "cell_surface" in targets:
        return "cell_surface"
    if "intracellular" in targets:
        return "intracellular"
    return "hormone" if syndrome.category in _HORMONAL else "tumour_first"


def finding_frequencies(syndrome: Syndrome, book: RuleBook) -> tuple[FindingFrequency, ...]:
    """Each finding of the rule (criteria, key, then supporting), with the frequency class
    Orphanet's annotation of the syndrome gives its HPO term, where it has that very term."""
    rated: dict[str, tuple[HpoFrequency, str]] = {}
    for entry in book.orphanet.entries:
        if entry.syndrome == syndrome.id:
            for term in entry.terms:
                rated.setdefault(term.term[:10], (term.frequency, entry.orpha))
    trees = [syndrome.criteria] + ([syndrome.key] if syndrome.key is not None else [])
    ordered = [f for tree in trees for _, f in finding_paths(tree)] + list(syndrome.supporting)
    frequencies: dict[str, FindingFrequency] = {}
    for finding_id in dict.fromkeys(ordered):
        finding = book.findings.get(finding_id)
        found = next((rated[t] for t in finding.hpo_ids if t in rated), None) if finding else None
        if found is not None:
            frequencies[finding_id] = FindingFrequency(
                finding=finding_id, frequency=found[0], orpha=found[1]
            )
    return tuple(frequencies.values())


def illness_script(syndrome: Syndrome, book: RuleBook) -> IllnessScript:
    """The script of a syndrome; a slot its rule does not fill (`screener validate` refuses
    that) is empty."""
    slots = syndrome.script
    sections = {slot: syndrome.section(heading) or "" for slot, heading in SCRIPT_SECTIONS.items()}
    return IllnessScript(
        syndrome=syndrome.id,
        who=slots.who if slots else None,
        cancers=syndrome.cancers.typical,
        time_course=slots.time_course if slots else None,
        key_features=sections["key_features"],
        key=tuple(sorted(criterion_findings(syndrome.key))) if syndrome.key is not None else (),
        mechanism=sections["mechanism"],
        antibodies=syndrome.antibodies,
        confirms=sections["confirms"],
        look_alikes=tuple(
            LookAlike(mimic=m, telling=tuple(sorted(book.mimic_findings[m])))
            for m in syndrome.mimics
        ),
        treatment=treatment(syndrome, book),
        frequencies=finding_frequencies(syndrome, book),
    )
