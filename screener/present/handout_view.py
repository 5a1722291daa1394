"""Class handouts in words: the students' sheets (each case stage by stage, with prompts and
room to write, and no answers) and the teacher's key (answers, what each stage shows first, the
reasoning at the last stage, teaching points and references).

The two are separate views built from separate functions, so nothing of the key can reach a
student's sheet by accident: `HandoutView` has no field that could hold an answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from screener.models import CaseScreening, Frozen, TeachingCase
from screener.present import teaching_words as teaching
from screener.present import words
from screener.present.stage_view import about_line, fact_lines, stage_label, stage_text
from screener.present.view import (
    Line,
    ReferenceView,
    TraceLine,
    card_view,
    reference_view,
)
from screener.rulebook import RuleBook

WRITING_LINES = 4
"""Ruled lines left under each prompt."""


class HandoutStage(Frozen):
    heading: str
    text: str
    facts: tuple[Line, ...]
    prompts: tuple[str, ...]


class HandoutCase(Frozen):
    heading: str
    """'Case 3: Three weeks of unsteadiness…'."""
    about: str
    stages: tuple[HandoutStage, ...]


class HandoutView(Frozen):
    title: str
    disclaimer: str
    see_a_physician: str
    instructions: str
    book: str
    writing_lines: int
    cases: tuple[HandoutCase, ...]


class KeyCase(Frozen):
    heading: str
    answer: str
    """'Pattern: Lambert-Eaton myasthenic syndrome (Neurologic)'."""
    summary: str
    stage_tops: tuple[Line, ...]
    trace: tuple[TraceLine, ...]
    missing: str
    ordering: str
    mimics: str
    teaching_points: tuple[str, ...]
    references: tuple[ReferenceView, ...]


class KeyView(Frozen):
    title: str
    disclaimer: str
    see_a_physician: str
    intro: str
    book: str
    cases: tuple[KeyCase, ...]


def book_line(book: RuleBook) -> str:
    return f"Rule book {book.info.version} ({book.content_hash[:12]})"


def _heading(number: int, case: TeachingCase) -> str:
    return f"Case {number}: {case.title}"


def handout_view(cases: Sequence[TeachingCase], book: RuleBook) -> HandoutView:
    """The students' sheets for `cases`, in the order given."""
    sheets = []
    for number, case in enumerate(cases, start=1):
        count = len(case.stage_profiles)
        additions = [case, *case.stages]
        sheets.append(
            HandoutCase(
                heading=_heading(number, case),
                about=about_line(case),
                stages=tuple(
                    HandoutStage(
                        heading=teaching.stage_title(i, count, stage_label(case, i)),
                        text=stage_text(case, i),
                        facts=fact_lines(added, book),
                        prompts=teaching.HANDOUT_PROMPTS
                        if i < count - 1
                        else (*teaching.HANDOUT_PROMPTS[:1], teaching.FINAL_PROMPT),
                    )
                    for i, added in enumerate(additions)
                ),
            )
        )
    return HandoutView(
        title=teaching.HEADINGS["handout"],
        disclaimer=book.safety.disclaimer,
        see_a_physician=book.safety.see_a_physician,
        instructions=teaching.HANDOUT_INSTRUCTIONS,
        book=book_line(book),
        writing_lines=WRITING_LINES,
        cases=tuple(sheets),
    )


def _key_case(number: int, case: TeachingCase, screening: CaseScreening, book: RuleBook) -> KeyCase:
    syndrome = book.syndrome_by_id[case.answer]
    screenings = screening.stages
    count = len(screenings)
    stage_tops = []
    for stage in screenings:
        matches = stage.result.matches
        shown = (
            f"{matches[0].name} ({words.TIER_SHORT[matches[0].tier]}, "
            f"{words.number(matches[0].score)} {words.ORDERING_NOTE})"
            if matches
            else teaching.NO_PATTERN_YET
        )
        label = teaching.stage_title(stage.index, count, stage_label(case, stage.index))
        stage_tops.append(Line(label=label, text=f"shows first: {shown}"))
    final = screenings[-1].result
    found = next(
        ((i, m) for i, m in enumerate(final.matches, start=1) if m.syndrome == case.answer), None
    )
    if found is None:
        raise ValueError(f"case '{case.id}' does not show its answer at its last stage")
    card = card_view(*found, book)
    return KeyCase(
        heading=_heading(number, case),
        answer=f"Pattern: {syndrome.name} ({words.CATEGORY[syndrome.category]})",
        summary=syndrome.summary,
        stage_tops=tuple(stage_tops),
        trace=card.trace,
        missing=card.missing,
        ordering=card.ordering,
        mimics=", ".join(m.name for m in card.mimics) or "none listed",
        teaching_points=case.teaching_points,
        references=tuple(
            reference_view(book.reference_by_id[r]) for r in book.syndrome_references[syndrome.id]
        ),
    )


def key_view(cases: Sequence[tuple[TeachingCase, CaseScreening]], book: RuleBook) -> KeyView:
    """The teacher's key for `cases` (each with the engine's screening of it, `screen_case`),
    numbered as on the students' sheets.

    Every case must show its answer at its last stage (`screener validate` checks the rule
    book's cases and a case pack's alike); a case that does not raises ValueError.
    """
    return KeyView(
        title=teaching.HEADINGS["key"],
        disclaimer=book.safety.disclaimer,
        see_a_physician=book.safety.see_a_physician,
        intro=teaching.KEY_INTRO,
        book=book_line(book),
        cases=tuple(
            _key_case(n, case, screening, book)
            for n, (case, screening) in enumerate(cases, start=1)
        ),
    )
