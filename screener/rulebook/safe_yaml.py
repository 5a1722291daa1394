"""Parse a rule file as plain data, remembering the line of every value.

Rule files are data written by people, so the parser refuses what plain data never needs: anchors
and aliases (an alias bomb expands a few hundred bytes into gigabytes), explicit tags (they can
construct objects), merge keys, duplicate keys (YAML keeps the last one silently), nesting deeper
than any rule needs, and scalars YAML would read as something other than what they look like
(`1:20` is the number 80, `012` is 10, `.nan` is not a number). It checks the event stream first,
which costs time linear in the file's size, so nothing is ever expanded or recursed into deeply.
Every refusal is a `YamlProblem` naming the line.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import yaml

from screener.errors import ScreenerError

Path_ = tuple[str | int, ...]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
"""Deepest nesting of lists and mappings a rule file may use (the real book needs about 10)."""

# libyaml's C parser is about ten times faster; the pure-Python one gives the same events.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
# YAML 1.1 reads these plain scalars as numbers in ways a person would not: base 60, octal, hex.
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)")
_KINDS = {"int": "whole number", "float": "number", "timestamp": "date", "bool": "true/false"}


@dataclass(frozen=True)
class YamlProblem(ScreenerError):
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
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise YamlProblem(None, f"file is larger than the {MAX_FILE_BYTES:,}-byte limit")
    if surrogate := re.search(r"[\ud800-\udfff]", text):
        raise YamlProblem(_line_at(text, surrogate.start()), "file is not valid Unicode text")
    _refuse_unsafe_events(text)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise YamlProblem(_line_of(error, text), f"not valid YAML: {_describe(error)}") from None
    if node is None:
        return LocatedData(None, {(): 1})
    lines: dict[Path_, int] = {}
    constructor = _Loader("")
    return LocatedData(_build(node, (), lines, constructor), lines)


def _refuse_unsafe_events(text: str) -> None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem(line, "YAML aliases (*name) are not allowed in rule files")
            if getattr(event, "anchor", None):
                raise YamlProblem(line, "YAML anchors (&name) are not allowed in rule files")
            if tag := getattr(event, "tag", None):
                raise YamlProblem(line, f"YAML tags ({tag}) are not allowed in rule files")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(
                        line, f"lists and mappings are nested more than {MAX_DEPTH} levels deep"
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        raise YamlProblem(_line_of(error, text), f"not valid YAML: {_describe(error)}") from None


def _build(node: yaml.Node, path: Path_, lines: dict[Path_, int], constructor: Any) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            key = _scalar(key_node, constructor) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise YamlProblem(line, "mapping keys must be plain text")
            if key in result:
                raise YamlProblem(line, f"duplicate key {key!r}")
            result[key] = _build(value_node, (*path, key), lines, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), lines, constructor) for i, item in enumerate(node.value)]
    return _scalar(node, constructor)


def _scalar(node: yaml.Node, constructor: Any) -> Any:
    line = node.start_mark.line + 1
    text = str(node.value)
    shown = text if len(text) <= 40 else text[:40] + "…"
    if node.tag == _TAG + "merge":
        raise YamlProblem(line, "merge keys (<<) are not allowed in rule files; write each field")
    if node.tag == _TAG + "value":
        raise YamlProblem(line, "a bare '=' is a special YAML value; put it in quotes")
    if (node.tag == _TAG + "int" and not _PLAIN_INT.fullmatch(text)) or (
        node.tag == _TAG + "float" and ":" in text
    ):
        raise YamlProblem(
            line,
            f"'{shown}' would be read as a number in an unexpected way (base 60, octal or hex); "
            "write a plain decimal number, or quote it if it is text",
        )
    try:
        value = constructor.construct_object(node)
    except (ValueError, OverflowError, yaml.YAMLError) as error:
        kind = _KINDS.get(node.tag.removeprefix(_TAG), "value")
        reason = str(error).splitlines()[0]
        raise YamlProblem(line, f"'{shown}' is not a valid {kind}: {reason}") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise YamlProblem(line, f"'{shown}' is not a finite number")
    return value


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _line_of(error: yaml.YAMLError, text: str) -> int | None:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        return int(mark.line) + 1
    position = getattr(error, "position", None)
    return _line_at(text, position) if isinstance(position, int) else None


def _describe(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    return " ".join(part for part in (context, problem) if part) or str(error).splitlines()[0]
