"""What a student or teacher sends to a live class, read strictly: the join parameter, the
code boxes, the seat in the address and the answer form, with hostile input of every kind."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.inputs.class_input import (
    MAX_TYPED_CHARS,
    NO_PATTERN,
    AnswerProblem,
    CodeProblem,
    read_answer,
    read_join_code,
    read_practice_code,
    read_seat,
    shown_code,
)
from screener.models import CODE_ALPHABET, JOIN_CODE_LENGTH, MAX_PICKS, Confidence
from screener.rulebook import RuleBook

CODE = "ABCD2345"


@pytest.mark.parametrize(
    "typed",
    [
        "ABCD2345",
        "abcd-2345",
        " ABCD 2345 ",
        "abcd.2345",
        "ＡＢＣＤ２３４５",  # full-width, as some phone keyboards type
        "https://class.example.org/class?join=ABCD-2345",
        "http://127.0.0.1:8501/class?present=1&join=abcd2345#top",
    ],
)
def test_a_join_code_reads_as_people_type_or_paste_it(typed: str) -> None:
    assert read_join_code(typed) == CODE


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", CodeProblem.EMPTY),
        ("   ", CodeProblem.EMPTY),
        ("ABCD234", CodeProblem.NOT_A_CODE),  # too short
        ("ABCD23456", CodeProblem.NOT_A_CODE),  # too long
        ("ABCD0345", CodeProblem.NOT_A_CODE),  # 0 is never in a code
        ("ABCDI345", CodeProblem.NOT_A_CODE),
        ("' OR 1=1 --", CodeProblem.NOT_A_CODE),
        ("<script>alert(1)</script>", CodeProblem.NOT_A_CODE),
        ("ABCD\x002345", CodeProblem.NOT_A_CODE),
        ("ABCD\u200b2345", CodeProblem.NOT_A_CODE),  # a zero-width space hides nothing
        ("A" * (MAX_TYPED_CHARS + 1), CodeProblem.NOT_A_CODE),
        ("https://x.org/class?join=", CodeProblem.NOT_A_CODE),
        ("Jane Doe", CodeProblem.NOT_A_CODE),
    ],
)
def test_anything_else_in_the_code_box_or_join_parameter_is_refused(
    typed: str, problem: CodeProblem
) -> None:
    assert read_join_code(typed) == problem


@pytest.mark.parametrize("value", [None, 12345678, ["ABCD2345"], b"ABCD2345"])
def test_a_join_parameter_that_is_not_text_is_refused(value: object) -> None:
    assert read_join_code(value) == CodeProblem.NOT_A_CODE


@given(st.text(max_size=300))
def test_any_text_reads_as_a_valid_code_or_a_named_problem(typed: str) -> None:
    read = read_join_code(typed)
    if isinstance(read, CodeProblem):
        return
    assert len(read) == JOIN_CODE_LENGTH
    assert set(read) <= set(CODE_ALPHABET)


def test_a_practice_code_is_twelve_characters_and_shows_in_groups_of_four() -> None:
    assert read_practice_code("abcd-2345-efgh") == "ABCD2345EFGH"
    assert read_practice_code(CODE) == CodeProblem.NOT_A_CODE
    assert shown_code("ABCD2345EFGH") == "ABCD-2345-EFGH"


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("Vq3m0mN_1d-kPzYxw9QaLg", True),
        ("short", False),
        ("a" * 44, False),
        ("../../etc/passwd-aaaaaa", False),
        ("seat with spaces inside", False),
        (None, False),
        (["Vq3m0mN_1d-kPzYxw9QaLg"], False),
    ],
)
def test_a_seat_from_the_address_is_used_only_if_it_is_one(raw: object, kept: bool) -> None:
    assert read_seat(raw) == (raw if kept else None)


def test_an_answer_is_up_to_three_known_patterns_or_no_pattern_yet(book: RuleBook) -> None:
    ids = [s.id for s in book.syndromes]
    assert read_answer(ids[:2], "certain", book) == (tuple(ids[:2]), Confidence.CERTAIN)
    assert read_answer([NO_PATTERN], "guessing", book) == ((), Confidence.GUESSING)
    assert read_answer([ids[0], ids[0]], "unsure", book) == ((ids[0],), Confidence.UNSURE)


@pytest.mark.parametrize(
    ("picks", "confidence", "problem"),
    [
        ([], "certain", AnswerProblem.NO_PICK),
        (None, "certain", AnswerProblem.NO_PICK),
        ([NO_PATTERN, "lems"], "certain", AnswerProblem.NONE_WITH_PATTERNS),
        (["not_a_syndrome"], "certain", AnswerProblem.UNKNOWN_PATTERN),
        (["lems'; DROP TABLE class_answers; --"], "certain", AnswerProblem.UNKNOWN_PATTERN),
        ([7], "certain", AnswerProblem.UNKNOWN_PATTERN),
        (["lems"], None, AnswerProblem.NO_CONFIDENCE),
        (["lems"], "99%", AnswerProblem.NO_CONFIDENCE),
        (["lems"], "CERTAIN", AnswerProblem.NO_CONFIDENCE),
    ],
)
def test_an_answer_the_form_could_not_send_is_refused_by_name(
    book: RuleBook, picks: object, confidence: object, problem: AnswerProblem
) -> None:
    assert read_answer(picks, confidence, book) == problem  # type: ignore[arg-type]


def test_more_than_three_patterns_are_refused(book: RuleBook) -> None:
    ids = [s.id for s in book.syndromes][: MAX_PICKS + 1]
    assert read_answer(ids, "certain", book) == AnswerProblem.TOO_MANY


@given(
    st.lists(st.one_of(st.text(max_size=80), st.integers(), st.none()), max_size=6),
    st.one_of(st.text(max_size=20), st.none(), st.integers()),
)
def test_any_form_content_reads_as_an_answer_or_a_named_problem(
    book: RuleBook, picks: list[object], confidence: object
) -> None:
    read = read_answer(picks, confidence, book)
    if isinstance(read, AnswerProblem):
        return
    patterns, level = read
    assert set(patterns) <= set(book.syndrome_by_id)
    assert len(patterns) <= MAX_PICKS
    assert level in Confidence
