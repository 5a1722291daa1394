"""Read lab values, in whichever unit the learner used, through the rule book's thresholds.

Every value is read (`read_labs`) here and nowhere else, after the rule book's own check
(`screener.rulebook.labs.check_lab_value`), which the link, the form and the command line use too.
"""

from __future__ import annotations

from screener.models import (
    LabReading,
    LabValue,
    ProfileError,
    Sex,
    ThresholdCrossing,
)
from screener.rulebook import RuleBook
from screener.rulebook.labs import check_lab_value


def read_labs(
    labs: tuple[LabValue, ...], book: RuleBook, sex: Sex | None
) -> tuple[LabReading, ...]:
    """Every lab value with the thresholds it crosses. Raises `ProfileError` naming every value
    that cannot be used."""
    problems = [p for lab in labs if (p := check_lab_value(lab, book)) is not None]
    if problems:
        raise ProfileError(problems)
    readings = []
    for lab in labs:
        analyte = book.lab_by_id[lab.analyte]
        value = None if lab.value is None else analyte.in_main_unit(lab.value, lab.unit)
        crossed = []
        for threshold in analyte.thresholds:
            if threshold.sex is not None and (sex or Sex.UNSPECIFIED) not in threshold.sex:
                continue
            if value is not None and threshold.crossed_by(value, lab.censored):
                side, bound = threshold.bound
                crossed.append(
                    ThresholdCrossing(
                        finding=threshold.finding,
                        side=side,
                        bound=bound,
                        sexes=tuple(s.value for s in threshold.sex) if threshold.sex else None,
                    )
                )
        readings.append(
            LabReading(
                analyte=analyte.id,
                value=lab.value,
                unit=lab.unit,
                censored=lab.censored,
                value_in_main_unit=None if value is None else round(value, 4),
                main_unit=analyte.unit,
                crossed=tuple(crossed),
            )
        )
    return tuple(readings)


def decided_findings(readings: tuple[LabReading, ...], book: RuleBook) -> frozenset[str]:
    """The findings whose cut-offs the entered values settle, crossed or not: a question about
    them would be answered already. A censored value settles only the cut-offs its limit is on
    the near side of; 'not detected' without a limit settles none."""
    decided = set()
    for reading in readings:
        if reading.value_in_main_unit is None:
            continue
        for threshold in book.lab_by_id[reading.analyte].thresholds:
            if threshold.decided_by(reading.value_in_main_unit, reading.censored):
                decided.add(threshold.finding)
    return frozenset(decided)
