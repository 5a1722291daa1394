"""Parse a rule file as plain data, remembering the line of every value.

Rule files are data written by people, so the parser refuses what plain data never needs: anchors
and aliases (an alias bomb expands a few hundred bytes into gigabytes), explicit tags (they can
construct objects) and duplicate keys (YAML keeps the last one silently). It checks the event stream
first, which costs time linear in the file's size, so nothing is ever expanded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

MAX_FILE_BYTES = 1_000_000

# libyaml's C parser is about ten times faster; the pure-Python one gives the same events.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlProblem(Exception):
    line: int | None
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class LocatedData:
    """The parsed value plus the 1-based line where each path inside it starts."""

    value: Any
    lines: dict[Path_, int]

    def line_of(self, path: Path_) -> int | None:
        """The line of the deepest part of `path` that exists in the file."""
        for end in range(len(path), -1, -1):
            if (line := self.lines.get(tuple(path[:end]))) is not None:
                return line
        return None


def parse_yaml(text: str) -> LocatedData:
    """Parse `text` as YAML plain data. Raises `YamlProblem` naming the line."""
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise YamlProblem(None, f"file is larger than the {MAX_FILE_BYTES:,}-byte limit")
    _refuse_unsafe_events(text)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise YamlProblem(_line_of(error), f"not valid YAML: {_describe(error)}") from None
    if node is None:
        return LocatedData(None, {(): 1})
    lines: dict[Path_, int] = {}
    constructor = _Loader("")
    return LocatedData(_build(node, (), lines, constructor), lines)


def _refuse_unsafe_events(text: str) -> None:
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem(line, "YAML aliases (*name) are not allowed in rule files")
            if getattr(event, "anchor", None):
                raise YamlProblem(line, "YAML anchors (&name) are not allowed in rule files")
            if tag := getattr(event, "tag", None):
                raise YamlProblem(line, f"YAML tags ({tag}) are not allowed in rule files")
    except yaml.YAMLError as error:
        raise YamlProblem(_line_of(error), f"not valid YAML: {_describe(error)}") from None


def _build(node: yaml.Node, path: Path_, lines: dict[Path_, int], constructor: Any) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node)
            if not isinstance(key, str | int):
                raise YamlProblem(key_node.start_mark.line + 1, "mapping keys must be plain text")
            if key in result:
                raise YamlProblem(key_node.start_mark.line + 1, f"duplicate key {key!r}")
            result[key] = _build(value_node, (*path, key), lines, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), lines, constructor) for i, item in enumerate(node.value)]
    return constructor.construct_object(node)


def _line_of(error: yaml.YAMLError) -> int | None:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def _describe(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    return " ".join(part for part in (context, problem) if part) or str(error).splitlines()[0]
