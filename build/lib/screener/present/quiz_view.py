"""Staged teaching cases as a quiz for a learning system: one question per stage, "which pattern
now?", in words. The GIFT (Moodle) and QTI (Canvas) files are written from this view
(`screener.report.quiz`), so both say the same.

Each question tells the case as far as its stage (the presentation and every stage up to it), so
it stands on its own when the learning system shuffles questions. The correct answer is the
pattern the case says its stage shows first (its `top`, which `screener validate` checks against
the screener), or "no specific pattern" while none shows. The distractors are the stage's
look-alikes: the other patterns the screener lists at that stage, then the mimics of the answer,
the ones to think of first first. The feedback says what the screener shows first and why it
matters; the last stage's feedback gives the case's teaching points.
"""

from __future__ import annotations

from collections.abc import Sequence

from screener.models import CaseScreening, Frozen, ScreeningResult, TeachingCase
from screener.present import teaching_words as teaching
from screener.rulebook import RuleBook

MAX_DISTRACTORS = 4
QUESTION = "Which pattern does the screener show first now?"


class QuizChoice(Frozen):
    text: str
    correct: bool


class QuizQuestion(Frozen):
    name: str
    """e.g. 'Tender veins that keep moving: stage 2 of 3 (Imaging)'."""
    story: tuple[tuple[str, str], ...]
    """(stage name, its text), from the presentation to this stage."""
    question: str
    choices: tuple[QuizChoice, ...]
    """The correct answer first; a learning system shuffles them."""
    feedback: tuple[str, ...]


class QuizView(Frozen):
    title: str
    description: tuple[str, ...]
    """The disclaimer and the see-a-physician prompt, then what the quiz is."""
    questions: tuple[QuizQuestion, ...]


def quiz_view(cases: Sequence[tuple[TeachingCase, CaseScreening]], book: RuleBook) -> QuizView:
    """The quiz of `cases`, each with its screening stage by stage (`screen_case`)."""
    safety = book.safety
    titles = [case.title for case, _ in cases]
    title = titles[0] if len(titles) == 1 else f"Paraneoplastic patterns: {len(titles)} cases"
    return QuizView(
        title=title,
        description=(
            safety.disclaimer,
            safety.see_a_physician,
            "Each question is one stage of a teaching case: which pattern does the screener "
            "show first, given everything known so far? The answers are the screener's own, "
            "for teaching; they are not a diagnosis.",
        ),
        questions=tuple(
            question
            for case, screening in cases
            for question in _case_questions(
                case, tuple(stage.result for stage in screening.stages), book
            )
        ),
    )


def _case_questions(
    case: TeachingCase, results: tuple[ScreeningResult, ...], book: RuleBook
) -> list[QuizQuestion]:
    count = len(case.stage_tops)
    questions = []
    for index, (top, result) in enumerate(zip(case.stage_tops, results, strict=True)):
        label = _stage_label(case, index)
        story = tuple((_stage_label(case, i), _stage_text(case, i)) for i in range(index + 1))
        last = index == count - 1
        questions.append(
            QuizQuestion(
                name=f"{case.title}: {teaching.stage_title(index, count, label)}",
                story=story,
                question=QUESTION,
                choices=_choices(case, top, result, book),
                feedback=_feedback(case, top, book, last),
            )
        )
    return questions


def _stage_label(case: TeachingCase, index: int) -> str:
    return teaching.PRESENTATION if index == 0 else case.stages[index - 1].title


def _stage_text(case: TeachingCase, index: int) -> str:
    return case.vignette if index == 0 else case.stages[index - 1].text


def _choices(
    case: TeachingCase, top: str | None, result: ScreeningResult, book: RuleBook
) -> tuple[QuizChoice, ...]:
    no_pattern = book.safety.no_pattern_heading
    correct = book.label("syndrome", top) if top else no_pattern
    look_alikes = [book.label("syndrome", m.syndrome) for m in result.matches]
    mimics_of = book.syndrome_by_id[top or case.answer].mimics
    look_alikes += [book.mimic_by_id[m].name for m in mimics_of]
    look_alikes += [no_pattern, book.label("syndrome", case.answer)]
    distractors = [text for text in dict.fromkeys(look_alikes) if text != correct]
    return (
        QuizChoice(text=correct, correct=True),
        *(QuizChoice(text=text, correct=False) for text in distractors[:MAX_DISTRACTORS]),
    )


def _feedback(case: TeachingCase, top: str | None, book: RuleBook, last: bool) -> tuple[str, ...]:
    if top is None:
        shown = f"At this stage the screener shows no pattern: {book.safety.no_pattern}"
    else:
        shown = f"At this stage the screener shows {book.label('syndrome', top)} first."
    return (shown, *(case.teaching_points if last else ()))
