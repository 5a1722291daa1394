"""`RuleView`: a syndrome's whole rule in words, for browsing, comparing and revealing a case."""

from __future__ import annotations

from screener.models import Frozen, Status, Syndrome
from screener.present import words
from screener.present.criteria_words import WordsLine, rule_lines
from screener.present.view import Line, ReferenceView, antibody_words, reference_view
from screener.rulebook import RuleBook


class RuleLineView(Frozen):
    depth: int
    text: str


class RuleView(Frozen):
    id: str
    name: str
    summary: str
    meta: str
    status: Status
    status_note: str | None
    aliases: str | None
    detail: str
    criteria: tuple[RuleLineView, ...]
    key: tuple[RuleLineView, ...]
    facts: tuple[Line, ...]
    red_flags: tuple[str, ...]
    discuss: tuple[str, ...]
    references: tuple[ReferenceView, ...]
    provenance: str


def _lines(lines: list[WordsLine]) -> tuple[RuleLineView, ...]:
    return tuple(RuleLineView(depth=ln.depth, text=ln.text) for ln in lines)


def rule_view(syndrome: Syndrome, book: RuleBook) -> RuleView:
    facts = []
    if syndrome.supporting:
        facts.append(
            Line(
                label="Supporting findings",
                text=", ".join(book.label("finding", f) for f in syndrome.supporting),
            )
        )
    for label, cancers in (
        ("Typical cancers", syndrome.cancers.typical),
        ("Reported cancers", syndrome.cancers.reported),
    ):
        if cancers:
            facts.append(
                Line(
                    label=label,
                    text=", ".join(
                        f"{book.cancer_by_id[c].label} (ICD-10 {book.cancer_by_id[c].icd10})"
                        for c in cancers
                    ),
                )
            )
    if syndrome.antibodies:
        facts.append(
            Line(
                label="Antibodies",
                text=", ".join(antibody_words(a, book) for a in syndrome.antibodies),
            )
        )
    if syndrome.pns_care:
        phenotype = book.pns_care.phenotype[syndrome.pns_care.phenotype]
        facts.append(Line(label="PNS-Care phenotype", text=phenotype.label))
    if syndrome.mimics:
        facts.append(
            Line(
                label=words.HEADINGS["mimics"],
                text="; ".join(book.mimic_by_id[m].name for m in syndrome.mimics),
            )
        )
    provenance = syndrome.provenance
    return RuleView(
        id=syndrome.id,
        name=syndrome.name,
        summary=syndrome.summary,
        meta=f"Rule '{syndrome.id}' · {words.CATEGORY[syndrome.category]} · status: "
        f"{syndrome.status.value} · {words.rule_review_text(provenance)}",
        status=syndrome.status,
        status_note=words.STATUS_NOTE.get(syndrome.status),
        aliases=", ".join(syndrome.aliases) or None,
        detail=syndrome.detail,
        criteria=_lines(rule_lines(syndrome.criteria, book)),
        key=_lines(rule_lines(syndrome.key, book)) if syndrome.key is not None else (),
        facts=tuple(facts),
        red_flags=tuple(
            f"{flag.text} (urgency: {words.URGENCY[flag.urgency]})"
            for flag in (book.red_flag_by_id[f] for f in syndrome.red_flags)
        ),
        discuss=syndrome.discuss,
        references=tuple(
            reference_view(book.reference_by_id[r]) for r in book.syndrome_references[syndrome.id]
        ),
        provenance=f"Written by {provenance.author} on {provenance.written}; "
        f"{words.rule_review_text(provenance)}.",
    )
