"""Class handouts: the students' PDF holds every case and no answer; the teacher's key holds
every answer; both carry the safety frame on every page. Read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from screener.cli import main
from screener.engine import screen_case
from screener.models import TeachingCase
from screener.present.handout_view import HandoutView, handout_view, key_view
from screener.report.handout import render_handout, render_key
from screener.rulebook import RuleBook

WHEN = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def flat(text: str) -> str:
    """Text without its whitespace: a PDF wraps lines (and hyphenated words) where it likes."""
    return "".join(text.split())


def pages(document: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(document)).pages]


def body(document: bytes, book: RuleBook) -> str:
    """The document's text without the frame of each page, so text running over a page break
    reads on."""
    disclaimer, prompt = flat(book.safety.disclaimer), flat(book.safety.see_a_physician)
    texts = []
    for text in pages(document):
        assert text.startswith(disclaimer) and prompt in text
        texts.append(text[len(disclaimer) : text.rindex(prompt)])
    return "".join(texts)


@pytest.fixture(scope="module")
def cases(book: RuleBook) -> list[TeachingCase]:
    return list(book.cases)


@pytest.fixture(scope="module")
def handout(cases, book: RuleBook) -> str:
    return body(render_handout(handout_view(cases, book), generated_at=WHEN), book)


@pytest.fixture(scope="module")
def key(cases, book: RuleBook) -> str:
    return body(
        render_key(key_view([(c, screen_case(c, book)) for c in cases], book), generated_at=WHEN),
        book,
    )


def test_the_students_handout_has_every_case_and_no_answer_text(handout, cases, book) -> None:
    for number, case in enumerate(cases, start=1):
        assert flat(f"Case {number}: {case.title}") in handout
        for stage in case.stages:
            assert flat(stage.title) in handout
        answer = book.syndrome_by_id[case.answer]
        assert flat(answer.name).casefold() not in handout.casefold(), case.id
        assert flat(answer.summary) not in handout, case.id
        for point in case.teaching_points:
            assert flat(point) not in handout, case.id
    assert flat("Teaching points") not in handout
    assert flat("shows first") not in handout


def test_the_handout_view_cannot_hold_an_answer() -> None:
    schema = HandoutView.model_json_schema()
    fields = set(schema["properties"])
    for model in schema["$defs"].values():
        fields |= set(model["properties"])
    assert "stages" in fields and "facts" in fields
    assert not fields & {"answer", "top", "teaching_points", "category", "trace", "references"}


def test_the_key_has_every_answer_teaching_point_and_reference(key, cases, book) -> None:
    for number, case in enumerate(cases, start=1):
        answer = book.syndrome_by_id[case.answer]
        assert flat(f"Case {number}: {case.title}") in key
        assert flat(f"Pattern: {answer.name}") in key, case.id
        for point in case.teaching_points:
            assert flat(point) in key, case.id
        for reference in answer.references:
            assert flat(book.reference_by_id[reference].title) in key, (case.id, reference)


@pytest.mark.parametrize("which", ["handout", "key"])
def test_every_page_carries_the_disclaimer_prompt_and_page_number(which, cases, book) -> None:
    document = (
        render_handout(handout_view(cases[:4], book), page_size="Letter")
        if which == "handout"
        else render_key(
            key_view([(c, screen_case(c, book)) for c in cases[:4]], book), page_size="Letter"
        )
    )
    texts = pages(document)
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert flat(book.safety.disclaimer) in text
        assert flat(book.safety.see_a_physician) in text
        assert text.endswith(f"Page{number}of{len(texts)}")
    assert PdfReader(io.BytesIO(document)).pages[0].mediabox.width == pytest.approx(612)


def test_the_key_says_what_each_stage_shows_first(book: RuleBook) -> None:
    staged = [c for c in book.cases if c.stages][:3]
    view = key_view([(c, screen_case(c, book)) for c in staged], book)
    for case, key_case in zip(staged, view.cases, strict=True):
        assert len(key_case.stage_tops) == len(case.stage_profiles)
        last = key_case.stage_tops[-1].text
        assert last.startswith(f"shows first: {book.syndrome_by_id[case.answer].name} (")


def test_the_command_line_writes_the_handout_and_key(
    tmp_path: Path, book: RuleBook, capsys
) -> None:
    ids = [c.id for c in book.cases[:2]]
    handout, key = tmp_path / "class.pdf", tmp_path / "key.pdf"
    assert main(["handout", *ids, "--pdf", str(handout), "--key", str(key)]) == 0
    assert capsys.readouterr().out.split() == ["Wrote", str(handout), "Wrote", str(key)]
    student_text = body(handout.read_bytes(), book)
    key_text = body(key.read_bytes(), book)
    for case in book.cases[:2]:
        name = flat(book.syndrome_by_id[case.answer].name)
        assert name not in student_text and f"Pattern:{name}" in key_text


def test_all_means_every_case_and_an_unknown_id_writes_nothing(tmp_path: Path, book, capsys):
    out = tmp_path / "all.pdf"
    assert main(["handout", "all", "--pdf", str(out)]) == 0
    assert len(re.findall(r"Case\d+:", body(out.read_bytes(), book))) == len(book.cases)
    missing = tmp_path / "none.pdf"
    assert main(["handout", "case_that_is_not", "--pdf", str(missing)]) == 2
    assert "Unknown teaching case: case_that_is_not" in capsys.readouterr().err
    assert not missing.exists()
