"""Two or three syndromes side by side (their illness scripts slot by slot, then their rules),
and the findings that separate them.

The separating findings are the engine's `Comparison`: the differential's own question, asked
before anything is entered.
"""

from __future__ import annotations

from collections.abc import Callable

from screener.models import SLOTS, Comparison, Frozen, Syndrome
from screener.present import teaching_words as teaching
from screener.present import words
from screener.present.criteria_words import rule_lines
from screener.present.frequency import frequency_cell
from screener.present.rule_view import RuleLineView
from screener.present.script_view import SLOT_HEADINGS, script_lines
from screener.rulebook import RuleBook

NONE_LISTED = "none listed"

Cell = tuple[RuleLineView, ...]


class CompareColumn(Frozen):
    id: str
    name: str
    category: str


class CompareRow(Frozen):
    """One aspect of every syndrome compared: a heading, then one cell per column. A cell of
    one line is a sentence; more lines are a list, nested by depth."""

    heading: str
    cells: tuple[Cell, ...]


class SeparatingRow(Frozen):
    finding: str
    effects: tuple[str, ...]
    """One entry per column, in column order: what the finding does to it ('' for nothing)."""


class CompareView(Frozen):
    columns: tuple[CompareColumn, ...]
    rows: tuple[CompareRow, ...]
    separating_heading: str
    separating_note: str
    separating: tuple[SeparatingRow, ...]


def _line(text: str) -> Cell:
    return (RuleLineView(depth=0, text=text),)


def _list(texts: list[str]) -> Cell:
    return tuple(RuleLineView(depth=0, text=t) for t in texts) or _line(NONE_LISTED)


def _aspects(book: RuleBook) -> dict[str, Callable[[Syndrome], Cell]]:
    """Each aspect compared, and how to put it in words for one syndrome."""

    def cancers(ids: tuple[str, ...]) -> Cell:
        return _line(words.joined((book.label("cancer", c) for c in ids), NONE_LISTED))

    def criteria(syndrome: Syndrome) -> Cell:
        lines = rule_lines(syndrome.criteria, book)
        return tuple(RuleLineView(depth=line.depth, text=line.text) for line in lines)

    def red_flags(syndrome: Syndrome) -> Cell:
        flags = [book.red_flag_by_id[f] for f in syndrome.red_flags]
        return _list([f"{f.text} (urgency: {words.URGENCY[f.urgency]})" for f in flags])

    return {
        "Criteria in words": criteria,
        "Reported cancers": lambda s: cancers(s.cancers.reported),
        "Red flags": red_flags,
    }


def _script_rows(comparison: Comparison, book: RuleBook) -> list[CompareRow]:
    """The illness scripts side by side, slot by slot (who, time course … treatment)."""
    slots = [script_lines(script, book) for script in comparison.scripts]
    return [
        CompareRow(
            heading=SLOT_HEADINGS[slot],
            cells=tuple(
                _line(lines[slot][0]) if len(lines[slot]) == 1 else _list(list(lines[slot]))
                for lines in slots
            ),
        )
        for slot in SLOTS
    ]


def _separating(
    comparison: Comparison, syndromes: list[Syndrome], book: RuleBook
) -> list[SeparatingRow]:
    """Every separating finding: a learner comparing patterns may need any of them (the table
    scrolls)."""
    rows = []
    for question in comparison.separating:
        by_syndrome = {e.syndrome: e for e in question.effects}
        effects = []
        for syndrome in syndromes:
            effect = by_syndrome.get(syndrome.id)
            text = words.EFFECT[effect.effect].short if effect else ""
            if effect is not None and effect.mimic is not None:
                text += f" ({book.label('mimic', effect.mimic)})"
            if effect is not None and effect.frequency is not None:
                text += frequency_cell(effect.frequency, book)
            effects.append(text)
        rows.append(
            SeparatingRow(finding=book.label("finding", question.finding), effects=tuple(effects))
        )
    return rows


def compare_view(comparison: Comparison, book: RuleBook) -> CompareView:
    """The syndromes of `comparison` side by side, with the findings that separate them."""
    syndromes = [book.syndrome_by_id[s] for s in comparison.syndromes]
    rows = _separating(comparison, syndromes, book)
    return CompareView(
        columns=tuple(
            CompareColumn(id=s.id, name=s.name, category=words.CATEGORY[s.category])
            for s in syndromes
        ),
        rows=(
            CompareRow(heading="Summary", cells=tuple(_line(s.summary) for s in syndromes)),
            *_script_rows(comparison, book),
            *(
                CompareRow(heading=heading, cells=tuple(cell(s) for s in syndromes))
                for heading, cell in _aspects(book).items()
            ),
        ),
        separating_heading=teaching.HEADINGS["compare_separating"],
        separating_note=teaching.COMPARE_NOTE,
        separating=tuple(rows),
    )
