"""Where each part of a loaded rule book came from: the file and the line of every value.

Cross-checks and content checks run on the loaded models; this index turns a model path such as
`syndromes[7].criteria.all_of[1]` back into `rules/syndromes/neurologic.yaml:31`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from screener.rulebook.checks import BY_CODE
from screener.rulebook.problems import Problem
from screener.rulebook.safe_yaml import LocatedData, Path_


@dataclass(frozen=True)
class SourceFile:
    name: str
    """As shown to people, e.g. `rules/syndromes/neurologic.yaml`."""
    data: LocatedData


@dataclass(frozen=True)
class Origin:
    """A model path's file, and the path inside that file."""

    source: SourceFile
    path: Path_

    @property
    def line(self) -> int | None:
        return self.source.data.line_of(self.path)

    def problem(
        self, message: str, field: str | None = None, *, code: str | None = None
    ) -> Problem:
        """A problem located here; `code` names the check it fails."""
        if code is not None and code not in BY_CODE:
            raise ValueError(f"unknown check {code}")
        return Problem(
            file=self.source.name,
            line=self.line,
            item_id=item_id(self.source.data.value, self.path),
            field=field if field is not None else field_name(self.path),
            message=message,
            code=code,
        )


@dataclass(frozen=True)
class SourceIndex:
    """For each `RuleBook` field: its one file, or (folder fields) one file per item."""

    single: dict[str, SourceFile]
    items: dict[str, list[tuple[SourceFile, int]]]
    folders: dict[str, list[SourceFile]]

    def files(self) -> list[SourceFile]:
        """Every file the book was read from."""
        return [*self.single.values(), *(f for files in self.folders.values() for f in files)]

    def origin(self, field: str, path: Path_ = ()) -> Origin:
        """Where `path` (a path inside the book field `field`) is written."""
        if field in self.items:
            index, *rest = path
            source, local = self.items[field][int(index)]
            return Origin(source, (local, *rest))
        return Origin(self.single[field], path)


def item_id(value: Any, path: Path_) -> str | None:
    """The id of the top-level item (or nested item with an id) that `path` points into."""
    found = None
    node = value
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
    return found


def field_name(path: Path_) -> str | None:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    # A leading index only says which list item: the rule id already names it.
    text = text.split("]", 1)[1].lstrip(".") if text.startswith("[") else text
    return text or None
