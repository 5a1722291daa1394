"""PDF export: time to build the multi-page screening summary.

Two summaries: a single case, the rule example that shows the most patterns (what a learner
typically prints), and the longest one a learner can produce, a profile uniting every rule's
positive examples (many patterns, red flags, PNS-Care, a long reference list). Baseline: an fpdf2
document of one page with one line of text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from fpdf import FPDF
from pypdf import PdfReader

from bench.measurement import Measurement, Spread, Target, spread, time_calls
from screener.engine import screen
from screener.engine.selftest import example_profile
from screener.models import FollowUp, LabValue, Profile, ScreeningResult
from screener.present.view import build_view
from screener.report.pdf import render_pdf
from screener.rulebook import RuleBook

TARGET = Target(limit=300.0, on="value", text="< 300 ms")
GENERATED_AT = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)


def busiest_profile(book: RuleBook) -> Profile:
    """Every finding, cancer, antibody and (first) lab value of every positive rule example."""
    positives = [e for s in book.syndromes for e in s.examples if e.expect != "no_match"]
    labs: dict[str, LabValue] = {}
    for example in positives:
        for lab in example.labs:
            labs.setdefault(lab.analyte, lab)
    return Profile(
        findings=tuple(f for e in positives for f in e.findings),
        cancers=tuple(c for e in positives for c in e.cancers),
        antibodies=tuple(a for e in positives for a in e.antibodies),
        labs=tuple(labs.values()),
        follow_up=FollowUp.UNDER_2_YEARS,
    )


def one_line_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="One line of text.")
    return bytes(pdf.output())


def richest_example(book: RuleBook) -> Profile:
    """The positive rule example that shows the most patterns (the first of equals)."""
    profiles = [
        example_profile(e) for s in book.syndromes for e in s.examples if e.expect != "no_match"
    ]
    return max(profiles, key=lambda profile: len(screen(profile, book).matches))


def one_line_baseline(repeats: int) -> Spread:
    """The baseline of every PDF benchmark: an fpdf2 page with one line of text, in ms."""
    return spread([s * 1e3 for s in time_calls(one_line_pdf, repeats)])


def pdf_measurement(
    key: str,
    name: str,
    build: Callable[[], bytes],
    repeats: int,
    baseline: Spread,
    target: Target,
    notes: str,
    details: dict[str, Any],
) -> Measurement:
    """Time `build` against the one-line page; the name gains the document's page count."""
    # The first, untimed build is the warm-up, and tells how long the document is.
    document = build()
    pages = len(PdfReader(io.BytesIO(document)).pages)
    timing = spread([s * 1e3 for s in time_calls(build, repeats, warmup=0)])
    return Measurement(
        key=key,
        name=f"{name} ({pages} pages)",
        unit="ms",
        value=timing.median,
        p95=timing.p95,
        baseline_name="fpdf2, one page, one line of text",
        baseline_value=baseline.median,
        target=target,
        notes=notes,
        details={"repeats": repeats, "pages": pages, "bytes": len(document), **details},
    )


def _measure_summary(
    key: str, name: str, result: ScreeningResult, book: RuleBook, repeats: int, baseline: Spread
) -> Measurement:
    def summary() -> bytes:
        return render_pdf(build_view(result, book), generated_at=GENERATED_AT)

    return pdf_measurement(
        key,
        name,
        summary,
        repeats,
        baseline,
        TARGET,
        notes=(
            f"{len(result.matches)} patterns, {len(result.red_flags)} red flags, "
            f"{len(result.associations)} associations"
        ),
        details={"patterns": len(result.matches), "red_flags": len(result.red_flags)},
    )


def measure(book: RuleBook, repeats: int) -> list[Measurement]:
    baseline = one_line_baseline(repeats)
    return [
        _measure_summary(
            "pdf_case",
            "PDF: summary of one case",
            screen(richest_example(book), book),
            book,
            repeats,
            baseline,
        ),
        _measure_summary(
            "pdf_longest",
            "PDF: longest summary, every positive example at once",
            screen(busiest_profile(book), book),
            book,
            repeats,
            baseline,
        ),
    ]
