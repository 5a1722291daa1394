"""Step through a case: at each stage the learner commits to their own differential (or skips),
then sees the stage's patterns beside it, what changed, what would separate them, and the chart
of how the picture narrows."""

from __future__ import annotations

import functools
from typing import Any, cast

import streamlit as st

from screener.app import components, link_state
from screener.app.failure import guarded
from screener.app.teaching import commit
from screener.app.teaching.chart import ordering_points, ordering_spec, with_points
from screener.app.teaching.common import (
    STAGE_CARDS,
    STEP_CASE,
    answer_fold,
    lines,
    open_in_screen,
    screened,
    stage_word,
)
from screener.engine import reflect
from screener.engine.reflect import summary_stage
from screener.models import CaseScreening, StageAnswer, TeachingCase
from screener.present import teaching_words as teaching
from screener.present import words
from screener.present.differential import DifferentialView
from screener.present.markdown import plain_markdown as plain
from screener.present.stage_view import StagedCaseView, StageView, staged_case_view
from screener.present.view import build_view
from screener.rulebook import RuleBook


def _differential(panel: DifferentialView | None) -> None:
    if panel is None:
        return
    st.markdown(f"**{plain(panel.heading)}**")
    st.caption(plain(panel.intro))
    if panel.empty:
        st.markdown(plain(panel.empty))
    for question in panel.questions:
        st.markdown(
            f"**{plain(question.finding)}**\n\n"
            + components.bullets(plain(effect) for effect in question.effects)
        )


_ANSWERS = "cases.step.answers"
_SKIPPED = "cases.step.skipped"
STAGE_PART = "cases-step-stage"
"""The stepper's stage part (`st.fragment` key): what a commit or a skip redraws."""


def _answers(case_id: str) -> dict[int, StageAnswer]:
    every = cast(dict[str, dict[int, StageAnswer]], st.session_state.setdefault(_ANSWERS, {}))
    return every.setdefault(case_id, {})


def _skipped(case_id: str) -> set[int]:
    every = cast(dict[str, set[int]], st.session_state.setdefault(_SKIPPED, {}))
    return every.setdefault(case_id, set())


def _summary_key(case_id: str) -> str:
    """Where the learner's one-line summary of a case is kept: this session's state only."""
    return f"cases.step.my_summary.{case_id}"


def _keep(case_id: str, answer: StageAnswer) -> None:
    _answers(case_id)[answer.stage] = answer
    st.rerun(STAGE_PART)


@guarded
def _skip(case_id: str, index: int) -> None:
    _skipped(case_id).add(index)
    st.rerun(STAGE_PART)


def _stage(stage: StageView) -> None:
    st.subheader(plain(stage.heading), anchor=False)
    st.markdown(plain(stage.text))
    if stage.facts:
        st.markdown("**New at this stage**\n\n" + lines(stage.facts))
    if stage.urgent:
        components.urgent_banner(stage.urgent)


def _patterns(stage: StageView) -> None:
    patterns_col, differential_col = st.columns(2, gap="large")
    with patterns_col:
        st.markdown(f"**{teaching.HEADINGS['patterns']}**")
        if stage.no_pattern:
            st.markdown(plain(stage.no_pattern))
        st.markdown(components.bullets(plain(p.text) for p in stage.patterns))
        st.markdown(
            f"**{teaching.HEADINGS['changes']}**\n\n"
            + components.bullets(plain(c) for c in stage.changes)
        )
    with differential_col:
        _differential(stage.differential)


@guarded
def _next_stage(key: str, last: int) -> None:
    st.session_state[key] = min(int(st.session_state.get(key, 0)) + 1, last)
    # The stage choice is drawn outside the stage's fragment: the whole page follows it.
    st.rerun()


def _next_button(stage_key: str, index: int, last: int) -> None:
    st.button(
        "Next stage",
        on_click=_next_stage,
        args=(stage_key, last),
        disabled=index == last,
        icon=":material/arrow_forward:",
        type="primary",
        key="cases.step.next",
    )


def draw(book: RuleBook, cases: list[TeachingCase]) -> None:
    by_id = {case.id: case for case in cases}
    case_id = st.selectbox(
        "Teaching case",
        options=list(by_id),
        format_func=lambda c: f"{by_id[c].title} ({stage_word(by_id[c]).lower()})",
        key=STEP_CASE,
    )
    if case_id is None:
        return
    case = by_id[case_id]
    screening = screened(case, book)
    view = staged_case_view(case, screening, book)
    last = len(view.stages) - 1
    stage_key = f"cases.step.stage.{case.id}"
    index = st.radio(
        "Stage",
        options=range(len(view.stages)),
        format_func=lambda i: f"{i + 1}. {view.stages[i].label}",
        horizontal=True,
        key=stage_key,
    )
    presenting = link_state.presentation()
    # A presenter steps from the top of the stage, never from below the fold of a projector.
    if presenting:
        _next_button(stage_key, index, last)
    else:
        st.caption(plain(view.about))
    _stage_part(case, index, book, presenting)


@st.cache_data(max_entries=256, show_spinner=False)
def _ordering_spec(
    content_hash: str, case_json: str, current: int, large: bool, _view: StagedCaseView
) -> dict[str, Any]:
    """The chart's spec, the same for everyone at this case's stage (`ordering_spec`)."""
    return ordering_spec(_view, current, large=large)


@st.fragment(key=STAGE_PART)
def _stage_part(case: TeachingCase, index: int, book: RuleBook, presenting: bool) -> None:
    """The stage, the learner's commit and, once committed or skipped, its reveal: a fragment,
    so that a commit or a skip redraws this part only (`_keep`, `_skip`), not the whole page."""
    screening = screened(case, book)
    view = staged_case_view(case, screening, book)
    last = len(view.stages) - 1
    stage_key = f"cases.step.stage.{case.id}"
    stage = view.stages[index]
    _stage(stage)
    answers, skipped = _answers(case.id), _skipped(case.id)
    # The stage's patterns are drawn only once the learner has committed or skipped: until then
    # they are not in the page at all, so the answer cannot be read ahead of the learner.
    revealed = index in answers or index in skipped
    if index in answers:
        commit.reflection(reflect(screening.stages[index], answers[index], book), book)
    elif index in skipped:
        st.caption(plain(teaching.SKIPPED))
    else:
        asks_summary = case.summary is not None and index == summary_stage(screening)
        commit.commit_form(
            screening.stages[index],
            book,
            f"cases.step.commit.{case.id}.{index}",
            functools.partial(_keep, case.id),
            summary_key=_summary_key(case.id) if asks_summary else None,
        )
        st.button(
            teaching.SKIP_BUTTON,
            on_click=_skip,
            args=(case.id, index),
            icon=":material/visibility:",
            key="cases.step.skip",
        )
    if revealed:
        _patterns(stage)
    next_col, open_col = st.columns(2)
    if not presenting:
        with next_col:
            _next_button(stage_key, index, last)
    if open_col.button(
        "Open this stage in Screen",
        icon=":material/open_in_new:",
        key="cases.step.open",
        help="Opens everything known at this stage on the Screen page.",
    ):
        open_in_screen(case.stage_profiles[index])
    shown = answers.keys() | skipped
    charted = {point.pattern for point in view.chart if point.stage in shown}
    if charted:
        st.markdown(f"**{plain(view.chart_heading)}**")
        st.vega_lite_chart(
            with_points(
                _ordering_spec(book.content_hash, case.model_dump_json(), index, presenting, view),
                ordering_points(view, shown),
            ),
            width="stretch",
            alt=f"Chart of the ordering points of {words.plural(len(charted), 'pattern')} "
            f"across {len(view.stages)} stages; the lists above give every figure.",
        )
        st.caption(plain(view.chart_note))
    # Folded until asked for, and then kept open from stage to stage: drawn at every stage, the
    # full cards made each step of a demonstration wait for text nobody had opened.
    # The fold is drawn at every stage, so that it stays open from stage to stage (a widget not
    # drawn in a run loses its state); its cards only once the stage is revealed.
    cards = st.expander(
        "The cards at this stage, with their reasoning", key=STAGE_CARDS, on_change="rerun"
    )
    with cards:
        if cards.open and revealed:
            for card in build_view(screening.stages[index].result, book).cards:
                components.pattern_card(card)
        elif cards.open:
            st.caption(plain(teaching.CARDS_AFTER_COMMIT))
    if len(shown) == len(view.stages) and answers:
        _case_calibration(case, screening, answers, book)
    if case.summary is not None and last in shown:
        commit.summary(case.summary, st.session_state.get(_summary_key(case.id)))
    answer_fold(case, book, "step")


def _case_calibration(
    case: TeachingCase, screening: CaseScreening, answers: dict[int, StageAnswer], book: RuleBook
) -> None:
    reflections = [reflect(screening.stages[i], a, book) for i, a in sorted(answers.items())]
    commit.calibration(reflections, f"cases.step.calibration.{case.id}")
