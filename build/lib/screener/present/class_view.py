"""A live class in words: the projector (the stage, the room's spread, the reveal), a student's
phone, the educator's summary and a practice item. Built from the session, the engine's tallies
and the rule book's labels; every word comes from `class_words`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from screener.inputs.class_input import NO_PATTERN, shown_code
from screener.models import (
    ClassAnswer,
    ClassSession,
    ClassSummary,
    Confidence,
    Frozen,
    PracticeItem,
    StageTally,
    TeachingCase,
)
from screener.present import class_words as words
from screener.present import teaching_words as teaching
from screener.present.handout_view import book_line
from screener.present.stage_view import about_line, fact_lines, stage_label, stage_text
from screener.present.view import Line
from screener.present.words import plural
from screener.rulebook import RuleBook


class StageInfo(Frozen):
    heading: str
    """'Stage 2 of 4: Examination'."""
    text: str
    facts: tuple[Line, ...]
    """What this stage adds."""


class Bar(Frozen):
    """One bar of the room's spread: a pattern (or a confidence level) and how many chose it."""

    label: str
    count: int
    share: float
    """Of the answers to the stage, 0 to 1."""
    text: str
    """'Lambert-Eaton myasthenic syndrome: 5'."""
    answer: bool
    """The stage's answer, once revealed."""


class RoomView(Frozen):
    """The part of the projector that updates by itself."""

    answered: int
    answered_text: str
    patterns: tuple[Bar, ...]
    confidence: tuple[Bar, ...]
    reveal: tuple[str, ...]
    """The answer, how many named it and the finding most often missed; empty until revealed."""
    status: str


class ProjectorView(Frozen):
    title: str
    about: str
    code: str
    """The join code in groups of four: 'ABCD-2345'."""
    stage: StageInfo
    earlier: tuple[StageInfo, ...]
    can_reveal: bool
    can_advance: bool
    can_close: bool


class StudentView(Frozen):
    title: str
    about: str
    stage_index: int
    stage: StageInfo
    earlier: tuple[StageInfo, ...]
    answering: bool
    status: str | None
    """Why answers are closed, when they are."""
    options: tuple[str, ...]
    """The pick's values: 'no pattern yet', then every syndrome by name."""
    labels: Mapping[str, str]
    saved: str | None
    saved_picks: tuple[str, ...]
    saved_confidence: Confidence | None
    reveal: tuple[str, ...]


class SummaryView(Frozen):
    title: str
    note: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    first_named: str
    disclaimer: str
    see_a_physician: str
    book: str


class DueView(Frozen):
    item_id: int
    heading: str
    about: str
    stages: tuple[StageInfo, ...]
    """Everything the case told up to the stage missed, that stage last."""
    question: str


def stage_info(case: TeachingCase, index: int, book: RuleBook) -> StageInfo:
    count = len(case.stage_profiles)
    added = case if index == 0 else case.stages[index - 1]
    return StageInfo(
        heading=teaching.stage_title(index, count, stage_label(case, index)),
        text=stage_text(case, index),
        facts=fact_lines(added, book),
    )


def stage_heading(case: TeachingCase, index: int) -> str:
    return teaching.stage_title(index, len(case.stage_profiles), stage_label(case, index))


def pattern_label(syndrome: str | None, book: RuleBook) -> str:
    return words.NO_PATTERN if syndrome is None else book.label("syndrome", syndrome)


def patterns_text(patterns: Sequence[str], book: RuleBook) -> str:
    return "; ".join(book.label("syndrome", p) for p in patterns) or words.NO_PATTERN


def _status(case: TeachingCase, session: ClassSession) -> str:
    state = "closed" if session.closed else "revealed" if session.revealed else "answering"
    return words.STATUS[state].format(stage=stage_heading(case, session.stage))


def reveal_lines(case: TeachingCase, tally: StageTally, book: RuleBook) -> tuple[str, ...]:
    """The stage's answer, how many named it, and the finding most often missed."""
    if tally.answer is None:
        lines = [words.NO_PATTERN_ANSWER]
    elif tally.stage == len(case.stage_profiles) - 1:
        lines = [words.LAST_STAGE_ANSWER.format(answer=book.label("syndrome", tally.answer))]
    else:
        lines = [words.STAGE_ANSWER.format(answer=book.label("syndrome", tally.answer))]
    if tally.answered:
        lines.append(words.NAMED_IT.format(named=tally.named_answer, answered=tally.answered))
    if tally.missed:
        finding, count = tally.missed[0]
        lines.append(
            words.MOST_MISSED.format(
                finding=book.label("finding", finding),
                count=count,
                missed=tally.answered - tally.named_answer,
            )
        )
    return tuple(lines)


def room_view(
    case: TeachingCase, session: ClassSession, tally: StageTally, book: RuleBook
) -> RoomView:
    answered = max(tally.answered, 1)
    revealed = session.revealed

    def pattern_bar(syndrome: str | None, count: int) -> Bar:
        label = pattern_label(syndrome, book)
        is_answer = revealed and syndrome == tally.answer
        return Bar(
            label=label,
            count=count,
            share=count / answered,
            text=f"{label}: {count}" + (f" ({words.ANSWER_MARK})" if is_answer else ""),
            answer=is_answer,
        )

    return RoomView(
        answered=tally.answered,
        answered_text=plural(tally.answered, "answer") if tally.answered else words.NO_ANSWERS,
        patterns=tuple(pattern_bar(p.syndrome, p.count) for p in tally.patterns),
        confidence=tuple(
            Bar(
                label=words.CONFIDENCE[level],
                count=count,
                share=count / answered,
                text=f"{words.CONFIDENCE[level]}: {count}",
                answer=False,
            )
            for level, count in tally.confidence
        ),
        reveal=reveal_lines(case, tally, book) if revealed else (),
        status=_status(case, session),
    )


def projector_view(case: TeachingCase, session: ClassSession, book: RuleBook) -> ProjectorView:
    return ProjectorView(
        title=case.title,
        about=about_line(case),
        code=shown_code(session.code),
        stage=stage_info(case, session.stage, book),
        earlier=tuple(stage_info(case, i, book) for i in range(session.stage)),
        can_reveal=session.answering,
        can_advance=not session.closed and not session.last_stage,
        can_close=not session.closed,
    )


def pick_options(book: RuleBook) -> tuple[tuple[str, ...], dict[str, str]]:
    """The answer form's choices: 'no pattern yet' first, then every syndrome by name."""
    syndromes = sorted(book.syndrome_by_id, key=lambda s: book.label("syndrome", s).casefold())
    labels = {NO_PATTERN: words.NO_PATTERN} | {s: book.label("syndrome", s) for s in syndromes}
    return (NO_PATTERN, *syndromes), labels


def student_view(
    case: TeachingCase,
    session: ClassSession,
    saved: ClassAnswer | None,
    tally: StageTally | None,
    missed_finding: str | None,
    book: RuleBook,
) -> StudentView:
    """A student's phone at the class's current stage. `tally` (the room, for the reveal) and
    `missed_finding` matter only once the stage is revealed."""
    heading = stage_heading(case, session.stage)
    options, labels = pick_options(book)
    reveal: list[str] = []
    if session.revealed and tally is not None:
        reveal.append(reveal_lines(case, tally, book)[0])
        if saved is None:
            reveal.append(words.NOT_ANSWERED)
        elif saved.names(tally.answer):
            reveal.append(words.YOU_NAMED_IT)
        else:
            reveal.append(words.YOU_MISSED_IT)
            if missed_finding is not None:
                reveal.append(
                    words.FINDING_YOU_MISSED.format(finding=book.label("finding", missed_finding))
                )
    status = None
    if session.closed:
        status = words.REFUSAL["closed"]
    elif session.revealed:
        status = words.WAIT_FOR_TEACHER
    return StudentView(
        title=case.title,
        about=about_line(case),
        stage_index=session.stage,
        stage=stage_info(case, session.stage, book),
        earlier=tuple(stage_info(case, i, book) for i in range(session.stage)),
        answering=session.answering,
        status=status,
        options=options,
        labels=labels,
        saved=None
        if saved is None
        else words.YOUR_ANSWER.format(
            stage=heading,
            patterns=patterns_text(saved.patterns, book),
            confidence=words.CONFIDENCE[saved.confidence],
        ),
        saved_picks=(saved.patterns or (NO_PATTERN,)) if saved else (),
        saved_confidence=saved.confidence if saved else None,
        reveal=tuple(reveal),
    )


def summary_view(case: TeachingCase, summary: ClassSummary, book: RuleBook) -> SummaryView:
    rows = []
    for stage in summary.stages:
        tally = stage.tally
        leading = sorted(tally.leading, key=lambda s: pattern_label(s, book))
        rows.append(
            (
                stage_heading(case, tally.stage),
                str(tally.answered),
                " / ".join(pattern_label(s, book) for s in leading) or words.NONE_YET,
                f"{tally.named_answer} of {tally.answered}" if tally.answered else words.NONE_YET,
                *(str(count) for _, count in tally.confidence),
                f"{stage.changed_mind} of {stage.compared}" if stage.compared else words.NONE_YET,
                f"{book.label('finding', tally.missed[0][0])} ({tally.missed[0][1]})"
                if tally.missed
                else words.NONE_YET,
            )
        )
    answer = book.label("syndrome", summary.answer)
    first_named = (
        words.NEVER_NAMED.format(answer=answer)
        if summary.first_named is None
        else words.FIRST_NAMED.format(answer=answer, stage=stage_heading(case, summary.first_named))
    )
    return SummaryView(
        title=words.SUMMARY_HEADING.format(case=case.title),
        note=words.SUMMARY_NOTE,
        columns=words.SUMMARY_COLUMNS,
        rows=tuple(rows),
        first_named=first_named,
        disclaimer=book.safety.disclaimer,
        see_a_physician=book.safety.see_a_physician,
        book=book_line(book),
    )


def due_view(item: PracticeItem, case: TeachingCase, book: RuleBook) -> DueView:
    return DueView(
        item_id=item.id,
        heading=words.DUE_HEADING.format(case=case.title, stage=stage_heading(case, item.stage)),
        about=about_line(case),
        stages=tuple(stage_info(case, i, book) for i in range(item.stage + 1)),
        question=words.DUE_QUESTION,
    )


def practice_result(
    item: PracticeItem, chosen: Sequence[str], book: RuleBook
) -> tuple[bool, tuple[str, ...]]:
    """Whether the learner named the answer this time, and the lines that say so."""
    answer = book.label("syndrome", item.answer)
    right = item.answer in chosen
    lines = [
        words.PRACTICE_RIGHT.format(answer=answer)
        if right
        else words.PRACTICE_WRONG.format(answer=answer, chosen=patterns_text(chosen, book))
    ]
    if item.finding is not None:
        lines.append(words.PRACTICE_FINDING.format(finding=book.label("finding", item.finding)))
    return right, tuple(lines)
