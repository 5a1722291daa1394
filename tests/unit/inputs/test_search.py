"""The picker's search: a learner's own words find the checklist entries, in any order, with
the small words between and whatever ending they were typed with."""

from __future__ import annotations

import pytest

from screener.inputs.search import MAX_SEARCH_CHARS, text_matches
from screener.present.picker import matching_picks, pick_options
from screener.rulebook import RuleBook
from tests.support.books import found_ids


def test_an_empty_search_offers_every_line(book: RuleBook) -> None:
    assert matching_picks(book, "  ") == pick_options(book)


def test_a_synonym_finds_its_finding_whatever_the_case(book: RuleBook) -> None:
    for finding in book.findings.values():
        if finding.id in book.enterable_findings:
            for synonym in finding.synonyms:
                assert finding.id in found_ids(book, synonym.upper())


def test_part_of_a_word_finds_every_line_that_holds_it(book: RuleBook) -> None:
    found = found_ids(book, "tingling")
    assert found
    assert all(
        "tingl" in " ".join((f.label, *f.synonyms)).lower()
        for f in (book.findings[i] for i in found)
    )


@pytest.mark.parametrize(
    ("typed", "finding"),
    [
        # The words in another order, a linking word the name has not got, another ending.
        ("improve after exercise", "strength_improves_with_effort"),
        ("strength improved with effort", "strength_improves_with_effort"),
        ("legs weak", "proximal_leg_weakness"),
        ("cramping muscles", "muscle_cramps"),
    ],
)
def test_words_in_any_order_and_ending_find_the_finding(
    book: RuleBook, typed: str, finding: str
) -> None:
    assert finding in found_ids(book, typed)


def test_an_ending_is_never_cut_below_three_letters() -> None:
    assert text_matches("Leg swelling", "Leg swelling", "swollen legs") is False
    assert text_matches("Leg swelling", "Leg swelling", "legs swelling")
    # "gas" stays "gas": cut to "ga" it would find an unsteady gait.
    assert not text_matches("Unsteady gait", "Unsteady gait", "gas")


def test_words_by_word_match_the_names_not_the_body_system(book: RuleBook) -> None:
    # "muscle" is in "Neuromuscular", the line's last word, not in the spasms' names.
    assert "triggered_painful_spasms" not in found_ids(book, "muscle spasms")


def test_hyphens_and_spaces_are_the_same_to_search(book: RuleBook) -> None:
    hyphenated = next(
        f for f in book.findings.values() if any("-" in n for n in (f.label, *f.synonyms))
    )
    name = next(n for n in (hyphenated.label, *hyphenated.synonyms) if "-" in n)
    assert hyphenated.id in found_ids(book, name.replace("-", " "))


def test_a_search_nothing_matches_offers_nothing(book: RuleBook) -> None:
    assert matching_picks(book, "zzqxj") == ()


def test_only_the_start_of_a_pasted_flood_is_searched(book: RuleBook) -> None:
    # A megabyte of words costs what its first hundred characters cost (it was quadratic).
    flood = "seizures " + "x " * 500_000
    assert matching_picks(book, flood) == matching_picks(book, flood[:MAX_SEARCH_CHARS])
    assert matching_picks(book, "seizures" + " " * 500_000 + "nothing-like-this") != ()
