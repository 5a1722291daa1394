"""A table as CSV that a spreadsheet opens as text: a cell that would start a formula (its first
character one of = + - @, a tab or a carriage return) is written with a leading apostrophe, so
a syndrome, a finding or anything else from a rule file or a case pack can never run as one
(OWASP's advice on CSV injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(cell: str) -> str:
    """The cell as a spreadsheet should read it: as text, never as a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def csv_bytes(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8 CSV with a header row; every cell neutralised."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutral(c) for c in columns])
    writer.writerows([neutral(c) for c in row] for row in rows)
    return out.getvalue().encode("utf-8")
