"""The PDF's own line breaking (fpdf2's costs the square of a line's length) breaks lines exactly
where fpdf2's `multi_cell` would, so a document looks the same, only sooner."""

from __future__ import annotations

import pytest
from fpdf.enums import MethodReturnValue
from hypothesis import given
from hypothesis import strategies as st

from screener.report.pdf_frame import FONT, FramedPdf

# Wide and narrow letters, symbols the rule book prints, doubled and closing spaces, newlines.
TEXT = st.text(alphabet="aiWM≥µé–.-/ \n", max_size=200)


@pytest.fixture(scope="module")
def pdf() -> FramedPdf:
    document = FramedPdf("A4", "Disclaimer.", "See a physician.", "Note.")
    document.add_page()
    return document


def _fpdf_lines(pdf: FramedPdf, text: str, width: float) -> list[str]:
    lines = pdf.multi_cell(width, 4, text, align="L", dry_run=True, output=MethodReturnValue.LINES)
    assert isinstance(lines, list)
    return [str(line) for line in lines]


@given(
    text=TEXT,
    width=st.floats(min_value=8, max_value=180),
    bold=st.booleans(),
    size=st.sampled_from([7.5, 9.0, 12.0, 15.0]),
)
def test_lines_break_where_fpdf2_breaks_them(
    pdf: FramedPdf, text: str, width: float, bold: bool, size: float
) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    assert pdf.wrap(text, width) == _fpdf_lines(pdf, text, width)


def test_a_word_longer_than_the_line_is_broken_inside_it(pdf: FramedPdf) -> None:
    pdf.set_font(FONT, "", 9)
    address = "https://doi.org/10.1000/" + "x" * 120
    lines = pdf.wrap(f"See {address} for more.", 60)
    assert "".join(lines).replace(" ", "") == f"See{address}formore."
    assert len(lines) > 3
    assert all(pdf.get_string_width(line) <= 60 - 2 * pdf.c_margin for line in lines)
