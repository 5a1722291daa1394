"""LOINC and UCUM on every lab (issue 27, part 2): every analyte carries a LOINC code with a
valid check digit and every unit a UCUM expression that parses; `screener validate` checks every
factor UCUM can convert against UCUM's own conversion (mass to molar through the molar mass
written beside it) and fails on a planted wrong factor at its file, line, analyte and field;
units typed as a lab report writes them are read through the same UCUM parsing; and screening
never loads UCUM."""

from __future__ import annotations

import subprocess
import sys

import pytest

from screener.models import LabAnalyte
from screener.rulebook import RuleBook, load_located
from screener.rulebook.labs import canonical_unit
from screener.rulebook.ucum import analyte_problems, conversion, quantity, ucum_problems
from screener.validate import validate
from tests.support.rule_files import line_of, replace_in


def test_every_lab_has_loinc_and_ucum_that_ucum_reads_and_every_factor_agrees(
    book: RuleBook,
) -> None:
    assert all(a.loinc and a.ucum for a in book.labs)
    for analyte in book.labs:
        quantity(analyte.ucum)
        for alt in analyte.alternative_units:
            quantity(alt.ucum)
    assert list(ucum_problems(load_located())) == []


def test_mass_to_molar_factors_name_their_molar_mass_and_agree_with_it(book: RuleBook) -> None:
    glucose = book.lab_by_id["glucose"]
    (mg_dl,) = glucose.alternative_units
    assert mg_dl.molar_mass == pytest.approx(180.16)
    factor, offset = conversion(mg_dl.ucum, glucose.ucum, mg_dl.molar_mass) or (0, 0)
    assert factor == pytest.approx(mg_dl.factor, rel=0.005) and offset == 0
    # Without its molar mass UCUM cannot convert a mass to an amount of substance.
    assert conversion(mg_dl.ucum, glucose.ucum) is None


def test_offsets_are_checked_too(book: RuleBook) -> None:
    temperature = book.lab_by_id["temperature"]
    (fahrenheit,) = temperature.alternative_units
    wrong = temperature.model_copy(
        update={"alternative_units": (fahrenheit.model_copy(update={"offset": -32.0}),)}
    )
    assert [path for path, _ in analyte_problems(wrong)] == [("alternative_units", 0, "offset")]


PLANTED = [
    # (the line in the mini book, what replaces it, the field validate names, its message)
    (
        "{unit: g/dL, ucum: g/dL, factor: 10}",
        "{unit: g/dL, ucum: g/dL, factor: 100}",
        "id 'haemoglobin': field 'alternative_units[0].factor'",
        "g/dL → g/L: the factor 100 disagrees with UCUM's 10",
    ),
    (
        "{unit: mg/dL, ucum: mg/dL, factor: 0.25, molar_mass: 40.08}",
        "{unit: mg/dL, ucum: mg/dL, factor: 0.25, molar_mass: 20.04}",
        "id 'calcium': field 'alternative_units[0].factor'",
        "the factor 0.25 disagrees with UCUM's 0.499002 through a molar mass of 20.04 g/mol",
    ),
    (
        "{unit: mg/dL, ucum: mg/dL, factor: 0.25, molar_mass: 40.08}",
        "{unit: mg/dL, ucum: mg/dL, factor: 0.25}",
        "id 'calcium': field 'alternative_units[0].factor'",
        "UCUM cannot convert mg/dL to mmol/L: give the molar mass it assumes",
    ),
    (
        "{unit: g/dL, ucum: g/dL, factor: 10}",
        "{unit: g/dL, ucum: g/decilitre, factor: 10}",
        "id 'haemoglobin': field 'alternative_units[0].ucum'",
        "'g/decilitre' is not a UCUM unit",
    ),
    (
        "  loinc: 718-7",
        "  loinc: 718-8",
        "id 'haemoglobin': field 'loinc'",
        "718-8 is not a LOINC code: its check digit should be 7",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    PLANTED,
    ids=["wrong_factor", "wrong_molar_mass", "no_molar_mass", "not_ucum", "loinc_check_digit"],
)
def test_validate_fails_on_a_planted_unit_problem_with_its_location(
    mini_rules_dir, old, new, where, message
):
    labs = mini_rules_dir / "labs.yaml"
    replace_in(labs, old, new)
    at = line_of(labs, new.strip())
    problems = [str(p) for p in validate(mini_rules_dir).problems]
    assert any(p.startswith(f"rules/labs.yaml:{at}: {where}") and message in p for p in problems), (
        problems
    )


@pytest.mark.parametrize(
    ("analyte", "typed", "spelling"),
    [
        ("platelets", "x10^9/L", "×10⁹/L"),
        ("platelets", "10*9/L", "×10⁹/L"),
        ("platelets", "X10^9/l", "×10⁹/L"),
        ("platelets", "/uL", "/µL"),
        ("creatinine", "umol/L", "µmol/L"),
        ("creatinine", "µmol / l", "µmol/L"),
        ("sodium", "mEq/L", "mEq/L"),
        ("sodium", "meq/L", "mEq/L"),  # the alternative unit's own UCUM code
        ("tsh", "uIU/mL", "mU/L"),  # the same unit as the main one, so its spelling
        ("vitamin_b12", "pmol/L", "pmol/L"),
        ("ferritin", "mcg/L", "µg/L"),
    ],
)
def test_units_as_lab_reports_write_them_are_read_through_ucum(
    book: RuleBook, analyte: str, typed: str, spelling: str
) -> None:
    assert canonical_unit(book.lab_by_id[analyte], typed) == spelling


@pytest.mark.parametrize(
    ("analyte", "typed"),
    [("urea", "mg/dL"), ("glucose", "g/L"), ("sodium", "mmol"), ("sodium", "x" * 500)],
)
def test_a_unit_ucum_cannot_match_to_one_of_the_analytes_is_not_accepted(
    book: RuleBook, analyte: str, typed: str
) -> None:
    # mg/dL alone could be urea's or BUN's; a mass per volume is not glucose's mmol/L.
    assert canonical_unit(book.lab_by_id[analyte], typed) is None


def test_screening_and_the_app_never_load_ucum() -> None:
    code = (
        "import sys; from screener.rulebook import load_rule_book;"
        "from screener.engine import screen;"
        "from screener.rulebook.labs import with_canonical_units;"
        "from screener.models import Profile, LabValue; book = load_rule_book();"
        "p = Profile(labs=(LabValue(analyte='sodium', value=128, unit='mmol/L'),));"
        "screen(with_canonical_units(p, book), book);"
        "import screener.app.interop;"
        "assert 'ucumvert' not in sys.modules and 'pint' not in sys.modules, 'UCUM was loaded'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_analyte_needs_its_loinc_and_ucum() -> None:
    with pytest.raises(ValueError, match="loinc"):
        LabAnalyte.model_validate(
            {
                "id": "x",
                "label": "X",
                "unit": "g/L",
                "ucum": "g/L",
                "plausible": {"low": 0, "high": 1},
                "thresholds": [{"above": 0.5, "finding": "f"}],
            }
        )
