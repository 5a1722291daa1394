"""A syndrome's illness script, slot by slot, from its rule: who and the time course (its
`script`), the key features, mechanism and confirming test (its teaching text's sections), the
antibodies, the look-alikes with the findings that point to each, and the treatment principle
its antibodies and category point to (`rules/about.yaml`, 'Treatment principles')."""

from __future__ import annotations

from screener.models import (
    SCRIPT_SECTIONS,
    Category,
    IllnessScript,
    LookAlike,
    Syndrome,
    Treatment,
    criterion_findings,
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
        frequencies=book.finding_frequencies[syndrome.id],
    )
