"""Lab results reported beyond a limit ("< 5", "> 2000") or as "not detected" (issue 21): a
censored value crosses a cut-off only when every value on its side would, never the other way,
and it reads and writes back the same in a link, a form, a profile file and the words shown."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from screener.engine import screen
from screener.engine.labs import decided_findings, read_labs
from screener.inputs.form import FormEntry, LabEntry, entry_for, read_form
from screener.inputs.numbers import NotANumber, lab_number_text, read_lab_number
from screener.inputs.profile_json import profile_from_json
from screener.inputs.query import profile_from_query, profile_to_query
from screener.models import LabThreshold, LabValue, Profile
from screener.present.view import build_view
from screener.rulebook.labs import with_canonical_units


def threshold(side: str, bound: float) -> LabThreshold:
    return LabThreshold.model_validate({"finding": "x", side: bound})


CROSSINGS = [
    # (cut-off side, cut-off, censored side, limit, crosses)
    ("below", 3.0, "below", 2.0, True),  # < 2 is surely below 3
    ("below", 3.0, "below", 3.0, True),  # < 3 is below 3
    ("below", 3.0, "below", 5.0, False),  # < 5 may be 4
    ("at_or_below", 300, "below", 300, True),
    ("above", 11, "below", 5, False),  # a value below a limit never crosses an 'above' cut-off
    ("above", 11, "below", 50, False),
    ("at_or_above", 5.5, "below", 9, False),
    ("above", 200, "above", 20000, True),  # > 20000 is surely above 200
    ("above", 200, "above", 200, True),
    ("above", 200, "above", 150, False),  # > 150 may be 160
    ("at_or_above", 6.5, "above", 6.5, True),
    ("below", 135, "above", 100, False),  # a value above a limit never crosses a 'below' one
]


@pytest.mark.parametrize(("side", "bound", "censored", "limit", "crosses"), CROSSINGS)
def test_a_censored_value_crosses_only_when_every_value_beyond_its_limit_would(
    side, bound, censored, limit, crosses
):
    assert threshold(side, bound).crossed_by(limit, censored) is crosses


def lab(analyte: str, value: float | None, unit: str, censored: str | None = None) -> LabValue:
    return LabValue(analyte=analyte, value=value, unit=unit, censored=censored)


def lab_findings(book, value: LabValue) -> frozenset[str]:
    return screen(with_canonical_units(Profile(labs=[value]), book), book).lab_findings


def test_censored_values_in_the_real_book(book):
    assert "low_glucose" in lab_findings(book, lab("glucose", 2.0, "mmol/L", "below"))
    assert "low_glucose" not in lab_findings(book, lab("glucose", 5.0, "mmol/L", "below"))
    assert "high_pthrp" not in lab_findings(book, lab("pthrp", 0.5, "pmol/L", "below"))
    assert "high_ck" in lab_findings(book, lab("ck", 20000, "U/L", "above"))
    assert "high_troponin" not in lab_findings(book, lab("troponin_t", 3, "ng/L", "below"))
    assert lab_findings(book, lab("acth", None, "pmol/L", "below")) == frozenset()


def test_a_censored_limit_is_converted_like_a_value(book):
    # < 50 pg/mL of ACTH is < 11 pmol/L: below the 'high' cut-off, so never high
    (reading,) = read_labs((lab("acth", 50, "pg/mL", "below"),), book, None)
    assert reading.censored == "below" and reading.value_in_main_unit == pytest.approx(11.01)
    assert not reading.crossed


def test_only_a_limit_on_the_near_side_answers_a_question(book):
    readings = read_labs(
        (
            lab("pthrp", 0.5, "pmol/L", "below"),
            lab("glucose", 5, "mmol/L", "below"),
            lab("acth", None, "pmol/L", "below"),
        ),
        book,
        None,
    )
    decided = decided_findings(readings, book)
    assert "high_pthrp" in decided  # < 0.5 settles 'above 4.2'
    assert "low_glucose" not in decided  # < 5 leaves 'below 3.0' open
    assert not {"low_acth", "high_acth", "very_high_acth"} & decided


def test_a_value_is_needed_unless_not_detected():
    with pytest.raises(ValidationError, match="not detected"):
        LabValue(analyte="acth", unit="pmol/L")
    with pytest.raises(ValidationError, match="not detected"):
        LabValue(analyte="acth", unit="pmol/L", censored="above")
    assert LabValue(analyte="acth", unit="pmol/L", censored="below").not_detected


@pytest.mark.parametrize(
    ("text", "value", "censored"),
    [
        ("128", 128, None),
        ("< 5", 5, "below"),
        ("<5", 5, "below"),
        ("≤ 0.5", 0.5, "below"),
        ("<0,5", 0.5, "below"),
        ("less than 10", 10, "below"),
        ("> 2000", 2000, "above"),
        (">=20", 20, "above"),
        ("not detected", None, "below"),
        ("Undetectable", None, "below"),
        ("ND", None, "below"),
    ],
)
def test_a_result_reads_as_the_laboratory_wrote_it(text, value, censored):
    assert read_lab_number(text) == (value, censored)
    assert read_lab_number(lab_number_text(value, censored)) == (value, censored)


@pytest.mark.parametrize("text", ["< many", ">", "less than", "not done"])
def test_a_limit_without_a_number_is_refused(text):
    with pytest.raises(NotANumber):
        read_lab_number(text)


CENSORED = Profile(
    labs=[
        lab("pthrp", 0.5, "pmol/L", "below"),
        lab("ck", 20000, "U/L", "above"),
        lab("acth", None, "pmol/L", "below"),
    ]
)


def test_a_censored_value_survives_the_link_and_the_form(book):
    query = profile_to_query(CENSORED)
    assert "pthrp:<0.5:pmol/L" in query["lab"] and "acth:nd:pmol/L" in query["lab"]
    assert profile_from_query(query, book) == (CENSORED, [])
    assert read_form(entry_for(CENSORED), book).profile == CENSORED


def test_a_form_row_marked_not_detected_is_a_value(book):
    entry = FormEntry(labs=(LabEntry(analyte="acth", unit="pmol/L", value="not detected"),))
    (value,) = read_form(entry, book).profile.labs
    assert value.not_detected


def test_a_profile_file_can_say_not_detected():
    document = '{"labs": [{"analyte": "acth", "unit": "pmol/L", "censored": "below"}]}'
    (value,) = profile_from_json(document).labs
    assert value.not_detected


def test_the_words_say_what_the_laboratory_reported(book):
    views = {v.analyte: v for v in build_view(screen(CENSORED, book), book).labs}
    pthrp = views[book.lab_by_id["pthrp"].label]
    assert pthrp.entered == "< 0.5 pmol/L"
    assert "only when the limit lies on the cut-off's side" in pthrp.outcome
    ck = views[book.lab_by_id["ck"].label]
    assert ck.entered == "> 20000 U/L" and "raised" in ck.outcome
    acth = views[book.lab_by_id["acth"].label]
    assert acth.entered == "not detected" and "settles no cut-off" in acth.outcome
