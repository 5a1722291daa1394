"""Crafted share links: every bad part is dropped with a plain notice, the rest still screens."""

from __future__ import annotations

import pytest

from screener.engine import screen
from screener.inputs.query import MAX_NOTICES, link_limits, profile_from_query
from screener.models import LabValue, Profile
from screener.rulebook import RuleBook


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        (
            {"f": "dry_mouth,<script>alert(1)</script>"},
            "unknown finding '<script>alert(1)</script>'",
        ),
        ({"c": "sclc,no_such_cancer"}, "unknown cancer 'no_such_cancer'"),
        ({"ab": "hu,__proto__"}, "unknown antibody '__proto__'"),
        ({"lab": "sodium:NaN:mmol/L"}, "Sodium: 'NaN' is not a number"),
        ({"lab": "sodium:inf:mmol/L"}, "Sodium: 'inf' is not a number"),
        ({"lab": "sodium:1e999:mmol/L"}, "Sodium: '1e999' is not a number"),
        ({"lab": "sodium:twelve:mmol/L"}, "Sodium: 'twelve' is not a number"),
        ({"lab": "sodium:true:mmol/L"}, "Sodium: 'true' is not a number"),
        ({"lab": "sodium:False:mmol/L"}, "Sodium: 'False' is not a number"),
        ({"lab": "sodium:0x8C:mmol/L"}, "Sodium: '0x8C' is not a number"),
        ({"lab": "sodium:1_40:mmol/L"}, "Sodium: '1_40' is not a number"),
        ({"lab": "sodium:١٤٠:mmol/L"}, "Sodium: '١٤٠' is not a number"),
        ({"lab": "sodium:1,400:mmol/L"}, "'1,400' is unclear: did you mean 1.4 or 1400?"),
        ({"lab": "sodium:1.400,5:mmol/L"}, "'1.400,5' has more than one separator"),
        ({"lab": "sodium:" + "1" * 60 + ":mmol/L"}, "is not a number"),
        ({"lab": "sodium:-140:mmol/L"}, "is outside the range a living person can have"),
        ({"lab": "sodium:1400:mmol/L"}, "is outside the range a living person can have"),
        ({"lab": "sodium:140:furlongs"}, "the unit 'furlongs' is not accepted"),
        ({"lab": "sodium"}, "is not in the form analyte:value:unit"),
        ({"lab": "unobtainium:1:mmol/L"}, "unknown lab analyte 'unobtainium'"),
        ({"age": "[1, 2]"}, "unknown age band '[1, 2]'"),
        ({"sex": "{'a': 1}"}, "unknown sex"),
        ({"fu": "forever"}, "unknown follow-up 'forever'"),
        ({"name": "Jane Doe"}, "unknown parameter 'name'"),
        ({"f": ["dry_mouth", "seizures"]}, "'f' was given 2 times; only the last one was read"),
        ({"f": "x" * 50_000}, "'f' is longer than"),
        ({"f": ":red[x] https://evil.example"}, "unknown finding ':red[x] https://evil.example'"),
        ({"f": "a\x00b\u202e"}, "unknown finding 'a?b?'"),
    ],
)
def test_each_bad_part_gets_a_notice_and_the_rest_screens(
    book: RuleBook, query: dict[str, str | list[str]], notice: str
) -> None:
    profile, notices = profile_from_query({**query, "f": query.get("f", "seizures")}, book)
    assert any(notice in n for n in notices), notices
    result = screen(profile, book)
    assert result.profile == profile


def test_a_huge_list_is_cut_and_the_notices_capped(book: RuleBook) -> None:
    most_items, most_chars = link_limits(book)["f"]
    many = ",".join(f"x{i}" for i in range(10_000))[: most_chars - 1]
    # The cut can land just after a comma: an empty last item is no item.
    items = len([item for item in many.split(",") if item])
    profile, notices = profile_from_query({"f": many}, book)
    assert profile == Profile()
    assert len(notices) == MAX_NOTICES
    assert notices[0] == f"'f' lists {items} items; only the first {most_items} were read"
    assert notices[-1] == f"and {most_items - MAX_NOTICES + 2} more problems"


def test_a_value_longer_than_any_the_app_writes_is_ignored_whole(book: RuleBook) -> None:
    most_chars = link_limits(book)["f"][1]
    assert most_chars >= len(",".join(book.enterable_findings))
    profile, notices = profile_from_query({"f": "seizures," + "x" * most_chars}, book)
    assert profile == Profile()
    assert notices == [f"'f' is longer than {most_chars:,} characters and was ignored"]


def test_repeated_lab_values_keep_the_first_with_a_notice(book: RuleBook) -> None:
    profile, notices = profile_from_query({"lab": "sodium:128:mmol/L,sodium:140:mmol/L"}, book)
    assert profile.labs == (LabValue(analyte="sodium", value=128, unit="mmol/L"),)
    assert notices == ["Sodium was given more than once; the first value was read"]


def test_a_notice_quotes_a_shortened_printable_value(book: RuleBook) -> None:
    _, notices = profile_from_query({"c": "<script>" + "y" * 100 + "\x00"}, book)
    assert len(notices[0]) < 80
    assert "…" in notices[0]


def test_valid_parts_survive_next_to_hostile_ones(book: RuleBook) -> None:
    profile, notices = profile_from_query(
        {"f": "seizures,<img src=x>", "lab": "sodium:128:mmol/L,sodium:abc:mmol/L", "zz": "1"},
        book,
    )
    assert profile.findings == ("seizures",)
    assert [(lab.analyte, lab.value) for lab in profile.labs] == [("sodium", 128.0)]
    assert len(notices) == 3
    assert screen(profile, book).urgent
