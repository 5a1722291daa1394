"""Class handout: time to build a 30-case handout for students, and its teacher's key.

The cases are the rule book's own, in order, repeated if it has fewer than 30; each build
includes making the view (which screens every stage of every case for the key). Baseline: an
fpdf2 document of one page with one line of text, as for the PDF summary.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from bench.measurement import Measurement, Spread, Target
from bench.pdf_build import one_line_baseline, pdf_measurement
from screener.engine import screen_case
from screener.models import TeachingCase
from screener.present.handout_view import handout_view, key_view
from screener.report.handout import render_handout, render_key
from screener.rulebook import RuleBook

CASES = 30
TARGET = Target(limit=2000.0, on="value", text="< 2 s for 30 cases")
GENERATED_AT = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)


def class_cases(book: RuleBook, count: int = CASES) -> list[TeachingCase]:
    if not book.cases:
        raise ValueError("the rule book has no teaching cases to make a handout from")
    return list(itertools.islice(itertools.cycle(book.cases), count))


def _measure(
    key: str,
    name: str,
    build: Callable[[], bytes],
    cases: list[TeachingCase],
    repeats: int,
    baseline: Spread,
) -> Measurement:
    staged = sum(bool(c.stages) for c in cases)
    return pdf_measurement(
        key,
        name,
        build,
        repeats,
        baseline,
        TARGET,
        notes=f"{len(cases)} cases ({staged} staged), view and PDF",
        details={"cases": len(cases)},
    )


def measure(book: RuleBook, repeats: int, count: int = CASES) -> list[Measurement]:
    cases = class_cases(book, count)
    baseline = one_line_baseline(repeats)

    def students() -> bytes:
        return render_handout(handout_view(cases, book), generated_at=GENERATED_AT)

    def teachers_key() -> bytes:
        screened = [(case, screen_case(case, book)) for case in cases]
        return render_key(key_view(screened, book), generated_at=GENERATED_AT)

    return [
        _measure("handout", "Class handout: students' sheets", students, cases, repeats, baseline),
        _measure(
            "handout_key", "Class handout: teacher's key", teachers_key, cases, repeats, baseline
        ),
    ]
