"""Every CSV the app writes: a cell a spreadsheet would run as a formula is written behind a
single quote (OWASP's advice), so it shows as its text; anything else is written as it is."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from screener.report.csv_table import FORMULA_STARTS, render_csv

CELL = st.text(max_size=20) | st.sampled_from(FORMULA_STARTS).map(lambda s: s + "cmd|' /C calc'!A0")


def read_back(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@given(st.lists(CELL, min_size=1, max_size=4), st.lists(st.lists(CELL, min_size=4, max_size=4)))
def test_no_cell_starts_a_formula_and_every_cell_reads_back_as_written(
    header: list[str], rows: list[list[str]]
) -> None:
    written = [header, *(row[: len(header)] for row in rows)]
    read = read_back(render_csv(written[0], written[1:]))
    assert read == [
        [f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell for cell in row] for row in written
    ]
    assert not [cell for row in read for cell in row if cell.startswith(FORMULA_STARTS)]


def test_each_character_a_spreadsheet_reads_as_a_formula_is_neutralised() -> None:
    cells = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "a=1", "1-2"]
    assert read_back(render_csv(["h"] * len(cells), [cells]))[1] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "a=1",
        "1-2",
    ]


def test_numbers_are_written_as_numbers() -> None:
    assert read_back(render_csv(["value"], [[-3], [1.5]])) == [["value"], ["-3"], ["1.5"]]
