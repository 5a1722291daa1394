"""A rule book with every capped text at its cap: the longest text the schema lets a rule file
hold, written in wide glyphs with no space to break at."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from screener.models import LabValue, Profile
from screener.rulebook import RuleBook

WIDE = "WM—"
_LONGEST = WIDE * 3000


def _strings(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))
    elif isinstance(data, str):
        yield path


def _existing(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # Pydantic's locations include union tags; keep the parts that exist in the data.
    path: list[Any] = []
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            continue
        path.append(part)
    return tuple(path)


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def stretched(book: RuleBook) -> RuleBook:
    """`book` with every text that has a length cap at that cap; ids and choices unchanged."""
    original = book.model_dump(mode="json")
    data = book.model_dump(mode="json")
    for path in _strings(data):
        if path != ("content_hash",):
            _set(data, path, _LONGEST)
    for _ in range(5):
        try:
            return RuleBook.model_validate(data)
        except ValidationError as error:
            for problem in error.errors():
                path = _existing(data, problem["loc"])
                if problem["type"] == "string_too_long":
                    _set(data, path, _LONGEST[: problem["ctx"]["max_length"]])
                else:
                    _set(data, path, _get(original, path))
    raise AssertionError("the stretched book does not validate")


def everything(book: RuleBook) -> Profile:
    """A profile with every finding, cancer and antibody, and every lab value at its lowest."""
    return Profile(
        findings=tuple(book.enterable_findings),
        cancers=tuple(book.cancer_by_id),
        antibodies=tuple(book.antibody_by_id),
        labs=tuple(
            LabValue(analyte=lab.id, value=lab.plausible.low, unit=lab.unit) for lab in book.labs
        ),
    )
