"""The plain-text report: each cut-off said once, bullets that wrap under their text."""

from __future__ import annotations

import re

import pytest

from screener.engine import screen
from screener.models import LabAnalyte, LabThreshold, LabValue, Profile
from screener.present import words
from screener.present.view import build_view
from screener.report.text import WIDTH, render_text
from tests.support.books import real_book

BOOK = real_book()
THRESHOLDS = [(lab, threshold) for lab in BOOK.labs for threshold in lab.thresholds]


def _crossing(threshold: LabThreshold) -> float:
    side, bound = threshold.bound
    step = max(abs(bound) * 0.01, 0.01)
    return bound - step if side in ("below", "at_or_below") else bound + step


@pytest.mark.parametrize(("lab", "threshold"), THRESHOLDS, ids=[t.finding for _, t in THRESHOLDS])
def test_each_lab_reading_states_its_cut_off_once(lab: LabAnalyte, threshold: LabThreshold) -> None:
    # Labels such as "Low blood glucose (below 3.0 mmol/L)" say it themselves, as "3.0" not "3".
    value = LabValue(analyte=lab.id, value=_crossing(threshold), unit=lab.unit)
    profile = Profile(labs=(value,), sex=threshold.sex[0] if threshold.sex else None)
    (reading,) = build_view(screen(profile, BOOK), BOOK).labs
    side, bound = threshold.bound
    unit = re.escape(lab.unit)
    said = re.findall(rf"{words.BOUND_WORDS[side]} ([0-9.]+)\s*{unit}", reading.outcome)
    if side in ("at_or_above", "at_or_below"):  # or after the number: "38 °C or higher"
        said += re.findall(rf"([0-9.]+)\s*{unit} or (?:more|higher|less|lower)", reading.outcome)
    assert [float(number) for number in said].count(bound) == 1, reading.outcome


def test_wrapped_bullets_continue_under_their_text_not_as_new_bullets() -> None:
    profile = Profile(
        findings=("seizures",), labs=(LabValue(analyte="sodium", value=120, unit="mmol/L"),)
    )
    result = screen(profile, BOOK)
    lines = render_text(build_view(result, BOOK)).splitlines()
    bullets = [line for line in lines if line.startswith("  - ")]
    assert len(bullets) == len(result.red_flags) >= 2
    assert any(line.startswith("    ") for line in lines)
    assert all(len(line) <= WIDTH for line in lines if line.startswith(" "))


def test_the_text_report_asks_to_check_an_entry_that_cannot_fit(book):
    profile = Profile(cancers=["ovarian_cancer"], sex="male")
    text = render_text(build_view(screen(profile, book), book))
    assert "Check the entry: Ovarian cancer does not fit the sex entered (Male)." in text
