"""The screening as a printable summary: `render_pdf(view) -> bytes`.

Every page carries the safety frame (`pdf_frame`); the sections below only lay out a
`ScreeningView`, so the PDF says what the app and the text report say, in the same words.
"""

from __future__ import annotations

import datetime as dt

from screener.present import words
from screener.present.view import CardView, PnsCareView, ScreeningView, UrgentView
from screener.report.pdf_frame import (
    BODY_LINE,
    BODY_SIZE,
    HEADING,
    HEADING_SIZE,
    INDENT,
    INK,
    MUTED,
    SMALL_LINE,
    SMALL_SIZE,
    URGENT,
    URGENT_FILL,
    FramedPdf,
    check_page_size,
    plain,
)

KEEP_TOGETHER = 32.0
"""Space (mm) a pattern's first lines need; less than this left on a page starts a new one."""


def _urgent(pdf: FramedPdf, urgent: UrgentView) -> None:
    """The urgent banner: a red box, kept whole on one page, above everything else (or, when its
    red flags fill more than a page, red text between red rules, running over pages)."""
    pad = 3.0
    inner = pdf.epw - 2 * pad
    bullet = 4.0
    heading = f"⚠ {plain(urgent.heading)}"
    generic = plain(urgent.text)
    flags = [plain(f"{flag.label} ({flag.text})") for flag in urgent.flags]
    height = (
        2 * pad
        + pdf.measure(heading, width=inner, bold=True, size=12, line=6)
        + 1
        + pdf.measure(generic, width=inner, bold=True)
        + sum(pdf.measure(text, width=inner - bullet) for text in flags)
    )
    if height > pdf.body_height:
        pdf.set_draw_color(*URGENT)
        pdf.set_line_width(0.6)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.ln(pad)
        pdf.text_block(heading, bold=True, size=12, color=URGENT, line=6)
        pdf.ln(1)
        pdf.text_block(generic, bold=True)
        pdf.bullets(flags)
        pdf.ln(pad)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.set_line_width(0.2)
        pdf.ln(3)
        return
    if pdf.will_page_break(height):
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_draw_color(*URGENT)
    pdf.set_fill_color(*URGENT_FILL)
    pdf.set_line_width(0.6)
    pdf.rect(pdf.l_margin, top, pdf.epw, height, style="DF")
    pdf.set_line_width(0.2)
    pdf.set_y(top + pad)
    pdf.text_block(heading, indent=pad, width=inner, bold=True, size=12, color=URGENT, line=6)
    pdf.ln(1)
    pdf.text_block(generic, indent=pad, width=inner, bold=True)
    pdf.bullets(flags, indent=pad, width=inner)
    pdf.set_y(top + height + 3)


def _inputs(pdf: FramedPdf, view: ScreeningView) -> None:
    pdf.heading(words.HEADINGS["entered"])
    pdf.grid(
        ("Input", "Entered"),
        ((plain(line.label), plain(line.text)) for line in view.entered),
        (0.3, 0.7),
        bold_first_column=True,
    )
    if view.fit_notices:
        pdf.bullets([plain(notice) for notice in view.fit_notices])
    if view.labs:
        pdf.grid(
            ("Lab", "Entered", "In the rule book's unit", "Finding it gives"),
            (
                (
                    plain(lab.analyte),
                    plain(lab.entered),
                    plain(lab.converted or "(same unit)"),
                    plain(lab.outcome),
                )
                for lab in view.labs
            ),
            (0.2, 0.17, 0.2, 0.43),
            bold_first_column=True,
        )


def _pns_care(pdf: FramedPdf, score: PnsCareView, *, with_note: bool) -> None:
    if pdf.will_page_break(30):
        pdf.add_page()
    pdf.ln(1)
    pdf.text_block(plain(score.heading), bold=True)
    pdf.grid(
        ("Level", "Why"),
        (
            *((plain(item.label), plain(item.text)) for item in score.items),
            ("Total", plain(score.total)),
        ),
        (0.24, 0.76),
    )
    if score.caveat:
        pdf.text_block(plain(score.caveat), bold=True)
    if with_note:
        pdf.text_block(plain(score.note), size=SMALL_SIZE + 0.5, color=MUTED, line=SMALL_LINE + 0.2)


def _card(pdf: FramedPdf, card: CardView, numbers: dict[str, int], *, pns_note: bool) -> None:
    if pdf.will_page_break(KEEP_TOGETHER):
        pdf.add_page()
    pdf.ln(2)
    pdf.text_block(plain(card.title), bold=True, size=11, color=HEADING, line=5.5)
    pdf.text_block(plain(card.meta), size=SMALL_SIZE + 0.5, color=MUTED, line=SMALL_LINE + 0.5)
    pdf.text_block(
        plain(card.tier_words), bold=True, color=HEADING if card.tier == "strong" else INK
    )
    if card.status_note:
        pdf.labelled("Status note", plain(card.status_note))
    if card.consider_first:
        pdf.text_block(plain(card.consider_first), bold=True)
    pdf.text_block(plain(card.summary))
    pdf.ln(1)
    pdf.text_block(words.HEADINGS["why"], bold=True)
    for step in card.trace:
        pdf.text_block(
            plain(step.text), indent=INDENT * (step.depth + 1), color=INK if step.met else MUTED
        )
    pdf.text_block(plain(card.missing), indent=INDENT)
    for line in card.context:
        pdf.labelled(plain(line.label), plain(line.text))
    if card.mimics:
        pdf.labelled(words.HEADINGS["mimics"], "; ".join(plain(m.name) for m in card.mimics))
    if card.discuss:
        pdf.text_block(words.HEADINGS["discuss"], bold=True)
        pdf.bullets((plain(q) for q in card.discuss), indent=INDENT)
    pdf.labelled("Order in this list", plain(card.ordering))
    if card.pns_care:
        _pns_care(pdf, card.pns_care, with_note=pns_note)
    sources = ", ".join(f"[{numbers[r.id]}]" for r in card.references)
    pdf.labelled("References", f"{sources} (listed at the end)")


def _patterns(pdf: FramedPdf, view: ScreeningView) -> None:
    if view.no_pattern:
        pdf.heading(plain(view.no_pattern.label))
        pdf.text_block(plain(view.no_pattern.text))
        return
    numbers = {ref.id: n for n, ref in enumerate(view.references, start=1)}
    pdf.heading(plain(view.patterns_heading), keep=KEEP_TOGETHER)
    first_scored = next((c.syndrome for c in view.cards if c.pns_care), None)
    for card in view.cards:
        # The PNS-Care note is the same for every pattern: print it under the first table only.
        _card(pdf, card, numbers, pns_note=card.syndrome == first_scored)


def _differential(pdf: FramedPdf, view: ScreeningView) -> None:
    if not view.differential:
        return
    pdf.heading(plain(view.differential.heading), keep=KEEP_TOGETHER)
    pdf.text_block(plain(view.differential.intro))
    pdf.text_block(plain(view.differential.compared), color=MUTED)
    pdf.grid(
        ("Finding not yet entered", "What it would do"),
        ((plain(q.finding), plain(q.text)) for q in view.differential.questions),
        (0.32, 0.68),
        bold_first_column=True,
    )


def _associations(pdf: FramedPdf, view: ScreeningView) -> None:
    if not view.associations:
        return
    pdf.heading(words.HEADINGS["associations"])
    pdf.text_block(words.ASSOCIATIONS_INTRO)
    pdf.bullets(plain(line) for line in view.associations)


def _references(pdf: FramedPdf, view: ScreeningView) -> None:
    if not view.references:
        return
    pdf.heading(words.HEADINGS["references"])
    pdf.grid(
        ("#", "Reference", "DOI / PMID"),
        (
            (
                str(number),
                plain(ref.citation) + (f" {ref.note}" if ref.note else ""),
                "\n".join(ref.identifiers),
            )
            for number, ref in enumerate(view.references, start=1)
        ),
        (0.05, 0.6, 0.35),
    )


def render_pdf(
    view: ScreeningView,
    *,
    page_size: str = "A4",
    generated_at: dt.datetime | None = None,
) -> bytes:
    """The screening as a PDF summary. `page_size` is "A4" or "Letter"; times are shown in UTC."""
    check_page_size(page_size)
    when = generated_at or dt.datetime.now(dt.UTC)
    when = when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)
    generated = when.strftime("%Y-%m-%d %H:%M UTC")
    book, _, content = view.book
    footer = f"{book.text} ({content.text[:12]}) · generated {generated}"

    pdf = FramedPdf(page_size, view.disclaimer, view.see_a_physician, footer)
    pdf.set_title(view.title)
    pdf.set_lang("en")
    pdf.set_creation_date(when)
    pdf.add_page()
    pdf.text_block(plain(view.title), bold=True, size=15, color=HEADING, line=7)
    pdf.ln(1)
    if view.urgent:
        _urgent(pdf, view.urgent)
    pdf.labelled("Generated", generated)
    for line in view.book:
        pdf.labelled(plain(line.label), plain(line.text))
    _inputs(pdf, view)
    _patterns(pdf, view)
    _differential(pdf, view)
    _associations(pdf, view)
    _references(pdf, view)
    return bytes(pdf.output())


__all__ = ["BODY_LINE", "BODY_SIZE", "HEADING_SIZE", "render_pdf"]
