"""A teaching case as YAML, ready to paste into `rules/cases.yaml` or a case pack file.

`case_yaml` writes what the loader reads back into the same case: the writer and the reader
share the model, so an exported case is valid by construction.
"""

from __future__ import annotations

from typing import Any

import yaml

from screener.models import PROFILE_FIELDS, TeachingCase
from screener.rulebook.safe_yaml import parse_yaml

WIDTH = 100

_ORDER = (
    "id",
    "title",
    "category",
    "vignette",
    "text",
    *PROFILE_FIELDS,
    "answer",
    "summary",
    "top",
    "teaching_points",
    "stages",
)
"""The order a person reads a case (or a stage) in: what it is, what it tells, its answer."""


class _Dumper(yaml.SafeDumper):
    """Writes a case the way the rule book's files are written by hand."""


class _Inline(list[Any]):
    """A list of ids: printed on one line, `[a, b]`."""


class _InlineMap(dict[str, Any]):
    """A lab value: printed on one line, `{analyte: sodium, value: 118, unit: mmol/L}`."""


class _Prose(str):
    """A paragraph: printed folded (`>-`), wrapped at `WIDTH`."""

    __slots__ = ()


class _Quoted(str):
    """Words printed double-quoted, where every character that could be misread is escaped."""

    __slots__ = ()


_Dumper.add_representer(
    _Inline, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)
_Dumper.add_representer(
    _InlineMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True)
)
_Dumper.add_representer(
    _Prose, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style=">")
)
_Dumper.add_representer(
    _Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style='"')
)

_IDS = ("findings", "cancers", "antibodies")
_PROSE = ("vignette", "text")
_WORDS = ("title", *_PROSE)


def _styled(data: dict[str, Any], *, quoted: bool) -> dict[str, Any]:
    styled: dict[str, Any] = {}
    for key in _ORDER:
        if key not in data:
            continue
        value = data[key]
        if key in _IDS:
            value = _Inline(value)
        elif key == "labs":
            value = [_InlineMap(lab) for lab in value]
        elif quoted and key in _WORDS:
            value = _Quoted(value)
        elif quoted and key == "teaching_points":
            value = [_Quoted(point) for point in value]
        elif key in _PROSE:
            value = _Prose(value)
        elif key == "summary":
            text = _Quoted if quoted else _Prose
            words = [_Quoted(q) for q in value["qualifiers"]] if quoted else value["qualifiers"]
            value = {"sentence": text(value["sentence"]), "qualifiers": _Inline(words)}
        elif key == "stages":
            value = [_styled(stage, quoted=quoted) for stage in value]
        styled[key] = value
    return styled


def _dump(data: dict[str, Any], *, quoted: bool) -> str:
    return yaml.dump(
        [_styled(data, quoted=quoted)],
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=WIDTH,
    )


def case_yaml(case: TeachingCase) -> str:
    """One list item (`- id: …`) holding `case`, with nothing left at its default.

    Paragraphs are folded and other words left plain, as a person writes them, unless that would
    not read back as written: PyYAML folds inside a line that begins with a space (a reader keeps
    such a line apart, so a space became a line break) and writes a NEL or a Unicode line
    separator as it is (a reader takes it for a line break). Then every text is double-quoted,
    where such characters are escaped."""
    data = case.model_dump(mode="json", exclude_defaults=True)
    written = _dump(data, quoted=False)
    if parse_yaml(written).value == [data]:
        return written
    return _dump(data, quoted=True)
