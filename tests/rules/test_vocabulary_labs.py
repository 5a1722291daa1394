"""Lab values as a student enters them (issue 21): units as typed, cut-offs at the right place,
both directions where both matter, and no mild value read as an emergency."""

from __future__ import annotations

import pytest

from screener.engine import screen
from screener.engine.labs import canonical_unit, with_canonical_units
from screener.models import LabValue, Profile


def lab(analyte: str, value: float, unit: str) -> LabValue:
    return LabValue(analyte=analyte, value=value, unit=unit)


def lab_findings(book, *labs: LabValue, **fields) -> frozenset[str]:
    profile = with_canonical_units(Profile(labs=labs, **fields), book)
    return screen(profile, book).lab_findings


def flags(book, **fields) -> set[str]:
    return {hit.red_flag for hit in screen(Profile(**fields), book).red_flags}


def test_calcium_of_14_mg_dl_is_severe(book):
    assert "very_high_calcium" in lab_findings(book, lab("calcium", 14.0, "mg/dL"))
    assert "very_high_calcium" not in lab_findings(book, lab("calcium", 13.9, "mg/dL"))


def test_a_hyperosmolar_glucose_is_possible(book):
    assert "very_high_glucose" in lab_findings(book, lab("glucose", 1100, "mg/dL"))


@pytest.mark.parametrize("typed", ["ukat/L", "µkat/L", "μkat/L", "mckat/L"])
def test_micro_written_as_u_is_read_before_kat(book, typed):
    assert canonical_unit(book.lab_by_id["ck"], typed) == "µkat/L"


def test_a_mild_leucopenia_with_fever_is_not_the_neutropenic_emergency(book):
    mild = lab("white_cells", 3.8, "×10⁹/L")
    assert "low_white_cells" in lab_findings(book, mild)
    assert "neutrophils_below_1" not in lab_findings(book, mild)
    assert "fever_with_low_neutrophils" not in flags(book, findings=["fever"], labs=[mild])


@pytest.mark.parametrize(
    ("analyte", "value"), [("neutrophils", 0.8), ("neutrophils", 0.3), ("white_cells", 0.8)]
)
def test_fever_with_neutrophils_below_1_is_an_emergency(book, analyte, value):
    low = lab(analyte, value, "×10⁹/L")
    assert "neutrophils_below_1" in lab_findings(book, low)
    result = screen(Profile(findings=["fever"], labs=[low]), book)
    hit = next(h for h in result.red_flags if h.red_flag == "fever_with_low_neutrophils")
    assert hit.urgency.value == "now"


def test_neutrophils_below_half_are_severe_neutropenia(book):
    assert "neutrophils_below_0_5" in lab_findings(book, lab("neutrophils", 0.3, "×10⁹/L"))
    assert "neutrophils_below_0_5" not in lab_findings(book, lab("neutrophils", 0.8, "×10⁹/L"))


def test_an_acth_just_above_the_range_is_not_very_high(book):
    assert lab_findings(book, lab("acth", 12, "pmol/L")) >= {"high_acth"}
    assert "very_high_acth" not in lab_findings(book, lab("acth", 12, "pmol/L"))
    assert "very_high_acth" in lab_findings(book, lab("acth", 120, "pg/mL"))
