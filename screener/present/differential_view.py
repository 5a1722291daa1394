"""The differential in words: which findings not yet entered would separate the leading
patterns, and what each would do to each pattern."""

from __future__ import annotations

from screener.engine.differential import Differential, NextQuestion
from screener.models import Frozen
from screener.present import teaching_words as words
from screener.rulebook import RuleBook


class QuestionView(Frozen):
    finding: str
    effects: tuple[str, ...]
    """One sentence per pattern it moves, e.g. 'Myasthenia gravis: would complete its criteria'."""


class DifferentialView(Frozen):
    heading: str
    intro: str
    questions: tuple[QuestionView, ...]
    empty: str | None
    """Said instead of questions when there are none."""


def effect_sentences(question: NextQuestion, book: RuleBook) -> tuple[str, ...]:
    sentences = []
    for effect in question.effects:
        text = f"{book.label('syndrome', effect.syndrome)}: {words.EFFECT[effect.effect]}"
        if effect.mimic is not None:
            text += f" ({book.label('mimic', effect.mimic)})"
        sentences.append(text)
    return tuple(sentences)


def differential_view(differential: Differential, book: RuleBook) -> DifferentialView | None:
    """None when no pattern shows, so there is nothing to separate."""
    if not differential.syndromes:
        return None
    return DifferentialView(
        heading=words.HEADINGS["differential"],
        intro=words.DIFFERENTIAL_INTRO,
        questions=tuple(
            QuestionView(
                finding=book.label("finding", q.finding), effects=effect_sentences(q, book)
            )
            for q in differential.questions
        ),
        empty=None if differential.questions else words.NO_QUESTIONS,
    )
