"""Illness-script deck: time to build a whole category's deck (a one-page card per syndrome),
for every category, the view included. Baseline: an fpdf2 document of one page with one line of
text, as for the PDF summary."""

from __future__ import annotations

from bench.measurement import Measurement, Target
from bench.pdf_build import one_line_baseline, pdf_measurement
from screener.engine import illness_script
from screener.models import Category, Syndrome
from screener.present.handout_view import book_line
from screener.present.script_view import deck_title, script_view
from screener.report.script_pdf import render_script_deck
from screener.rulebook import RuleBook

TARGET = Target(limit=2000.0, on="value", text="< 2 s for a category's deck")


def measure(book: RuleBook, repeats: int) -> list[Measurement]:
    baseline = one_line_baseline(repeats)
    measurements = []
    for category in Category:
        syndromes = [s for s in book.syndromes if s.category == category]
        if not syndromes:
            continue

        def build(chosen: list[Syndrome] = syndromes, title: str = deck_title(category)) -> bytes:
            # As the Explore page builds it: the views, then the cards.
            views = [script_view(illness_script(s, book), book, card=True) for s in chosen]
            safety = book.safety
            return render_script_deck(
                views, title, safety.disclaimer, safety.see_a_physician, book_line(book)
            )

        measurements.append(
            pdf_measurement(
                f"script_deck_{category.value}",
                f"Illness-script deck: {category.value}",
                build,
                repeats,
                baseline,
                TARGET,
                notes=f"{len(syndromes)} syndromes, view and PDF",
                details={"syndromes": len(syndromes)},
            )
        )
    return measurements
