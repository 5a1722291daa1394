"""Finding an item by the words typed, in any order and with any ending, as Enter on the
picker's "Add: …" line does where no line holds the text as typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.inputs.find import MAX_TYPED_WORDS, find, pickable, word_index, words
from screener.inputs.form import pick_label
from screener.rulebook import RuleBook
from tests.support.books import real_book

NAMES = word_index(real_book())


def _labels(typed: str) -> list[str]:
    book = real_book()
    return [pick_label(token, book) for token in find(NAMES, typed).tokens]


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("mouth dry", "Dry mouth"),
        ("DRY MOUTH", "Dry mouth"),
        ("improve after exercise", "Strength briefly improves with repeated effort"),
        ("bruises", "Bruising easily or without injury"),
        ("eyes dancing", "Fast, chaotic eye movements in all directions ('dancing eyes')"),
    ],
)
def test_words_in_any_order_and_with_another_ending_find_the_one_item(
    typed: str, label: str
) -> None:
    assert _labels(typed) == [label]


def test_an_ending_the_names_do_not_have_still_finds_every_item_it_names() -> None:
    # "cramping" is in no name: its stem "cramp" begins "cramps" in two.
    found = _labels("cramping")
    assert len(found) == 2 and all("cramps" in label for label in found)


def test_a_word_with_an_accent_or_without_finds_the_same_item() -> None:
    assert _labels("Sjögren") == _labels("sjogren") != []


def test_an_item_whose_label_holds_the_words_comes_before_one_whose_synonym_does() -> None:
    book = real_book()
    tokens = find(NAMES, "sodium").tokens
    assert tokens[0] == "lab:sodium"
    label_holds = [t for t in tokens if "sodium" in book.label("lab", t.partition(":")[2]).lower()]
    assert tokens[: len(label_holds)] == tuple(label_holds)


def test_a_word_that_turns_a_finding_round_must_be_in_its_name() -> None:
    assert "Bruising easily or without injury" in _labels("bruising without injury")
    assert "Dry mouth" not in _labels("without dry mouth")


@pytest.mark.parametrize("typed", ["", "   ", "the of and", "xyzzy", "xyzzy plugh", "<b>xyzzy</b>"])
def test_text_no_name_holds_finds_nothing(typed: str) -> None:
    assert find(NAMES, typed).tokens == ()


def test_a_word_no_name_holds_is_left_out_and_said() -> None:
    search = find(NAMES, "painless jaundice")
    assert search.left_out == ("painless",)
    assert search.tokens == find(NAMES, "jaundice").tokens != ()
    assert find(NAMES, "mouth dry xyzzy") == (find(NAMES, "mouth dry").tokens, ("xyzzy",))


def test_a_word_some_name_holds_is_never_dropped_to_find_more() -> None:
    # "trouble" is in a name (stroke signs' "trouble speaking"), so no name holds both words.
    assert find(NAMES, "trouble swallowing") == ((), ())


def test_more_words_than_any_name_has_is_not_a_search() -> None:
    label = "Much more unsteady with eyes closed or in the dark (positive Romberg sign)"
    assert _labels(label) == [label], "a whole label finds its item"
    # Each of these begins a word of that label ("un", "uns", … "unsteady").
    beginnings = [
        word[:n]
        for word in ("unsteady", "positive", "romberg", "closed")
        for n in range(2, len(word) + 1)
    ]
    assert len(set(beginnings)) > MAX_TYPED_WORDS
    assert label in _labels(" ".join(beginnings[:MAX_TYPED_WORDS]))
    assert find(NAMES, " ".join(beginnings)).tokens == ()


@given(st.text(max_size=300))
def test_any_text_finds_only_items_the_picker_offers(typed: str) -> None:
    offered = {t.token for t in NAMES.entries}
    search = find(NAMES, typed)
    assert set(search.tokens) <= offered
    assert set(search.left_out) <= set(words(typed)), "only words typed are said left out"


def test_the_picker_offers_lab_tests_first_then_findings_cancers_and_antibodies(
    book: RuleBook,
) -> None:
    kinds = [p.kind for p in pickable(book)]
    order = ["lab", "finding", "cancer", "antibody"]
    assert kinds == sorted(kinds, key=order.index)
    assert len([k for k in kinds if k == "finding"]) == len(book.enterable_findings)


def test_an_index_of_some_items_finds_only_those(book: RuleBook) -> None:
    """The Explore look-up searches findings only: a cancer's words find nothing there."""
    findings = {t.token for t in NAMES.entries if t.token.startswith("finding:")}
    only = word_index(book, kept=findings)
    assert {t.token for t in only.entries} == findings
    assert find(NAMES, "thymoma").tokens == ("cancer:thymoma",)
    assert find(only, "thymoma") == ((), ())
    assert "thymoma" not in {word.text for word in only.vocabulary}
