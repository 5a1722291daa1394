"""The differential in words: which findings to ask about next, and what each would do to each
pattern compared. One view for the Screen page, a staged case's stages and the PDF."""

from __future__ import annotations

from screener.models import Differential, Frozen, NextQuestion
from screener.present import words
from screener.present.frequency import frequency_note
from screener.rulebook import RuleBook


class QuestionView(Frozen):
    finding_id: str
    finding: str
    """The finding's label."""
    effects: tuple[str, ...]
    """What it would do, pattern by pattern, e.g. 'would complete Lambert-Eaton …'."""
    unmoved: str | None
    """The compared patterns it would not move, in words, or None if it moves them all."""

    @property
    def text(self) -> str:
        return "; ".join([*self.effects, *([self.unmoved] if self.unmoved else [])])


class DifferentialView(Frozen):
    heading: str
    intro: str
    compared: str
    questions: tuple[QuestionView, ...]
    empty: str | None
    """Said instead of questions when there are none."""


def question_view(
    question: NextQuestion, compared: tuple[str, ...], book: RuleBook
) -> QuestionView:
    effects = []
    for effect in question.effects:
        pattern = book.label("syndrome", effect.syndrome)
        mimic = book.label("mimic", effect.mimic) if effect.mimic else ""
        sentence = words.EFFECT[effect.effect].sentence.format(pattern=pattern, mimic=mimic)
        if effect.frequency is not None:
            sentence += frequency_note(effect.frequency, book)
        effects.append(sentence)
    moved = {effect.syndrome for effect in question.effects}
    unmoved = [book.label("syndrome", s) for s in compared if s not in moved]
    return QuestionView(
        finding_id=question.finding,
        finding=book.label("finding", question.finding),
        effects=tuple(effects),
        unmoved=words.UNMOVED.format(patterns=", ".join(unmoved)) if unmoved else None,
    )


def differential_view(found: Differential, book: RuleBook) -> DifferentialView | None:
    """The differential in words; None when no pattern shows, so there is nothing to separate."""
    if not found.syndromes:
        return None
    names = ", ".join(
        f"{rank}. {book.label('syndrome', s)}" for rank, s in enumerate(found.syndromes, start=1)
    )
    return DifferentialView(
        heading=words.DIFFERENTIAL_HEADING,
        intro=words.DIFFERENTIAL_INTRO,
        compared=words.COMPARED.format(patterns=names),
        questions=tuple(question_view(q, found.syndromes, book) for q in found.questions),
        empty=None if found.questions else words.NO_QUESTIONS,
    )
