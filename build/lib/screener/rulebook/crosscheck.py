"""Cross-checks of a loaded rule book: every id it uses names something that exists, no id is
declared twice, and no id names two kinds of thing.

References are found by one generic walk over the models: any field whose type carries a `Ref`
marker (`FindingId`, `CancerId`…) is checked, wherever it sits. A new kind of reference is
declared on its field and needs no code here.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Collection, Iterator, Mapping
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from screener.models import Category, IdKind, Ref
from screener.rulebook.book import RuleBook
from screener.rulebook.files import RULE_FILES
from screener.rulebook.problems import Problem
from screener.rulebook.safe_yaml import Path_
from screener.rulebook.sources import SourceIndex

MAX_HINTS = 50
"""'Did you mean' is worked out for this many unknown ids; a flood of them gets none, so a
broken book with thousands of unknown ids is still checked in seconds."""

_DECLARED_IN: dict[IdKind, tuple[str, str | None]] = {
    # kind -> (book field, sub-list holding the items, if nested)
    "system": ("systems", None),
    "finding": ("systems", "findings"),
    "lab": ("labs", None),
    "cancer": ("cancers", None),
    "antibody": ("antibodies", None),
    "reference": ("references", None),
    "red_flag": ("red_flags", None),
    "mimic": ("mimics", None),
    "syndrome": ("syndromes", None),
    "case": ("cases", None),
    "mimic_case": ("mimic_cases", None),
}
KIND_WORDS: dict[IdKind, str] = {
    "finding": "finding",
    "system": "body system",
    "lab": "lab analyte",
    "cancer": "cancer",
    "antibody": "antibody",
    "reference": "reference",
    "red_flag": "red flag",
    "mimic": "mimic",
    "syndrome": "syndrome",
    "case": "teaching case",
    "mimic_case": "mimic case",
}


def references(
    value: Any, annotation: Any, path: Path_ = ()
) -> Iterator[tuple[Path_, IdKind, str]]:
    """Every id reference inside `value` (typed `annotation`), with its path and kind."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            typed = (
                Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            )
            yield from references(getattr(value, name), typed, (*path, name))
        return
    if value is None:
        return
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        ref = next((m for m in metadata if isinstance(m, Ref)), None)
        if ref is not None and isinstance(value, str):
            yield path, ref.kind, value
        else:
            yield from references(value, base, path)
    elif origin in (Union, types.UnionType):
        # Models walk themselves above; only a plain value needs its branch found.
        for branch in get_args(annotation):
            base = get_args(branch)[0] if get_origin(branch) is Annotated else branch
            if isinstance(base, type) and isinstance(value, base):
                yield from references(value, branch, path)
                return
    elif origin is tuple:
        element = get_args(annotation)[0]
        for index, item in enumerate(value):
            yield from references(item, element, (*path, index))
    elif origin is dict:
        element = get_args(annotation)[1]
        for key, item in value.items():
            yield from references(item, element, (*path, getattr(key, "value", key)))


def declarations(book: RuleBook) -> Iterator[tuple[IdKind, str, Path_, str]]:
    """Every id the book declares: (kind, book field, path in that field, id)."""
    for kind, (field, nested) in _DECLARED_IN.items():
        for index, item in enumerate(getattr(book, field)):
            if nested is None:
                yield kind, field, (index, "id"), item.id
            else:
                for j, child in enumerate(getattr(item, nested)):
                    yield kind, field, (index, nested, j, "id"), child.id


def unknown_references(
    value: Any,
    annotation: Any,
    known: Mapping[IdKind, Collection[str]],
    hints: dict[tuple[IdKind, str], str] | None = None,
) -> Iterator[tuple[Path_, str]]:
    """Every reference inside `value` to an id that `known` lacks: its path, and a message
    such as "unknown finding 'dry_mouht' (did you mean 'dry_mouth'?)". Pass one `hints` to
    several calls to share their 'did you mean' budget."""
    hints = {} if hints is None else hints
    for path, kind, item_id in references(value, annotation):
        if item_id in known[kind]:
            continue
        if (kind, item_id) not in hints:
            close = (
                difflib.get_close_matches(item_id, known[kind], n=1)
                if len(hints) < MAX_HINTS
                else []
            )
            hints[kind, item_id] = f" (did you mean '{close[0]}'?)" if close else ""
        yield path, f"unknown {KIND_WORDS[kind]} '{item_id}'{hints[kind, item_id]}"


def cross_check(book: RuleBook, index: SourceIndex) -> list[Problem]:
    problems = _declared_once(book, index)
    known = {kind: set(ids) for kind, ids in book.ids.items()}
    hints: dict[tuple[IdKind, str], str] = {}
    for rule_file in RULE_FILES:
        annotation = RuleBook.model_fields[rule_file.field].annotation
        value = getattr(book, rule_file.field)
        for path, message in unknown_references(value, annotation, known, hints):
            problems.append(index.origin(rule_file.field, path).problem(message))
    return problems + _syndrome_files(book, index)


def _declared_once(book: RuleBook, index: SourceIndex) -> list[Problem]:
    problems = []
    first: dict[str, tuple[IdKind, str, Path_]] = {}
    for kind, field, path, item_id in declarations(book):
        if item_id not in first:
            first[item_id] = (kind, field, path)
            continue
        first_kind, first_field, first_path = first[item_id]
        where = index.origin(first_field, first_path)
        what = (
            "duplicate id"
            if first_kind == kind
            else f"id already names a {KIND_WORDS[first_kind]}, so it cannot name a "
            f"{KIND_WORDS[kind]} too:"
        )
        problems.append(
            index.origin(field, path).problem(
                f"{what} '{item_id}' (first defined in {where.source.name}:{where.line})",
                field="id",
            )
        )
    return problems


def _syndrome_files(book: RuleBook, index: SourceIndex) -> list[Problem]:
    """Each syndrome sits in the file of its category, and every category has a file."""
    problems = []
    for i, syndrome in enumerate(book.syndromes):
        origin = index.origin("syndromes", (i, "category"))
        stem = _stem(origin.source.name)
        if syndrome.category.value != stem:
            problems.append(
                origin.problem(
                    f"category '{syndrome.category.value}' does not belong in {stem}.yaml"
                )
            )
    stems = {_stem(source.name) for source in index.folders.get("syndromes", [])}
    missing = sorted(c.value for c in Category if c.value not in stems)
    if missing:
        problems.append(Problem("rules/syndromes", None, f"no file for: {', '.join(missing)}"))
    return problems


def _stem(name: str) -> str:
    return name.rsplit("/", 1)[-1].removesuffix(".yaml")
