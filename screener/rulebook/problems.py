"""A located problem in the rule book, and the error that carries every problem found."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from screener.errors import ScreenerError
from screener.rulebook.checks import BY_CODE, Level


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str
    item_id: str | None = None
    field: str | None = None
    code: str | None = None
    """The check it fails (`screener.rulebook.checks`); None for a file that cannot be read."""

    @property
    def level(self) -> Level:
        return BY_CODE[self.code].level if self.code else "error"

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.item_id:
            parts.append(f"id '{self.item_id}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        check = f"{self.code} {self.level}: " if self.code else ""
        return ": ".join(parts) + f": {check}{self.message}"


class RuleBookError(ScreenerError):
    """The rule book could not be loaded. `problems` lists every located problem found."""

    def __init__(self, problems: Iterable[Problem], what: str = "The rule book") -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        heading = f"{what} has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([heading, *(f"  {p}" for p in self.problems)]))
