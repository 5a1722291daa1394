"""The educator's summary of a live class as a CSV (written by the project's one CSV writer,
which keeps a spreadsheet from reading any cell as a formula) and as a page of the PDF handout
(the safety frame on every page), and the join link's QR code."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from screener.engine import screen_case
from screener.engine.classroom import class_summary
from screener.models import ClassAnswer, Confidence
from screener.present import class_words
from screener.present.class_view import summary_view
from screener.present.handout_view import key_view
from screener.report.csv_table import render_csv
from screener.report.handout import render_class_summary
from screener.report.qr import qr_png
from screener.rulebook import RuleBook
from tests.unit.engine.test_classroom_engine import other_pattern, two_stage_case
from tests.unit.report.test_handout import body, flat, pages

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def summary(book: RuleBook):
    case = two_stage_case(book)
    wrong = other_pattern(book, case)
    answers = [
        ClassAnswer(
            seat=f"seat-{n:012d}", stage=stage, patterns=picks, confidence=level, saved_at=NOW
        )
        for n, stage, picks, level in [
            (1, 0, (), Confidence.GUESSING),
            (2, 0, (wrong,), Confidence.UNSURE),
            (1, 1, (case.answer,), Confidence.CERTAIN),
            (2, 1, (case.answer,), Confidence.FAIRLY_SURE),
            (3, 1, (wrong,), Confidence.CERTAIN),
        ]
    ]
    return case, summary_view(case, class_summary(case, answers, book), book)


def test_the_csv_has_a_row_per_stage_with_the_rooms_counts(summary, book: RuleBook) -> None:
    case, view = summary
    rows = list(csv.reader(io.StringIO(render_csv(view.columns, view.rows))))
    assert rows[0] == list(class_words.SUMMARY_COLUMNS)
    assert len(rows) == 1 + len(case.stage_profiles)
    second = dict(zip(rows[0], rows[2], strict=True))
    assert second["Answers"] == "3"
    assert second["Named the stage's answer"] == "2 of 3"
    assert second["Most named"] == book.label("syndrome", case.answer)
    assert second["Certain"] == "2"
    assert second["Changed their mind"] == "2 of 2"  # both who answered twice
    assert "seat-" not in "".join(",".join(r) for r in rows), "no seat in the export"


def test_the_summary_pdf_is_framed_on_every_page_and_ends_with_the_cases_key(
    summary, book: RuleBook
) -> None:
    case, view = summary
    document = render_class_summary(
        view, key_view([(case, screen_case(case, book))], book), generated_at=NOW
    )
    text = body(document, book)  # fails unless every page has the disclaimer and the prompt
    assert flat(view.title) in text
    assert flat(view.first_named) in text
    assert flat(book.label("syndrome", case.answer)) in text
    assert len(pages(document)) >= 2, "the summary page, then the teacher's key"


def test_the_join_link_becomes_a_png_qr_code() -> None:
    assert qr_png("http://127.0.0.1:8501/class?join=ABCD2345").startswith(b"\x89PNG\r\n")
