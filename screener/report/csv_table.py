"""Every CSV the app or the command line writes is written here.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
before one) as a formula, so text from a rule book or a teacher's case pack could open an
address or run a command on the reader's machine (`=HYPERLINK(…)`). As OWASP advises, such a
cell is written behind a single quote, which the spreadsheet shows as text and does not run.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float


def spreadsheet_safe(cell: Cell) -> Cell:
    """`cell` as a spreadsheet should show it: text that would start a formula, quoted. A number
    is never a formula, so a negative one stays a number."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return f"'{cell}"
    return cell


def render_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """A CSV table (RFC 4180: quoted where needed, CRLF line ends) with every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in (header, *rows):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue()
