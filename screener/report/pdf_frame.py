"""The page frame every PDF shares: the disclaimer in the header and the see-a-physician prompt
with "Page n of N" in the footer of every page, and the writing helpers its sections use.

The DejaVu Sans fonts ship in `screener/fonts/`, so every character the rule book uses (≥, –, é,
µ, ×10⁹) prints the same on any machine; text they cannot print as written is refused before it
reaches a PDF (`screener.rulebook.printable`). Text is printed as plain text: Markdown emphasis is
dropped and nothing is read as HTML or as fpdf2 markup. fpdf2 replaces the total-page alias in
all text as the document closes, so the frame uses an alias no other text can contain; and no
text, however long, is too high for a page: a table row that would be is split over several.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from fpdf import FPDF, FontFace
from fpdf.enums import TableCellFillMode, XPos, YPos
from fpdf.util import FloatTolerance

from screener.present.words import PAGE_SIZES
from screener.rulebook.printable import FONT_FILES

FONT = "DejaVuSans"

MARGIN = 15.0
BODY_SIZE = 9.0
BODY_LINE = 4.4
SMALL_SIZE = 7.5
SMALL_LINE = 3.5
HEADING_SIZE = 12.0
INDENT = 5.0
FRAME_PAD = 1.8

INK = (20, 20, 20)
MUTED = (85, 85, 85)
HEADING = (25, 55, 95)
URGENT = (170, 0, 0)
URGENT_FILL = (253, 236, 236)
SHADE = (238, 241, 245)

PAGE_COUNT = "{\ue000}"
"""fpdf2's alias for the number of pages (it reserves the width of one digit per character):
it holds a private-use character that `normalize_text` removes from every other text, where the
default `{nb}` could be written in a rule."""
_PAGE_COUNT_MARK = PAGE_COUNT[1]
PAGE_BODY_SHARE = 0.8
"""A table row may take at most this share of a page's body; a higher one is split."""
TABLE_LINE = 4.0
TABLE_PADDING = (1.0, 1.5)
TABLE_SIZE = 8.5

_EMPHASIS = re.compile(r"\*\*|__")


def plain(text: str) -> str:
    """Text as plain words: Markdown bold markers dropped, whitespace collapsed."""
    return " ".join(_EMPHASIS.sub("", text).split())


def check_page_size(page_size: str) -> None:
    if page_size not in PAGE_SIZES:
        raise ValueError(f"page_size must be one of {', '.join(PAGE_SIZES)}, not {page_size!r}")


class FramedPdf(FPDF):
    """An FPDF page frame with the safety text in the header and footer of every page."""

    def __init__(
        self, page_size: str, disclaimer: str, see_a_physician: str, footer_note: str
    ) -> None:
        super().__init__(orientation="portrait", unit="mm", format=page_size)
        for style, path in FONT_FILES.items():
            self.add_font(FONT, style, path)
        self.set_margins(MARGIN, 10, MARGIN)
        self.disclaimer = plain(disclaimer)
        self.see_a_physician = plain(see_a_physician)
        self.footer_note = plain(footer_note)
        self.disclaimer_lines: list[str] = []
        self.prompt_lines: list[str] = []
        self.note_lines: list[str] = []
        self.footer_height = 0.0
        self.body_top = 0.0
        self._writing_page_count = False
        self._widths: dict[tuple[str, str, float, str], float] = {}
        self.alias_nb_pages(PAGE_COUNT)

    def normalize_text(self, text: str) -> str:
        # Every text fpdf2 prints or measures passes here: only the footer may hold the alias.
        if not self._writing_page_count:
            text = text.replace(_PAGE_COUNT_MARK, "")
        return super().normalize_text(text)

    @property
    def body_height(self) -> float:
        """Height (mm) a page leaves between the header and the footer."""
        return self.page_break_trigger - self.body_top

    def wrap(self, text: str, width: float) -> list[str]:
        """`text` in the current font as the lines a `width` mm wide cell holds, broken as
        `multi_cell` breaks them: at a space, or inside a word too long for a whole line, and at
        every newline. (fpdf2 also breaks at rarer spaces, such as a thin space, and at a soft
        hyphen; here those stay inside their word, which still breaks where the line ends.)

        fpdf2's own line breaking re-measures the whole line for every character it adds, so it
        costs the square of the line's length: a class's key took 2.5 s. Here each word is
        measured once, and widths add up, as they do in a font without shaping."""
        room = width - 2 * self.c_margin
        lines: list[str] = []
        paragraphs = text.split("\n")
        for number, paragraph in enumerate(paragraphs, start=1):
            open_line = self._fill(paragraph, room, lines)
            # A newline ends its line, even an empty one; the end of the text ends only a line
            # with something on it.
            if open_line or number < len(paragraphs):
                lines.append(open_line)
        return lines or [""]

    def _fill(self, paragraph: str, room: float, lines: list[str]) -> str:
        """Add the full lines of `paragraph` to `lines`; return the line still open at its end."""
        space = self._width(" ")
        line, used = "", 0.0
        for index, word in enumerate(paragraph.split(" ")):
            size = self._width(word)
            if index and not FloatTolerance.greater_than(used + space + size, room):
                line, used = f"{line} {word}", used + space + size
                continue
            if index:
                lines.append(line)
            line, used = word, size
            while FloatTolerance.greater_than(used, room) and len(line) > 1:
                cut = self._characters_that_fit(line, room)
                lines.append(line[:cut])
                line = line[cut:]
                used = self._width(line)
        return line

    def _width(self, text: str) -> float:
        # The same words come back all through a document, and fpdf2 measures slowly.
        key = (self.font_family, self.font_style, self.font_size_pt, text)
        if key not in self._widths:
            self._widths[key] = self.get_string_width(text)
        return self._widths[key]

    def _characters_that_fit(self, word: str, room: float) -> int:
        used = 0.0
        for index, character in enumerate(word):
            used += self._width(character)
            if FloatTolerance.greater_than(used, room):
                return max(index, 1)
        return len(word)

    def _prepare_frame(self) -> None:
        # The frame's text is wrapped once, not on every page: the first header does it, before
        # any body text, and reserves the footer's space.
        self.set_font(FONT, "B", SMALL_SIZE)
        self.disclaimer_lines = self.wrap(self.disclaimer, self.epw - 2 * FRAME_PAD)
        self.prompt_lines = self.wrap(self.see_a_physician, self.epw)
        # The note (the book's title and hash) wraps beside "Page n of N", never over it.
        self.set_font(FONT, "", SMALL_SIZE)
        page_label = self.get_string_width("Page 9999 of 9999") + 2
        self.note_lines = self.wrap(self.footer_note, self.epw - page_label)
        lines = len(self.prompt_lines) + len(self.note_lines)
        self.footer_height = 2 + SMALL_LINE * lines + 8
        self.set_auto_page_break(True, margin=self.footer_height + 3)

    def _lines(
        self, lines: list[str], indent: float = 0, *, width: float = 0, height: float = SMALL_LINE
    ) -> None:
        """Print wrapped lines one under the other, each starting `indent` mm in (on a new page
        too: fpdf2 keeps the column when a line breaks the page)."""
        for line in lines:
            self.set_x(self.l_margin + indent)
            self.cell(width, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

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
        self.body_top = self.get_y()

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
        first_note_line = self.get_y()
        self._lines(self.note_lines)
        self.set_xy(self.l_margin, first_note_line)
        self._writing_page_count = True
        try:
            self.cell(0, SMALL_LINE, f"Page {self.page_no()} of {PAGE_COUNT}", align="R")
        finally:
            self._writing_page_count = False

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
        return line * len(self.wrap(text, width))

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
        width = width or self.epw - indent
        self._lines(self.wrap(text, width), indent, width=width, height=line)

    def heading(self, text: str, *, keep: float = 15) -> None:
        """A section heading that starts a new page unless `keep` mm fit below it."""
        if self.will_page_break(HEADING_SIZE * 0.5 + 3 + keep):
            self.add_page()
        self.ln(2)
        self.text_block(text, bold=True, size=HEADING_SIZE, color=HEADING, line=HEADING_SIZE * 0.5)
        self.ln(1)

    def labelled(self, label: str, text: str, *, indent: float = 0) -> None:
        """'Label: text' with the label in bold, wrapping under the label's start (or, for a label
        wider than half the line, above the text)."""
        self.set_x(self.l_margin + indent)
        self.set_text_color(*INK)
        self.set_font(FONT, "B", BODY_SIZE)
        label_width = self.get_string_width(f"{label}: ") + 0.5
        if label_width > (self.epw - indent) / 2:
            self.text_block(f"{label}:", indent=indent, bold=True)
            self.text_block(text, indent=indent)
            return
        self.cell(label_width, BODY_LINE, f"{label}: ")
        self.text_block(text, indent=indent + label_width)

    def bullets(
        self, items: Iterable[str], *, indent: float = 0, width: float | None = None
    ) -> None:
        for item in items:
            self.set_font(FONT, "", BODY_SIZE)
            self.set_text_color(*INK)
            self.set_x(self.l_margin + indent)
            self.cell(4, BODY_LINE, "•")
            self.text_block(item, indent=indent + 4, width=(width or self.epw - indent) - 4)

    def grid(
        self,
        headings: tuple[str, ...],
        rows: Iterable[tuple[str, ...]],
        col_widths: tuple[float, ...],
        *,
        bold_first_column: bool = False,
    ) -> None:
        self.set_text_color(*INK)
        self.set_draw_color(*MUTED)
        self.set_fill_color(255, 255, 255)
        first_column = FontFace(emphasis="BOLD") if bold_first_column else None
        widths = [self.epw * share / sum(col_widths) for share in col_widths]
        fitted = [
            part
            for values in rows
            for part in self._rows_that_fit(values, widths, bold_first_column=bold_first_column)
        ]
        self.set_font(FONT, "", TABLE_SIZE)
        with self.table(
            col_widths=col_widths,
            text_align="LEFT",
            line_height=TABLE_LINE,
            padding=TABLE_PADDING,
            headings_style=FontFace(emphasis="BOLD", fill_color=SHADE),
            cell_fill_mode=TableCellFillMode.NONE,
            width=self.epw,
        ) as table:
            table.row(headings)
            for values in fitted:
                row = table.row()
                for column, value in enumerate(values):
                    row.cell(value, style=first_column if column == 0 else None)
        self.ln(2)

    def _rows_that_fit(
        self, values: tuple[str, ...], widths: list[float], *, bold_first_column: bool
    ) -> list[tuple[str, ...]]:
        """`values` as one table row, or as several if one row would be higher than a page can
        hold (fpdf2 cannot break a row across pages): each part holds the next lines of each
        cell, wrapped as the table wraps them."""
        inner = TABLE_PADDING[1] * 2 + 2 * self.c_margin
        most_lines = max(1, int(self.body_height * PAGE_BODY_SHARE / TABLE_LINE) - 4)
        cells = []
        for column, (value, width) in enumerate(zip(values, widths, strict=True)):
            self.set_font(FONT, "B" if bold_first_column and column == 0 else "", TABLE_SIZE)
            cells.append(self.wrap(value, width - inner))
        tallest = max(len(lines) for lines in cells)
        if tallest <= most_lines:
            return [values]
        return [
            tuple("\n".join(lines[start : start + most_lines]) for lines in cells)
            for start in range(0, tallest, most_lines)
        ]


def _stamp(when: dt.datetime | None) -> tuple[dt.datetime, str]:
    moment = when or dt.datetime.now(dt.UTC)
    moment = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
    return moment, moment.strftime("%Y-%m-%d %H:%M UTC")


def framed_document(
    title: str, disclaimer: str, prompt: str, note: str, page_size: str, when: dt.datetime | None
) -> FramedPdf:
    """A framed PDF with its title, language and creation time set (now, unless `when`)."""
    check_page_size(page_size)
    moment, generated = _stamp(when)
    pdf = FramedPdf(page_size, disclaimer, prompt, f"{note} · generated {generated}")
    pdf.set_title(title)
    pdf.set_lang("en")
    pdf.set_creation_date(moment)
    return pdf
