"""Read a number typed as text the way the learner meant it, or refuse it with a question.

Used wherever a number arrives as text (a link's lab values, any form field that takes text), so
"5,5" means the same everywhere. A decimal comma is read as a decimal point ("5,5" is 5.5, never
55); a comma that could also be a thousands separator ("1,500") is refused with both readings, so
the learner chooses. `true`, `NaN`, `inf` and numbers too large to be finite are not numbers.
A lab result may also be written beyond a limit ("< 5", "> 2000") or as "not detected"
(`read_lab_number`).
"""

from __future__ import annotations

import math
import re
from typing import Literal, NamedTuple

from screener.errors import ScreenerError

MAX_NUMBER_CHARS = 40
"""Longer text is not a number anyone typed (the longest float Python writes is 24 characters)."""

_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-"})
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:[,.][0-9]{3})+(?:[.,][0-9]+)?")


class NotANumber(ScreenerError, ValueError):
    """The text is not a number, or could be two; the message says so in plain words."""


def written(value: float) -> str:
    """The shortest text `read_number` reads back as exactly `value` (`repr`, without '.0')."""
    text = repr(value)
    return text.removesuffix(".0") if "e" not in text else text


def shown(text: str, limit: int = 20) -> str:
    """Text someone typed, quoted and shortened, control characters replaced, for a message."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in text[:limit])
    return f"'{cleaned}{'…' if len(text) > limit else ''}'"


def read_number(text: str) -> float:
    """The finite number `text` means. Raises `NotANumber` with a message naming the text."""
    written = text.strip().translate(_MINUS_SIGNS)
    if len(written) > MAX_NUMBER_CHARS:
        raise NotANumber(f"{shown(text)} is not a number")
    if _NUMBER.fullmatch(written):
        if "," in written and _could_be_thousands(written):
            decimal, whole = f"{float(written.replace(',', '.')):g}", written.replace(",", "")
            raise NotANumber(
                f"{shown(text)} is unclear: did you mean {decimal} or {whole}? "
                "(write decimals with a point)"
            )
        value = float(written.replace(",", "."))
        if not math.isfinite(value):
            raise NotANumber(f"{shown(text)} is not a number")
        return value
    if _GROUPED.fullmatch(written):
        meant = _without_grouping(written)
        raise NotANumber(f"{shown(text)} has more than one separator: did you mean {meant}?")
    raise NotANumber(f"{shown(text)} is not a number")


def _could_be_thousands(written: str) -> bool:
    # "1,500" is 1.5 with a decimal comma or 1500 with a thousands comma; "0,500" and "1,5" are not.
    whole, _, fraction = written.lstrip("+-").partition(",")
    return len(fraction) == 3 and fraction.isdigit() and whole.strip("0") != ""


def _without_grouping(written: str) -> str:
    # The last separator is the decimal one when it is followed by other than three digits.
    last = max(written.rfind(","), written.rfind("."))
    if len(written) - last - 1 != 3:
        return written[:last].replace(",", "").replace(".", "") + "." + written[last + 1 :]
    return written.replace(",", "").replace(".", "")


class LabNumber(NamedTuple):
    """A lab result as the laboratory may report it: a number, a number beyond a limit
    (`censored` 'below' for "< 5", 'above' for "> 2000"), or "not detected" (no value)."""

    value: float | None
    censored: Literal["below", "above"] | None = None


NOT_DETECTED_WORDS = ("not detected", "undetectable", "nd", "n.d.", "none detected")
"""How a result below the detection limit, with no limit given, may be written."""

_LIMIT_SIGNS: tuple[tuple[str, Literal["below", "above"]], ...] = (
    ("<=", "below"),
    ("≤", "below"),
    ("<", "below"),
    ("less than", "below"),
    (">=", "above"),
    ("≥", "above"),
    (">", "above"),
    ("more than", "above"),
    ("greater than", "above"),
)


def read_lab_number(text: str) -> LabNumber:
    """The result `text` means: "128", "< 5" (below 5), "> 2000" (above 2000) or "not detected".
    A limit written "≤ 5" is read as "< 5": either way the value may lie anywhere under 5.
    Raises `NotANumber` as `read_number` does."""
    written = " ".join(text.strip().casefold().split())
    if written in NOT_DETECTED_WORDS:
        return LabNumber(None, "below")
    for sign, side in _LIMIT_SIGNS:
        if written.startswith(sign):
            return LabNumber(read_number(written[len(sign) :]), side)
    return LabNumber(read_number(text))


def lab_number_text(value: float | None, censored: Literal["below", "above"] | None) -> str:
    """The shortest text `read_lab_number` reads back as the same result: "128", "<5", ">2000",
    or "nd" (not detected)."""
    if value is None:
        return "nd"
    return {"below": "<", "above": ">"}.get(censored or "", "") + written(value)
