"""Crafted share links: every bad part is dropped with a plain notice, the rest still screens."""

from __future__ import annotations

import pytest

from screener.engine import screen
from screener.inputs.query import MAX_LIST_ITEMS, MAX_NOTICES, profile_from_query
from screener.models import Profile
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
        ({"f": "x" * 5000}, "'f' is longer than 4,000 characters and was ignored"),
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
    many = ",".join(f"unknown_{i}" for i in range(10_000))[:3999]
    items = many.count(",") + 1
    profile, notices = profile_from_query({"f": many}, book)
    assert profile == Profile()
    assert len(notices) == MAX_NOTICES
    assert notices[0] == f"'f' lists {items} items; only the first {MAX_LIST_ITEMS} were read"
    assert notices[-1] == f"and {MAX_LIST_ITEMS - MAX_NOTICES + 2} more problems"


def test_valid_parts_survive_next_to_hostile_ones(book: RuleBook) -> None:
    profile, notices = profile_from_query(
        {"f": "seizures,<img src=x>", "lab": "sodium:128:mmol/L,sodium:abc:mmol/L", "zz": "1"},
        book,
    )
    assert profile.findings == ("seizures",)
    assert [(lab.analyte, lab.value) for lab in profile.labs] == [("sodium", 128.0)]
    assert len(notices) == 3
    assert screen(profile, book).urgent
