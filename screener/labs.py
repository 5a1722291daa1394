"""Turn lab values, in whichever unit the learner used, into findings through the rule book."""

from __future__ import annotations

from screener.book import RuleBook
from screener.models import DerivedFinding, LabAnalyte, LabThreshold, LabValue, Sex


class ProfileError(ValueError):
    """The profile cannot be screened; `problems` says why, one plain sentence each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


def _number(value: float) -> str:
    return f"{value:g}"


def check_lab_value(lab: LabValue, book: RuleBook) -> str | None:
    """Why `lab` cannot be used, in words a learner can act on, or None if it can."""
    analyte = book.lab_by_id.get(lab.analyte)
    if analyte is None:
        return f"unknown lab analyte '{lab.analyte}'"
    factor = analyte.factor_for(lab.unit)
    if factor is None:
        return (
            f"{analyte.label}: the unit '{lab.unit}' is not accepted; "
            f"use one of {', '.join(analyte.units)}"
        )
    value = lab.value * factor
    low, high = analyte.plausible.low, analyte.plausible.high
    if low <= value <= high:
        return None
    in_unit = "" if factor == 1 else f" ({_number(value)} {analyte.unit})"
    message = (
        f"{analyte.label} {_number(lab.value)} {lab.unit}{in_unit} is outside the range a living "
        f"person can have ({_number(low)}–{_number(high)} {analyte.unit})"
    )
    other_units = [u for u in analyte.units if u != lab.unit]
    fits = [u for u in other_units if low <= lab.value * (analyte.factor_for(u) or 0) <= high]
    if fits:
        message += f"; was it measured in {' or '.join(fits)}?"
    return message


def _applies(threshold: LabThreshold, value: float, sex: Sex | None) -> bool:
    if threshold.sex is not None and (sex or Sex.UNSPECIFIED) not in threshold.sex:
        return False
    return threshold.crossed_by(value)


BOUND_WORDS = {
    "below": "below",
    "above": "above",
    "at_or_below": "at or below",
    "at_or_above": "at or above",
}


def _rule_text(threshold: LabThreshold, analyte: LabAnalyte) -> str:
    side, bound = threshold.bound
    sexes = f" ({', '.join(s.value for s in threshold.sex)})" if threshold.sex else ""
    return f"{BOUND_WORDS[side]} {_number(bound)} {analyte.unit}{sexes}"


def derive_lab_findings(
    labs: tuple[LabValue, ...], book: RuleBook, sex: Sex | None
) -> tuple[DerivedFinding, ...]:
    """Findings implied by the lab values. Raises `ProfileError` listing every unusable value."""
    problems = [p for lab in labs if (p := check_lab_value(lab, book)) is not None]
    if problems:
        raise ProfileError(problems)
    derived = []
    for lab in labs:
        analyte = book.lab_by_id[lab.analyte]
        value = lab.value * (analyte.factor_for(lab.unit) or 1.0)
        derived += [
            DerivedFinding(
                analyte=analyte.id,
                value=lab.value,
                unit=lab.unit,
                value_in_main_unit=round(value, 4),
                main_unit=analyte.unit,
                finding=threshold.finding,
                rule=_rule_text(threshold, analyte),
            )
            for threshold in analyte.thresholds
            if _applies(threshold, value, sex)
        ]
    return tuple(derived)
