"""The rule book as a reader browses it: rules in plain words, filters, cancer-syndrome links."""

from __future__ import annotations

from dataclasses import dataclass

from screener.book import RuleBook
from screener.models import AllOf, AnyOf, AtLeast, Category, Criterion, NoneOf, Syndrome


@dataclass(frozen=True)
class RuleLine:
    depth: int
    text: str


def criteria_lines(criterion: Criterion, book: RuleBook, depth: int = 0) -> list[RuleLine]:
    """A criteria tree as indented plain-words lines, in rule order."""
    if isinstance(criterion, str):
        return [RuleLine(depth, book.label(criterion))]
    if isinstance(criterion, AllOf):
        heading, children = f"All {len(criterion.all_of)} of these", criterion.all_of
    elif isinstance(criterion, AnyOf):
        heading, children = "Any one of these", criterion.any_of
    elif isinstance(criterion, AtLeast):
        spec = criterion.at_least
        heading, children = f"At least {spec.n} of these {len(spec.of)}", spec.of
    elif isinstance(criterion, NoneOf):
        heading, children = "None of these may be present", criterion.none_of
    else:
        raise TypeError(f"not a criterion: {criterion!r}")
    lines = [RuleLine(depth, heading)]
    for child in children:
        lines += criteria_lines(child, book, depth + 1)
    return lines


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
