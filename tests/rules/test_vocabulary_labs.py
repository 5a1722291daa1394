"""Lab values as a student enters them (issue 21): units as typed, cut-offs at the right place,
both directions where both matter, and no mild value read as an emergency."""

from __future__ import annotations

import pytest

from screener.engine import screen
from screener.models import LabValue, Profile
from screener.rulebook.labs import canonical_unit, with_canonical_units


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


CONVERSIONS = [
    # (analyte, value, unit, value in the main unit)
    ("temperature", 98.6, "°F", 37.0),
    ("temperature", 100.4, "°F", 38.0),
    ("hba1c", 6.5, "%", 47.5),
    ("urea", 20, "mg/dL BUN", 7.14),
    ("urate", 8, "mg/dL", 475.8),
    ("bilirubin", 1.2, "mg/dL", 20.5),
    ("vitamin_b12", 200, "pg/mL", 147.6),
    ("free_t4", 1.0, "ng/dL", 12.87),
    ("magnesium", 1.8, "mg/dL", 0.74),
    ("urine_protein_creatinine", 3500, "mg/g", 395.5),
    ("troponin_t", 0.05, "µg/L", 50),
    ("systolic_bp", 20, "kPa", 150),
    ("lactate", 36, "mg/dL", 4.0),
]


@pytest.mark.parametrize(("analyte", "value", "unit", "expected"), CONVERSIONS)
def test_new_units_convert_correctly(book, analyte, value, unit, expected):
    converted = book.lab_by_id[analyte].in_main_unit(value, unit)
    assert converted == pytest.approx(expected, rel=0.01)


READINGS = [
    # (analyte, value, unit, findings it must give, findings it must not)
    ("temperature", 101.5, "°F", {"fever"}, {"low_body_temperature"}),
    ("temperature", 34.2, "°C", {"low_body_temperature"}, {"fever"}),
    ("heart_rate", 124, "/min", {"fast_heart_rate"}, {"slow_heart_rate"}),
    ("systolic_bp", 84, "mmHg", {"low_blood_pressure"}, {"high_blood_pressure_reading"}),
    (
        "systolic_bp",
        186,
        "mmHg",
        {"high_blood_pressure_reading", "very_high_blood_pressure"},
        set(),
    ),
    ("diastolic_bp", 92, "mmHg", {"high_blood_pressure_reading"}, {"very_high_blood_pressure"}),
    ("oxygen_saturation", 88, "%", {"low_oxygen_saturation"}, {"normal_oxygen_saturation"}),
    ("oxygen_saturation", 97, "%", {"normal_oxygen_saturation"}, {"low_oxygen_saturation"}),
    ("fvc_litres", 1.1, "L", {"very_low_fvc"}, set()),
    ("fvc_percent", 62, "% predicted", {"reduced_fvc"}, set()),
    ("hba1c", 6.5, "%", {"high_hba1c"}, set()),
    ("hba1c", 42, "mmol/mol", set(), {"high_hba1c"}),
    ("tsh", 0.02, "mU/L", {"low_tsh"}, {"high_tsh"}),
    ("free_t4", 35, "pmol/L", {"high_free_t4"}, {"low_free_t4"}),
    ("ferritin", 8, "µg/L", {"iron_deficiency_found"}, {"iron_studies_normal"}),
    (
        "ferritin",
        2400,
        "ng/mL",
        {"high_ferritin", "iron_studies_normal"},
        {"iron_deficiency_found"},
    ),
    ("mcv", 72, "fL", {"low_mcv"}, {"high_mcv"}),
    ("psa", 48, "ng/mL", {"high_psa"}, set()),
    ("lactate", 4.6, "mmol/L", {"high_lactate", "very_high_lactate"}, set()),
    ("csf_white_cells", 42, "/µL", {"csf_inflammatory"}, set()),
    ("csf_white_cells", 3, "/µL", set(), {"csf_inflammatory"}),
    ("csf_protein", 85, "mg/dL", {"high_csf_protein"}, set()),
    ("urine_protein_creatinine", 120, "mg/mmol", {"urine_protein"}, {"urine_heavy_protein"}),
    ("urine_protein_creatinine", 520, "mg/mmol", {"urine_protein", "urine_heavy_protein"}, set()),
    ("reticulocytes_percent", 0.2, "%", {"very_low_reticulocytes"}, {"high_reticulocytes"}),
    ("reticulocytes_percent", 6, "%", {"high_reticulocytes"}, set()),
    ("urate", 9, "mg/dL", {"high_urate"}, {"low_urate"}),
    ("urate", 150, "µmol/L", {"low_urate"}, {"high_urate"}),
    ("ldh", 610, "U/L", {"high_ldh"}, set()),
    ("ldh", 240, "U/L", set(), {"high_ldh"}),
    ("magnesium", 0.5, "mmol/L", {"low_magnesium"}, {"high_magnesium"}),
    ("urea", 2.0, "mmol/L", {"low_urea"}, {"high_urea"}),
    ("urea", 40, "mg/dL BUN", {"high_urea"}, {"low_urea"}),
    ("bilirubin", 3.0, "mg/dL", {"high_bilirubin"}, set()),
    ("vitamin_b12", 110, "pg/mL", {"low_b12"}, set()),
    ("troponin_t", 48, "ng/L", {"high_troponin"}, set()),
    ("troponin_i", 25, "ng/L", set(), {"high_troponin"}),
    ("urine_cortisol", 250, "nmol/24 h", set(), {"high_urine_free_cortisol"}),
    ("urine_cortisol", 900, "nmol/24 h", {"high_urine_free_cortisol"}, set()),
    ("ca125", 410, "U/mL", {"high_ca125"}, set()),
    ("ca19_9", 900, "U/mL", {"high_ca19_9"}, set()),
    ("afp", 3200, "ng/mL", {"high_afp"}, set()),
    ("hcg", 12000, "IU/L", {"high_hcg"}, set()),
    ("calcium", 1.8, "mmol/L", {"low_calcium", "very_low_calcium"}, {"high_calcium"}),
    ("phosphate", 2.1, "mmol/L", {"high_phosphate"}, {"low_phosphate"}),
    ("acth", 1.0, "pmol/L", {"low_acth"}, {"high_acth"}),
    ("haemoglobin", 212, "g/L", {"high_haemoglobin", "very_high_haemoglobin"}, set()),
]


@pytest.mark.parametrize(
    ("analyte", "value", "unit", "gives", "not_gives"),
    READINGS,
    ids=[f"{r[0]}-{r[1]}{r[2]}" for r in READINGS],
)
def test_a_value_gives_the_findings_of_its_side_of_each_cut_off(
    book, analyte, value, unit, gives, not_gives
):
    found = lab_findings(book, lab(analyte, value, unit), sex="male")
    assert gives <= found, found
    assert not (not_gives & found), found


def test_troponin_i_uses_the_cut_off_of_the_sex_entered(book):
    value = lab("troponin_i", 25, "ng/L")
    assert "high_troponin" in lab_findings(book, value, sex="female")
    assert "high_troponin" not in lab_findings(book, value, sex="male")


def test_an_upper_normal_value_is_never_called_high(book):
    """A value at the top of an analyte's typical range crosses no 'above' cut-off (the typical
    range is the same for everyone, so a cut-off for one sex is left out)."""
    for analyte in book.labs:
        if analyte.reference_range is None or analyte.unit == "%":
            continue
        top = analyte.reference_range.high
        for threshold in (t for t in analyte.thresholds if t.sex is None):
            side, bound = threshold.bound
            calls_it_high = threshold.finding.startswith(("high_", "very_high_", "moderately"))
            if side in ("above", "at_or_above") and calls_it_high:
                assert not threshold.crossed_by(top), f"{analyte.id}: {top} crosses {side} {bound}"


def test_the_picker_finds_a_lab_test_by_its_synonyms(book):
    from screener.present.picker import pick_options

    texts = {option.token: option.text for option in pick_options(book)}
    for token, word in [
        ("lab:oxygen_saturation", "SpO2"),
        ("lab:systolic_bp", "BP"),
        ("lab:heart_rate", "pulse"),
        ("lab:urea", "BUN"),
    ]:
        assert word in texts[token]


def test_the_picker_names_a_vital_sign_a_measurement_and_a_blood_test_a_lab_value(book):
    from screener.present.picker import pick_options

    texts = {option.token: option.text for option in pick_options(book)}
    for vital in ("temperature", "heart_rate", "systolic_bp", "oxygen_saturation", "fvc_litres"):
        assert texts[f"lab:{vital}"].endswith(f"· measurement ({book.lab_by_id[vital].unit})")
        assert "lab value" not in texts[f"lab:{vital}"]
    assert texts["lab:sodium"].endswith("· lab value (mmol/L)")


def test_the_edge_of_the_plausible_range_in_any_unit_is_plausible(book):
    from screener.rulebook.labs import check_lab_value

    for analyte in book.labs:
        for unit in analyte.units:
            for edge in (analyte.plausible.low, analyte.plausible.high):
                value = analyte.from_main_unit(edge, unit)
                assert value is not None
                entered = LabValue(analyte=analyte.id, value=value, unit=unit)
                assert check_lab_value(entered, book) is None, (analyte.id, unit, value)
