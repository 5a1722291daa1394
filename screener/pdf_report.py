"""The screening as a printable summary: `render_pdf(result, book) -> bytes`.

Every page carries the disclaimer (header) and the see-a-physician prompt with "Page n of N"
(footer), worded only by the rule book's safety text. The DejaVu Sans fonts ship in
`screener/fonts/`, so every character the rule book uses (≥, –, é, µ, ×10⁹) prints the same on
any machine. Rule-file text is printed as plain text: Markdown emphasis is dropped and nothing is
read as HTML or as fpdf2 markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from fpdf import FPDF, FontFace
from fpdf.enums import MethodReturnValue, TableCellFillMode, XPos, YPos

from screener.book import RuleBook
from screener.explain import TIER_WORDS, missing_text, review_text, score_text, trace_lines
from screener.models import (
    BookStamp,
    FollowUp,
    LabValue,
    PatternMatch,
    PnsCareScore,
    Profile,
    Reference,
    ScreeningResult,
    Status,
    Tier,
    Urgency,
)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
PAGE_SIZES = ("A4", "Letter")
TITLE = "Paraneoplastic Pattern Screener: screening summary"

MARGIN = 15.0
BODY_SIZE = 9.0
BODY_LINE = 4.4
SMALL_SIZE = 7.5
SMALL_LINE = 3.5
HEADING_SIZE = 12.0
INDENT = 5.0
FRAME_PAD = 1.8
KEEP_TOGETHER = 32.0
"""Space (mm) a pattern's first lines need; less than this left on a page starts a new one."""

INK = (20, 20, 20)
MUTED = (85, 85, 85)
HEADING = (25, 55, 95)
URGENT = (170, 0, 0)
URGENT_FILL = (253, 236, 236)
SHADE = (238, 241, 245)

FOLLOW_UP_WORDS = {
    FollowUp.UNDER_2_YEARS: "under 2 years",
    FollowUp.TWO_YEARS_OR_MORE: "2 years or more",
}
NOT_GIVEN = "not given"
NONE_ENTERED = "none entered"

_EMPHASIS = re.compile(r"\*\*|__")


def _plain(text: str) -> str:
    """Rule-file text as plain words: Markdown bold markers dropped, whitespace collapsed."""
    return " ".join(_EMPHASIS.sub("", text).split())


def _number(value: float) -> str:
    return f"{value:g}"


class _SummaryPdf(FPDF):
    """An FPDF page frame with the safety text in the header and footer of every page."""

    def __init__(self, page_size: str, book: RuleBook, stamp: BookStamp, generated: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format=page_size)
        self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.set_margins(MARGIN, 10, MARGIN)
        self.disclaimer = _plain(book.safety.disclaimer)
        self.see_a_physician = _plain(book.safety.see_a_physician)
        self.footer_note = (
            f"Rule book {stamp.version} ({stamp.content_hash[:12]}) · generated {generated}"
        )
        self.disclaimer_lines: list[str] = []
        self.prompt_lines: list[str] = []
        self.footer_height = 0.0

    def _wrap_once(self, text: str, width: float) -> list[str]:
        lines = self.multi_cell(
            width, SMALL_LINE, text, align="L", dry_run=True, output=MethodReturnValue.LINES
        )
        return [str(line) for line in lines]

    def _prepare_frame(self) -> None:
        # The frame's text is wrapped once, not on every page; wrapping needs a page, so the first
        # header does it, before any body text, and reserves the footer's space.
        self.set_font(FONT, "B", SMALL_SIZE)
        self.disclaimer_lines = self._wrap_once(self.disclaimer, self.epw - 2 * FRAME_PAD)
        self.prompt_lines = self._wrap_once(self.see_a_physician, self.epw)
        self.footer_height = 2 + SMALL_LINE * (len(self.prompt_lines) + 1) + 8
        self.set_auto_page_break(True, margin=self.footer_height + 3)

    def _lines(self, lines: list[str], indent: float = 0) -> None:
        for line in lines:
            self.set_x(self.l_margin + indent)
            self.cell(0, SMALL_LINE, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def header(self) -> None:
        if not self.disclaimer_lines:
            self._prepare_frame()
        self.set_font(FONT, "B", SMALL_SIZE)
        self.set_text_color(*INK)
        self.set_fill_color(*SHADE)
        height = SMALL_LINE * len(self.disclaimer_lines) + 2 * FRAME_PAD
        self.rect(self.l_margin, self.get_y(), self.epw, height, style="F")
        self.set_y(self.get_y() + FRAME_PAD)
        self._lines(self.disclaimer_lines, indent=FRAME_PAD)
        self.ln(FRAME_PAD + 4)

    def footer(self) -> None:
        self.set_y(-self.footer_height)
        self.set_draw_color(*MUTED)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)
        self.set_font(FONT, "B", SMALL_SIZE)
        self.set_text_color(*INK)
        self._lines(self.prompt_lines)
        self.set_font(FONT, "", SMALL_SIZE)
        self.set_text_color(*MUTED)
        self.cell(0, SMALL_LINE, self.footer_note, align="L")
        self.set_x(self.l_margin)
        self.cell(0, SMALL_LINE, f"Page {self.page_no()} of {{nb}}", align="R")

    # --- Writing helpers --------------------------------------------------------------------

    def measure(
        self,
        text: str,
        *,
        width: float,
        bold: bool = False,
        size: float = BODY_SIZE,
        line: float = BODY_LINE,
    ) -> float:
        """Height (mm) that `text` would take, without drawing it."""
        self.set_font(FONT, "B" if bold else "", size)
        return self.multi_cell(
            width, line, text, align="L", dry_run=True, output=MethodReturnValue.HEIGHT
        )

    def text_block(
        self,
        text: str,
        *,
        indent: float = 0,
        width: float | None = None,
        bold: bool = False,
        size: float = BODY_SIZE,
        color: tuple[int, int, int] = INK,
        line: float = BODY_LINE,
    ) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*color)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            width or self.epw - indent,
            line,
            text,
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def heading(self, text: str, *, keep: float = 15) -> None:
        """A section heading that starts a new page unless `keep` mm fit below it."""
        if self.will_page_break(HEADING_SIZE * 0.5 + 3 + keep):
            self.add_page()
        self.ln(2)
        self.text_block(text, bold=True, size=HEADING_SIZE, color=HEADING, line=HEADING_SIZE * 0.5)
        self.ln(1)

    def labelled(self, label: str, text: str, *, indent: float = 0) -> None:
        """'Label: text' with the label in bold, wrapping under the label's start."""
        self.set_x(self.l_margin + indent)
        self.set_text_color(*INK)
        self.set_font(FONT, "B", BODY_SIZE)
        label_width = self.get_string_width(f"{label}: ") + 0.5
        self.cell(label_width, BODY_LINE, f"{label}: ")
        self.set_font(FONT, "", BODY_SIZE)
        self.multi_cell(
            self.epw - indent - label_width,
            BODY_LINE,
            text,
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def bullets(
        self, items: Iterable[str], *, indent: float = 0, width: float | None = None
    ) -> None:
        self.set_font(FONT, "", BODY_SIZE)
        self.set_text_color(*INK)
        for item in items:
            self.set_x(self.l_margin + indent)
            self.cell(4, BODY_LINE, "•")
            self.multi_cell(
                (width or self.epw - indent) - 4,
                BODY_LINE,
                item,
                align="L",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )

    def grid(
        self,
        headings: tuple[str, ...],
        rows: Iterable[tuple[str, ...]],
        col_widths: tuple[float, ...],
        *,
        bold_first_column: bool = False,
    ) -> None:
        self.set_font(FONT, "", 8.5)
        self.set_text_color(*INK)
        self.set_draw_color(*MUTED)
        self.set_fill_color(255, 255, 255)
        first_column = FontFace(emphasis="BOLD") if bold_first_column else None
        with self.table(
            col_widths=col_widths,
            text_align="LEFT",
            line_height=4.0,
            padding=(1, 1.5),
            headings_style=FontFace(emphasis="BOLD", fill_color=SHADE),
            cell_fill_mode=TableCellFillMode.NONE,
            width=self.epw,
        ) as table:
            table.row(headings)
            for values in rows:
                row = table.row()
                for column, value in enumerate(values):
                    row.cell(value, style=first_column if column == 0 else None)
        self.ln(2)


# --- Sections ---------------------------------------------------------------------------------


def _title(pdf: _SummaryPdf) -> None:
    pdf.text_block(TITLE, bold=True, size=15, color=HEADING, line=7)
    pdf.ln(1)


def _urgent(pdf: _SummaryPdf, result: ScreeningResult, book: RuleBook) -> None:
    """The "seek care now" banner: a red box, kept whole on one page, above everything else."""
    pad = 3.0
    inner = pdf.epw - 2 * pad
    bullet = 4.0
    wording = book.safety.urgent.at(result.urgency or Urgency.NOW)
    heading = f"⚠ {_plain(wording.heading)}"
    generic = _plain(wording.text)
    flags = [
        f"{_plain(flag.text)} (Because of: {', '.join(book.label(f) for f in flag.findings)}.)"
        for flag in result.red_flags
    ]
    height = (
        2 * pad
        + pdf.measure(heading, width=inner, bold=True, size=12, line=6)
        + 1
        + pdf.measure(generic, width=inner, bold=True)
        + sum(pdf.measure(text, width=inner - bullet) for text in flags)
    )
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


def _provenance(pdf: _SummaryPdf, stamp: BookStamp, book: RuleBook, generated: str) -> None:
    pdf.labelled("Generated", generated)
    pdf.labelled("Rule book", f"{stamp.title}, version {stamp.version}, {review_text(stamp)}")
    pdf.labelled("Content hash (SHA-256)", stamp.content_hash)


def _joined(labels: Iterable[str]) -> str:
    return "; ".join(labels) or NONE_ENTERED


def _input_rows(profile: Profile, book: RuleBook) -> list[tuple[str, str]]:
    entered = set(profile.findings)
    rows = [
        (f"Findings: {system.label}", _joined(f.label for f in system.findings if f.id in entered))
        for system in book.systems
        if any(f.id in entered for f in system.findings)
    ]
    if not rows:
        rows.append(("Findings", NONE_ENTERED))
    cancers = (book.cancer_by_id[c] for c in profile.cancers)
    rows += [
        ("Known cancers", _joined(f"{c.label} (ICD-10 {c.icd10})" for c in cancers)),
        ("Antibodies", _joined(book.label(a) for a in profile.antibodies)),
    ]
    if not profile.labs:
        rows.append(("Lab values", NONE_ENTERED))
    rows += [
        ("Age band", profile.age_band.value if profile.age_band else NOT_GIVEN),
        ("Sex", profile.sex.value if profile.sex else NOT_GIVEN),
        (
            "Follow-up without a cancer found",
            FOLLOW_UP_WORDS[profile.follow_up] if profile.follow_up else NOT_GIVEN,
        ),
    ]
    return rows


def _derived_text(label: str, rule: str) -> str:
    # Most finding labels already state their cut-off; repeat the rule only when they do not.
    return label if rule in label else f"{label} (rule: {rule})"


def _lab_row(lab: LabValue, result: ScreeningResult, book: RuleBook) -> tuple[str, ...]:
    analyte = book.lab_by_id[lab.analyte]
    converted = lab.value * (analyte.factor_for(lab.unit) or 1.0)
    derived = [d for d in result.derived_findings if d.analyte == lab.analyte]
    gives = "; ".join(_derived_text(book.label(d.finding), d.rule) for d in derived)
    return (
        analyte.label,
        f"{_number(lab.value)} {lab.unit}",
        f"{_number(round(converted, 4))} {analyte.unit}",
        gives or "no finding: no threshold crossed",
    )


def _inputs(pdf: _SummaryPdf, result: ScreeningResult, book: RuleBook) -> None:
    pdf.heading("What was entered")
    pdf.grid(
        ("Input", "Entered"),
        _input_rows(result.profile, book),
        (0.3, 0.7),
        bold_first_column=True,
    )
    if result.profile.labs:
        pdf.grid(
            ("Lab", "Entered", "In the rule book's unit", "Finding it gives"),
            (_lab_row(lab, result, book) for lab in result.profile.labs),
            (0.2, 0.17, 0.2, 0.43),
            bold_first_column=True,
        )


def _pns_care(pdf: _SummaryPdf, score: PnsCareScore, *, with_note: bool) -> None:
    if pdf.will_page_break(30):
        pdf.add_page()
    pdf.ln(1)
    pdf.text_block("PNS-Care score (2021 criteria), shown to teach the arithmetic", bold=True)
    pdf.grid(
        ("Level", "Points", "Why"),
        (
            *((item.level, str(item.points), _plain(item.explanation)) for item in score.items),
            ("Total", str(score.total), f"{score.level} ({_plain(score.level_explanation)})"),
        ),
        (0.14, 0.1, 0.76),
    )
    if with_note:
        pdf.text_block(
            _plain(score.note), size=SMALL_SIZE + 0.5, color=MUTED, line=SMALL_LINE + 0.2
        )


def _pattern(
    pdf: _SummaryPdf,
    rank: int,
    match: PatternMatch,
    book: RuleBook,
    numbers: dict[str, int],
    *,
    pns_note: bool,
) -> None:
    syndrome = book.syndrome_by_id[match.syndrome]
    if pdf.will_page_break(KEEP_TOGETHER):
        pdf.add_page()
    pdf.ln(2)
    pdf.text_block(
        f"{rank}. {_plain(book.safety.not_a_diagnosis_label)}: {match.name}",
        bold=True,
        size=11,
        color=HEADING,
        line=5.5,
    )
    pdf.text_block(
        f"{match.category.value.capitalize()} · rule '{match.syndrome}' ({match.status.value})",
        size=SMALL_SIZE + 0.5,
        color=MUTED,
        line=SMALL_LINE + 0.5,
    )
    tier_color = HEADING if match.tier == Tier.STRONG else INK
    pdf.text_block(TIER_WORDS[match.tier], bold=True, color=tier_color)
    pdf.text_block(_plain(syndrome.summary))
    pdf.ln(1)
    pdf.text_block("Why: the criteria, rule by rule", bold=True)
    for line in trace_lines(match.trace, book):
        pdf.text_block(
            line.text,
            indent=INDENT * (line.depth + 1),
            color=INK if line.met else MUTED,
        )
    pdf.text_block(missing_text(match, book), indent=INDENT)
    if match.cancer_context:
        pdf.labelled(
            "Cancer context",
            ", ".join(f"{book.label(c.cancer)} ({c.link})" for c in match.cancer_context),
        )
    if match.antibody_context:
        pdf.labelled("Antibody context", ", ".join(book.label(a) for a in match.antibody_context))
    if syndrome.mimics:
        pdf.labelled(
            "Mimics to rule out",
            "; ".join(_plain(book.mimic_by_id[m].name) for m in syndrome.mimics),
        )
    if syndrome.discuss:
        pdf.text_block("Questions to discuss with a physician", bold=True)
        pdf.bullets((_plain(q) for q in syndrome.discuss), indent=INDENT)
    pdf.labelled("Order in this list", score_text(match))
    if match.pns_care:
        _pns_care(pdf, match.pns_care, with_note=pns_note)
    sources = ", ".join(f"[{numbers[r]}]" for r in syndrome.references)
    pdf.labelled("References", f"{sources} (listed at the end)")


def _patterns(pdf: _SummaryPdf, result: ScreeningResult, book: RuleBook) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for match in result.matches:
        for ref in book.syndrome_by_id[match.syndrome].references:
            numbers.setdefault(ref, len(numbers) + 1)
    if result.no_pattern:
        pdf.heading(_plain(book.safety.no_pattern_heading))
        pdf.text_block(_plain(book.safety.no_pattern))
        return numbers
    count = len(result.matches)
    pdf.heading(f"Patterns the findings resemble ({count}, in order)", keep=KEEP_TOGETHER)
    first_scored = next((m.syndrome for m in result.matches if m.pns_care), None)
    for rank, match in enumerate(result.matches, start=1):
        # The PNS-Care note is the same for every pattern: print it under the first table only.
        _pattern(pdf, rank, match, book, numbers, pns_note=match.syndrome == first_scored)
    return numbers


def _associations(pdf: _SummaryPdf, result: ScreeningResult, book: RuleBook) -> None:
    if not result.associations:
        return
    pdf.heading("Known associations of the selected cancer or antibody")
    pdf.text_block(
        "These syndromes are linked to what was selected, but their pattern is not present in "
        "the findings entered."
    )
    items = []
    for association in result.associations:
        via = [f"{book.label(c.cancer)} ({c.link})" for c in association.via_cancers]
        via += [book.label(a) for a in association.via_antibodies]
        items.append(f"{association.name} ({association.category.value}), via {', '.join(via)}")
    pdf.bullets(items)


def _citation(reference: Reference) -> str:
    parts = (reference.authors, reference.title, reference.source)
    text = ". ".join(_plain(p).rstrip(".") for p in parts) + f" ({reference.year})."
    if reference.status != Status.SOURCE_CHECKED:
        text += " Citation details await checking."
    return text


def _identifiers(reference: Reference) -> str:
    ids = []
    if reference.doi:
        ids.append(f"DOI {reference.doi}")
    if reference.pmid:
        ids.append(f"PMID {reference.pmid}")
    return "\n".join(ids)


def _references(pdf: _SummaryPdf, numbers: dict[str, int], book: RuleBook) -> None:
    if not numbers:
        return
    pdf.heading("References for the patterns shown")
    pdf.grid(
        ("#", "Reference", "DOI / PMID"),
        (
            (
                str(number),
                _citation(book.reference_by_id[ref]),
                _identifiers(book.reference_by_id[ref]),
            )
            for ref, number in numbers.items()
        ),
        (0.05, 0.6, 0.35),
    )


def render_pdf(
    result: ScreeningResult,
    book: RuleBook,
    *,
    page_size: str = "A4",
    generated_at: dt.datetime | None = None,
) -> bytes:
    """The screening as a PDF summary. `page_size` is "A4" or "Letter"; times are shown in UTC."""
    if page_size not in PAGE_SIZES:
        raise ValueError(f"page_size must be one of {', '.join(PAGE_SIZES)}, not {page_size!r}")
    when = generated_at or dt.datetime.now(dt.UTC)
    when = when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)
    generated = when.strftime("%Y-%m-%d %H:%M UTC")

    pdf = _SummaryPdf(page_size, book, result.book, generated)
    pdf.set_title(TITLE)
    pdf.set_lang("en")
    pdf.set_creation_date(when)
    pdf.add_page()
    _title(pdf)
    if result.urgent:
        _urgent(pdf, result, book)
    _provenance(pdf, result.book, book, generated)
    _inputs(pdf, result, book)
    numbers = _patterns(pdf, result, book)
    _associations(pdf, result, book)
    _references(pdf, numbers, book)
    return bytes(pdf.output())
