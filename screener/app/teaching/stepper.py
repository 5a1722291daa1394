"""Step through a case: each stage's patterns, what changed, what would separate them, and the
chart of how the picture narrows."""

from __future__ import annotations

import streamlit as st

from screener.app import components, link_state
from screener.app.failure import guarded
from screener.app.teaching.chart import ordering_chart
from screener.app.teaching.common import (
    STAGE_CARDS,
    STEP_CASE,
    answer_fold,
    lines,
    open_in_screen,
    screened,
    stage_word,
)
from screener.models import TeachingCase
from screener.present import teaching_words as teaching
from screener.present.differential import DifferentialView
from screener.present.markdown import plain_markdown as plain
from screener.present.stage_view import StageView, staged_case_view
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


def _stage(stage: StageView) -> None:
    st.subheader(plain(stage.heading), anchor=False)
    st.markdown(plain(stage.text))
    if stage.facts:
        st.markdown("**New at this stage**\n\n" + lines(stage.facts))
    if stage.urgent:
        components.urgent_banner(stage.urgent)
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
    stage = view.stages[index]
    presenting = link_state.presentation()
    # A presenter steps from the top of the stage, never from below the fold of a projector.
    if presenting:
        _next_button(stage_key, index, last)
    else:
        st.caption(plain(view.about))
    _stage(stage)
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
    if view.chart:
        st.markdown(f"**{plain(view.chart_heading)}**")
        st.altair_chart(
            ordering_chart(view, index, large=presenting),
            width="stretch",
            alt=f"Chart of the ordering points of {len({p.pattern for p in view.chart})} "
            f"patterns across {len(view.stages)} stages; the lists above give every figure.",
        )
        st.caption(plain(view.chart_note))
    # Folded until asked for, and then kept open from stage to stage: drawn at every stage, the
    # full cards made each step of a demonstration wait for text nobody had opened.
    cards = st.expander(
        "The cards at this stage, with their reasoning", key=STAGE_CARDS, on_change="rerun"
    )
    with cards:
        if cards.open:
            for card in build_view(screening.stages[index].result, book).cards:
                components.pattern_card(card)
    answer_fold(case, book, "step")
