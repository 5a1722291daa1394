"""Illness scripts as PDFs: one syndrome's card (`render_script_card`) and a category's deck
(`render_script_deck`, a card a page), on `FramedPdf`, so every page carries the disclaimer and
the see-a-physician prompt."""

from __future__ import annotations

import datetime as dt

from screener.present.script_view import ScriptView
from screener.report.pdf_frame import (
    HEADING,
    MUTED,
    SMALL_LINE,
    SMALL_SIZE,
    FramedPdf,
    framed_document,
    plain,
)

KEEP_SLOT = 12.0
"""Space (mm) a slot's heading and first line need; less than this left starts a new page."""
CARD_SIZE = 7.6
CARD_LINE = 3.4
"""A card's type: a little smaller than a report's, so that the longest script fits one page."""
BULLET = 3.5


def _card(pdf: FramedPdf, view: ScriptView) -> None:
    pdf.text_block(plain(view.title), bold=True, size=14, color=HEADING, line=6.5)
    pdf.text_block(
        plain(f"{view.category} · {view.note}"), size=SMALL_SIZE, color=MUTED, line=SMALL_LINE
    )
    for slot in view.slots:
        if pdf.will_page_break(KEEP_SLOT):
            pdf.add_page()
        pdf.ln(1)
        pdf.text_block(plain(slot.heading), bold=True, size=9.5, color=HEADING, line=4.6)
        if len(slot.lines) == 1:
            pdf.text_block(plain(slot.lines[0]), size=CARD_SIZE, line=CARD_LINE)
            continue
        for line in slot.lines:
            pdf.set_x(pdf.l_margin)
            pdf.cell(BULLET, CARD_LINE, "•")
            pdf.text_block(plain(line), indent=BULLET, size=CARD_SIZE, line=CARD_LINE)
    pdf.ln(1.5)
    pdf.text_block(
        plain("Sources: " + "; ".join(view.references)),
        size=SMALL_SIZE,
        color=MUTED,
        line=SMALL_LINE,
    )


def render_script_deck(
    views: list[ScriptView],
    title: str,
    disclaimer: str,
    see_a_physician: str,
    book_line: str,
    *,
    page_size: str = "A4",
    generated_at: dt.datetime | None = None,
) -> bytes:
    """Each syndrome's illness script, each starting on a new page: one card, or a deck."""
    pdf = framed_document(title, disclaimer, see_a_physician, book_line, page_size, generated_at)
    for view in views:
        pdf.add_page()
        _card(pdf, view)
    return bytes(pdf.output())
