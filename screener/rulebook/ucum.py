"""The labs speak UCUM: every unit's UCUM expression parsed, and every conversion factor checked
against UCUM's own, through `ucumvert`'s UCUM grammar and `pint`.

- A factor between units UCUM can convert (g/dL → g/L, /µL → ×10⁹/L, µkat/L → U/L, °F → °C
  with its offset) must agree with UCUM's conversion.
- A factor between a mass and an amount of substance (mg/dL → mmol/L) must agree with UCUM's
  conversion through the molar mass written beside it.
- A factor UCUM cannot check (an assay's equation, a WHO standard's units) must say its basis.

The registry takes most of a second to build, so it is built once per process and only by
`screener validate`, the tests, and the reading of a unit that a lab report spelled in a way the
rule book does not (`equivalent_unit`): never while screening.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from screener.errors import ScreenerError
from screener.models import LabAnalyte
from screener.rulebook.loader import LoadedBook
from screener.rulebook.problems import Problem

TOLERANCE = 0.005
"""A factor may differ from UCUM's by this share: the book rounds to four significant digits."""


class UcumError(ScreenerError, ValueError):
    """The expression is not UCUM; the message says why."""


@cache
def registry() -> Any:
    """ucumvert's pint registry of UCUM units, built once per process on first use."""
    from ucumvert import PintUcumRegistry

    return PintUcumRegistry()


def quantity(expression: str) -> Any:
    """The pint quantity of a UCUM expression, or `UcumError`."""
    try:
        return registry().from_ucum(expression)
    except Exception as error:  # ucumvert raises lark's and pint's own errors
        raise UcumError(f"'{expression}' is not a UCUM unit ({type(error).__name__})") from None


def conversion(
    source: str, target: str, molar_mass: float | None = None
) -> tuple[float, float] | None:
    """UCUM's (factor, offset) from `source` to `target` (target = source × factor + offset),
    through `molar_mass` (g/mol) between a mass and an amount of substance; None if UCUM cannot
    convert them."""
    from pint.errors import DimensionalityError, OffsetUnitCalculusError

    unit = registry()
    low, high = quantity(source), quantity(target)

    def convert(value: float) -> float:
        try:
            amount = low * value
        except OffsetUnitCalculusError:
            amount = unit.Quantity(value, low.units)
        if molar_mass is not None:
            mass = quantity("g/mol") * molar_mass
            for bridged in (amount / mass, amount * mass):
                try:
                    return float(bridged.to(high.units).magnitude / high.magnitude)
                except DimensionalityError:
                    continue
            raise DimensionalityError(low.units, high.units)
        try:
            return float(amount.to(high.units).magnitude / high.magnitude)
        except OffsetUnitCalculusError:
            return float(unit.Quantity(value, low.units).to(high.units).magnitude)

    try:
        zero, one = convert(0.0), convert(1.0)
    except DimensionalityError:
        return None
    return one - zero, zero


def _agrees(given: float, ucum: float, scale: float) -> bool:
    return math.isclose(given, ucum, rel_tol=TOLERANCE, abs_tol=TOLERANCE * scale)


def analyte_problems(analyte: LabAnalyte) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """What is wrong with one analyte's UCUM, each with its path inside the analyte."""
    try:
        quantity(analyte.ucum)
    except UcumError as error:
        yield ("ucum",), str(error)
        return
    for k, alt in enumerate(analyte.alternative_units):
        at = ("alternative_units", k)
        try:
            quantity(alt.ucum)
        except UcumError as error:
            yield (*at, "ucum"), str(error)
            continue
        if alt.basis is not None:
            continue
        ucum = conversion(alt.ucum, analyte.ucum, alt.molar_mass)
        if ucum is None:
            needs = (
                "the molar mass it assumes ('molar_mass')"
                if alt.molar_mass is None
                else "a 'basis'"
            )
            yield (
                (*at, "factor"),
                (
                    f"UCUM cannot convert {alt.ucum} to {analyte.ucum}: give {needs}, or the basis "
                    "of the factor"
                ),
            )
            continue
        factor, offset = ucum
        through = f" through a molar mass of {alt.molar_mass:g} g/mol" if alt.molar_mass else ""
        if not _agrees(alt.factor, factor, abs(factor)):
            yield (
                (*at, "factor"),
                (
                    f"{alt.unit} → {analyte.unit}: the factor {alt.factor:g} disagrees with UCUM's "
                    f"{factor:.6g}{through}"
                ),
            )
        if not _agrees(alt.offset, offset, max(abs(offset), 1.0)):
            yield (
                (*at, "offset"),
                (
                    f"{alt.unit} → {analyte.unit}: the offset {alt.offset:g} disagrees with UCUM's "
                    f"{offset:.6g}"
                ),
            )


def ucum_problems(loaded: LoadedBook) -> Iterator[Problem]:
    """Every lab's UCUM problem, located at its file, line, analyte and field."""
    for i, analyte in enumerate(loaded.book.labs):
        for path, message in analyte_problems(analyte):
            yield loaded.sources.origin("labs", (i, *path)).problem(message, code="PNS-L038")


_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_LAB_REPORT = (
    (re.compile(r"10([⁰¹²³⁴⁵⁶⁷⁸⁹]+)"), lambda m: "10*" + m.group(1).translate(_SUPERSCRIPT)),
    (re.compile(r"10\s*\^\s*(\d+)"), lambda m: "10*" + m.group(1)),  # 10^9 → 10*9
    (re.compile(r"^\s*[xX×*]\s*(?=10\*)"), lambda m: ""),  # ×10⁹/L, x10^9/L → 10*9/L
    (re.compile(r"[µμ]|(?<![A-Za-z])mc(?=g|mol|kat|L|l|U|IU)"), lambda m: "u"),  # mcg → ug
    (re.compile(r"(?<!\[)IU(?!\])"), lambda m: "[IU]"),  # mIU/L → m[IU]/L
    (re.compile(r"Eq\b"), lambda m: "eq"),  # mEq, as labs write it → UCUM's meq
    (re.compile(r"\s+"), lambda m: ""),
)


def lab_report_ucum(text: str) -> str:
    """A unit as lab reports write it, in UCUM's syntax ('x10^9/L' → '10*9/L', 'µmol/L' →
    'umol/L', 'mEq/L' → 'meq/L'): the notation only; UCUM then says which unit it is."""
    written = text
    for pattern, replacement in _LAB_REPORT:
        written = pattern.sub(replacement, written)
    return written


def equivalent_unit(analyte: LabAnalyte, text: str) -> str | None:
    """The rule book's spelling of the one unit of `analyte` that UCUM reads `text` as the same
    unit, or None (not a UCUM unit, or the same as none of its units)."""
    written = lab_report_ucum(text)
    try:
        quantity(written)
    except UcumError:
        return None
    units = ((analyte.unit, analyte.ucum), *((a.unit, a.ucum) for a in analyte.alternative_units))
    same = [
        spelling
        for spelling, ucum in units
        if (found := conversion(written, ucum)) is not None
        and math.isclose(found[0], 1.0, rel_tol=1e-9)
        and math.isclose(found[1], 0.0, abs_tol=1e-9)
        and _annotation(text) == _annotation(ucum)
    ]
    # Several spellings UCUM reads as one unit (mmol/L and mEq/L of sodium) are the same: the
    # first, the main unit where it is one of them, is the spelling used.
    return same[0] if same else None


def _annotation(text: str) -> str:
    """A UCUM annotation ('{FEU}') or a lab's trailing word ('FEU', 'BUN'), lower-cased."""
    found = re.search(r"\{([^}]*)\}", text) or re.search(r"\s([A-Za-z]+)\s*$", text)
    return found.group(1).casefold() if found else ""
