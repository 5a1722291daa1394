"""Finding search: a learner's own words find the checklist entries."""

from __future__ import annotations

from screener.inputs.search import MAX_SEARCH_CHARS, finding_matches, search_findings
from screener.rulebook import RuleBook


def test_an_empty_search_shows_every_finding_in_its_system(book: RuleBook) -> None:
    groups = search_findings(book, "  ")
    entry = book.enterable_findings
    assert [system.id for system, _ in groups] == [
        s.id for s in book.systems if any(f.id in entry for f in s.findings)
    ]
    assert sum(len(found) for _, found in groups) == len(entry)


def test_a_synonym_finds_its_finding_whatever_the_case(book: RuleBook) -> None:
    for finding in book.findings.values():
        for synonym in finding.synonyms:
            assert finding_matches(finding, synonym.upper())


def test_search_matches_part_of_a_label_and_words_in_any_order(book: RuleBook) -> None:
    found = [f.id for _, group in search_findings(book, "tingling") for f in group]
    assert found
    assert all(
        "tingl" in " ".join((f.label, *f.synonyms)).lower()
        for f in (book.findings[i] for i in found)
    )
    seizures = book.findings["seizures"]
    words = seizures.label.split()
    assert finding_matches(seizures, " ".join(reversed(words)))


def test_hyphens_and_spaces_are_the_same_to_search(book: RuleBook) -> None:
    hyphenated = next(
        f for f in book.findings.values() if any("-" in n for n in (f.label, *f.synonyms))
    )
    name = next(n for n in (hyphenated.label, *hyphenated.synonyms) if "-" in n)
    assert finding_matches(hyphenated, name.replace("-", " "))


def test_a_search_nothing_matches_leaves_no_groups(book: RuleBook) -> None:
    assert search_findings(book, "zzqxj") == []


def test_only_the_start_of_a_pasted_flood_is_searched(book: RuleBook) -> None:
    # A megabyte of words costs what its first hundred characters cost (it was quadratic).
    flood = "seizures " + "x " * 500_000
    assert search_findings(book, flood) == search_findings(book, flood[:MAX_SEARCH_CHARS])
    assert search_findings(book, "seizures" + " " * 500_000 + "nothing-like-this") != []
