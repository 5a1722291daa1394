"""Text the PDFs can print as written: every character is in the bundled fonts (regular and
bold) and reads left to right.

fpdf2 leaves a character its font has no glyph for out of the PDF without a word (CJK, most
emoji), and lays a right-to-left script (Hebrew, Arabic) out in reverse, its letters unjoined.
So `validate` refuses such text in the rule book, and loading refuses it in a case pack, each
problem located by file, line, id and field: a PDF never silently drops or reverses a word.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from screener.rulebook.problems import Problem
from screener.rulebook.safe_yaml import Path_
from screener.rulebook.sources import Origin, SourceFile

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT_FILES = {"": FONT_DIR / "DejaVuSans.ttf", "B": FONT_DIR / "DejaVuSans-Bold.ttf"}
"""The PDFs' fonts by fpdf2 style: the report draws with these, and text is checked by them."""

LAID_OUT = frozenset("\t\n\r")
"""Whitespace the PDFs' line breaking turns into space or a new line; it is never drawn."""

RIGHT_TO_LEFT = frozenset({"R", "AL", "RLE", "RLO", "RLI"})
"""Bidirectional classes of right-to-left letters and of the controls that lay text out so."""

SHOWN = 2
"""Characters a problem names; it counts the rest."""


@cache
def printable_code_points() -> frozenset[int]:
    """Every code point both fonts have a glyph for, from their own character maps."""
    # Imported here, as fpdf2 is: only a check of text pays for loading it.
    from fontTools.ttLib import TTFont

    maps = [set(TTFont(path, lazy=True).getBestCmap()) for path in FONT_FILES.values()]
    return frozenset(set.intersection(*maps))


def _named(characters: list[str]) -> str:
    named = [f"'{ch}' (U+{ord(ch):04X})" for ch in characters[:SHOWN]]
    more = len(characters) - SHOWN
    if more > 0:
        return f"{', '.join(named)} and {more} more"
    return " and ".join(named)


def unprintable(text: str) -> str | None:
    """What in `text` a PDF could not print as written, in words, or None."""
    printable = printable_code_points()
    missing = list(dict.fromkeys(c for c in text if ord(c) not in printable and c not in LAID_OUT))
    backwards = list(
        dict.fromkeys(c for c in text if unicodedata.bidirectional(c) in RIGHT_TO_LEFT)
    )
    reasons = []
    if missing:
        verb, it = ("is", "it") if len(missing) == 1 else ("are", "them")
        reasons.append(
            f"{_named(missing)} {verb} not in the PDFs' font, so a PDF would leave {it} out"
        )
    if backwards:
        verb = "is" if len(backwards) == 1 else "are"
        reasons.append(
            f"{_named(backwards)} {verb} written right to left, which the PDFs would print in "
            "reverse"
        )
    if not reasons:
        return None
    return "; ".join(reasons) + " (use Latin, Greek or Cyrillic letters, or words, instead)"


def _texts(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def unprintable_texts(source: SourceFile) -> Iterator[Problem]:
    """A located problem for every text in `source` that a PDF could not print as written."""
    for path, text in _texts(source.data.value, ()):
        if (message := unprintable(text)) is not None:
            yield Origin(source, path).problem(message, code="PNS-L037")
