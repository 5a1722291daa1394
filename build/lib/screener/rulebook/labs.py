"""What the rule book's lab vocabulary accepts: a unit in any spelling a lab report uses, and
a value a living person can have. The link, the form, the command line and `screen()` itself
check every lab value here, so each says the same, and the words say what to do."""

from __future__ import annotations

from screener.models import LabAnalyte, LabValue, Profile
from screener.rulebook.book import RuleBook

MAX_UNIT_CHARS = 40
"""Longer text is no unit a lab report prints."""


def _spelling(unit: str) -> str:
    return "".join(unit.split()).casefold()


def canonical_unit(analyte: LabAnalyte, unit: str) -> str | None:
    """The rule book's spelling of `unit`, or None if the analyte does not accept it. A unit
    written as the book writes it, or as its UCUM code, is found at once; any other spelling
    ('x10^9/L', '10*9/L', 'umol/L', 'mEq/L') is read through UCUM (`rulebook.ucum`, loaded on
    the first such unit, never for a unit spelled as the book spells it) and matched to the unit
    UCUM says it is."""
    wanted = _spelling(unit)
    for spelling, ucum in (
        (analyte.unit, analyte.ucum),
        *((alt.unit, alt.ucum) for alt in analyte.alternative_units),
    ):
        if wanted == _spelling(spelling) or unit.strip() == ucum:
            return spelling
    if not wanted or len(unit) > MAX_UNIT_CHARS:
        return None
    from screener.rulebook.ucum import equivalent_unit

    return equivalent_unit(analyte, unit)


def with_canonical_units(profile: Profile, book: RuleBook) -> Profile:
    """`profile` with every lab unit in the rule book's own spelling where it is recognised
    ("x10^9/L" → "×10⁹/L"); units it does not recognise are left for `check_lab_value` to refuse."""
    labs = []
    for lab in profile.labs:
        analyte = book.lab_by_id.get(lab.analyte)
        unit = canonical_unit(analyte, lab.unit) if analyte is not None else None
        labs.append(lab if unit is None else lab.model_copy(update={"unit": unit}))
    return profile.model_copy(update={"labs": tuple(labs)})


PLAUSIBLE_SLACK = 1e-9
"""How far (relative to the range) a converted value may stray past the plausible range before it
is refused: rounding in a unit conversion, never a real difference."""


def number_text(value: float) -> str:
    return f"{value:g}"


def check_lab_value(lab: LabValue, book: RuleBook) -> str | None:
    """Why `lab` cannot be used, in words a learner can act on, or None if it can."""
    analyte = book.lab_by_id.get(lab.analyte)
    if analyte is None:
        return f"unknown lab analyte '{lab.analyte}'"
    if analyte.factor_for(lab.unit) is None:
        return (
            f"{analyte.label}: the unit '{lab.unit}' is not accepted; "
            f"use one of {', '.join(analyte.units)}"
        )
    if lab.value is None:  # not detected, limit not given
        return None
    value = analyte.in_main_unit(lab.value, lab.unit)
    if value is None:
        return None  # unreachable: the unit is accepted
    low, high = analyte.plausible.low, analyte.plausible.high
    # A value at the edge of the range, entered in another unit, may convert to a hair beyond
    # it through floating-point rounding: that is not an impossible value.
    slack = PLAUSIBLE_SLACK * max(abs(low), abs(high), 1.0)
    if low - slack <= value <= high + slack:
        return None
    in_unit = "" if value == lab.value else f" ({number_text(value)} {analyte.unit})"
    message = (
        f"{analyte.label} {number_text(lab.value)} {lab.unit}{in_unit} is outside the range a "
        f"living person can have ({number_text(low)}–{number_text(high)} {analyte.unit})"
    )
    other_units = [u for u in analyte.units if u != lab.unit]
    entered = lab.value
    fits = [
        u
        for u in other_units
        if (converted := analyte.in_main_unit(entered, u)) is not None and low <= converted <= high
    ]
    if fits:
        message += f"; was it measured in {' or '.join(fits)}?"
    return message
