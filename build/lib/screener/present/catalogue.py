"""The rule book as a reader browses it: filters and the cancer-syndrome links."""

from __future__ import annotations

from dataclasses import dataclass

from screener.models import Category, Syndrome
from screener.rulebook import RuleBook


def filter_syndromes(
    book: RuleBook,
    categories: frozenset[Category] = frozenset(),
    cancer: str | None = None,
    antibody: str | None = None,
) -> list[Syndrome]:
    """Syndromes in any of `categories` (all when empty), linked to `cancer` and `antibody`."""
    return [
        s
        for s in book.syndromes
        if (not categories or s.category in categories)
        and (cancer is None or cancer in (*s.cancers.typical, *s.cancers.reported))
        and (antibody is None or antibody in s.antibodies)
    ]


@dataclass(frozen=True)
class AssociationRow:
    cancer: str
    cancer_label: str
    icd10: str
    syndrome: str
    syndrome_name: str
    category: str
    link: str
    status: str


def association_rows(book: RuleBook, syndromes: list[Syndrome]) -> list[AssociationRow]:
    """One row per cancer-syndrome link of `syndromes` ('typical' or 'reported')."""
    rows = []
    for syndrome in syndromes:
        for link, cancers in (
            ("typical", syndrome.cancers.typical),
            ("reported", syndrome.cancers.reported),
        ):
            for cancer_id in cancers:
                cancer = book.cancer_by_id[cancer_id]
                rows.append(
                    AssociationRow(
                        cancer=cancer.id,
                        cancer_label=cancer.label,
                        icd10=cancer.icd10,
                        syndrome=syndrome.id,
                        syndrome_name=syndrome.name,
                        category=syndrome.category.value,
                        link=link,
                        status=syndrome.status.value,
                    )
                )
    return sorted(rows, key=lambda r: (r.cancer_label, r.syndrome_name))
