"""Class handouts as PDFs: the students' sheets (`render_handout`) and the teacher's key
(`render_key`). Both are laid out on `FramedPdf`, so every page carries the disclaimer and the
see-a-physician prompt; they only lay out their views, which hold every word.
"""

from __future__ import annotations

import datetime as dt

from screener.present import teaching_words as teaching
from screener.present.class_view import SummaryView
from screener.present.handout_view import HandoutCase, HandoutView, KeyCase, KeyView
from screener.report.pdf_frame import (
    BODY_LINE,
    HEADING,
    INDENT,
    INK,
    MUTED,
    SMALL_LINE,
    SMALL_SIZE,
    FramedPdf,
    framed_document,
    plain,
)

RULE_GAP = 7.0
"""Height (mm) of one ruled writing line."""
KEEP_STAGE = 40.0
"""Space (mm) a stage's heading and first lines need; less than this left starts a new page."""
KEEP_KEY_CASE = 45.0


def _title(pdf: FramedPdf, title: str, intro: str) -> None:
    pdf.text_block(plain(title), bold=True, size=15, color=HEADING, line=7)
    pdf.ln(1)
    pdf.text_block(plain(intro))
    pdf.ln(2)


def _writing_space(pdf: FramedPdf, lines: int) -> None:
    """Ruled lines to write on, kept on one page."""
    if pdf.will_page_break(lines * RULE_GAP + 2):
        pdf.add_page()
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.1)
    for _ in range(lines):
        pdf.set_y(pdf.get_y() + RULE_GAP)
        pdf.line(pdf.l_margin + INDENT, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.set_line_width(0.2)
    pdf.ln(3)


def _student_case(pdf: FramedPdf, case: HandoutCase, writing_lines: int) -> None:
    pdf.text_block(plain(case.heading), bold=True, size=13, color=HEADING, line=6)
    pdf.text_block(plain(case.about), size=SMALL_SIZE + 0.5, color=MUTED, line=SMALL_LINE + 0.5)
    for stage in case.stages:
        if pdf.will_page_break(KEEP_STAGE):
            pdf.add_page()
        pdf.ln(2)
        pdf.text_block(plain(stage.heading), bold=True, size=11, color=HEADING, line=5.5)
        pdf.text_block(plain(stage.text))
        pdf.ln(1)
        for fact in stage.facts:
            pdf.labelled(plain(fact.label), plain(fact.text))
        for prompt in stage.prompts:
            pdf.ln(1)
            pdf.text_block(plain(prompt), bold=True, color=INK)
            _writing_space(pdf, writing_lines)


def render_handout(
    view: HandoutView, *, page_size: str = "A4", generated_at: dt.datetime | None = None
) -> bytes:
    """The students' sheets: each case on its own page(s), with no answers."""
    pdf = framed_document(
        view.title, view.disclaimer, view.see_a_physician, view.book, page_size, generated_at
    )
    pdf.add_page()
    _title(pdf, view.title, view.instructions)
    for number, case in enumerate(view.cases):
        if number:
            pdf.add_page()
        _student_case(pdf, case, view.writing_lines)
    return bytes(pdf.output())


def _key_case(pdf: FramedPdf, case: KeyCase) -> None:
    if pdf.will_page_break(KEEP_KEY_CASE):
        pdf.add_page()
    pdf.ln(3)
    pdf.text_block(plain(case.heading), bold=True, size=12, color=HEADING, line=6)
    pdf.text_block(plain(case.answer), bold=True)
    pdf.text_block(plain(case.summary))
    pdf.ln(1)
    pdf.text_block(teaching.HEADINGS["stage_tops"], bold=True)
    for line in case.stage_tops:
        pdf.labelled(plain(line.label), plain(line.text), indent=INDENT)
    pdf.text_block(teaching.HEADINGS["trace"], bold=True)
    for step in case.trace:
        pdf.text_block(
            plain(step.text), indent=INDENT * (step.depth + 1), color=INK if step.met else MUTED
        )
    pdf.text_block(plain(case.missing), indent=INDENT)
    pdf.labelled("Mimics to rule out", plain(case.mimics))
    pdf.labelled("Order in the list", plain(case.ordering))
    pdf.text_block(teaching.HEADINGS["teaching_points"], bold=True)
    pdf.bullets((plain(point) for point in case.teaching_points), indent=INDENT)
    pdf.text_block("References", bold=True)
    pdf.bullets(
        (
            plain(
                f"{ref.citation} {' · '.join(ref.identifiers)}"
                + (f" {ref.note}" if ref.note else "")
            )
            for ref in case.references
        ),
        indent=INDENT,
    )
    pdf.set_y(pdf.get_y() + BODY_LINE / 2)


def render_key(
    view: KeyView, *, page_size: str = "A4", generated_at: dt.datetime | None = None
) -> bytes:
    """The teacher's key: every case's answer, reasoning, teaching points and references."""
    pdf = framed_document(
        view.title, view.disclaimer, view.see_a_physician, view.book, page_size, generated_at
    )
    pdf.add_page()
    _title(pdf, view.title, view.intro)
    for case in view.cases:
        _key_case(pdf, case)
    return bytes(pdf.output())


SUMMARY_COLUMN_SHARES = (2.6, 1.0, 2.6, 1.3, 1.0, 1.0, 1.0, 1.0, 1.3, 2.4)
"""Column widths of the class summary, in proportion: the stage, the most named pattern and
the most missed finding take words; the rest are counts."""


def render_class_summary(
    summary: SummaryView,
    key: KeyView,
    *,
    page_size: str = "A4",
    generated_at: dt.datetime | None = None,
) -> bytes:
    """A live class's summary page, then the teacher's key of its case: the page an educator
    keeps of how the room answered, stage by stage (counts only: there are no names)."""
    pdf = framed_document(
        summary.title,
        summary.disclaimer,
        summary.see_a_physician,
        summary.book,
        page_size,
        generated_at,
    )
    pdf.add_page()
    _title(pdf, summary.title, summary.note)
    pdf.grid(summary.columns, summary.rows, SUMMARY_COLUMN_SHARES, bold_first_column=True)
    pdf.text_block(plain(summary.first_named), bold=True)
    pdf.add_page()
    _title(pdf, key.title, key.intro)
    for case in key.cases:
        _key_case(pdf, case)
    return bytes(pdf.output())
