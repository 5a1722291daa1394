"""Commit, then reveal: the learner's own differential at a stage (up to three patterns, the
findings for and against each, the finding to look for next, and how sure they are), drawn
before the stage's patterns, and afterwards set beside the rule book and the calibration chart.
The stepper and practice share it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from screener.app import components
from screener.app.failure import guarded
from screener.app.teaching.chart import calibration_chart
from screener.engine import calibrate
from screener.engine.reflect import entered_findings
from screener.models import (
    MAX_PICKS,
    SUMMARY_LENGTH,
    Confidence,
    Hypothesis,
    StageAnswer,
    StageReflection,
    StageScreening,
    SummaryStatement,
)
from screener.present import teaching_words as teaching
from screener.present.class_words import CONFIDENCE, CONFIDENCE_LABEL
from screener.present.markdown import plain_markdown as plain
from screener.present.reflection_view import calibration_view, reflection_view, summary_view
from screener.rulebook import RuleBook

Picks = tuple[str | None, list[str], list[str], str | None]
"""One slot of the form as filled in: the pattern, the findings for and against, the next one."""


def _slot(
    form_key: str, slot: int, book: RuleBook, entered: Sequence[str], others: Sequence[str]
) -> None:
    def name(syndrome_id: str) -> str:
        return book.label("syndrome", syndrome_id)

    def finding(finding_id: str) -> str:
        return book.label("finding", finding_id)

    st.selectbox(
        teaching.PICK_LABEL.format(place=teaching.PICK_PLACES[slot]),
        options=sorted(book.syndrome_by_id, key=name),
        index=None,
        format_func=name,
        placeholder=teaching.NOT_SURE_YET if slot == 0 else "None",
        key=f"{form_key}.{slot}.pattern",
    )
    for_col, against_col = st.columns(2)
    for_col.multiselect(
        teaching.FOR_LABEL, entered, format_func=finding, key=f"{form_key}.{slot}.for"
    )
    against_col.multiselect(
        teaching.AGAINST_LABEL, entered, format_func=finding, key=f"{form_key}.{slot}.against"
    )
    st.selectbox(
        teaching.NEXT_LABEL,
        options=others,
        index=None,
        format_func=finding,
        key=f"{form_key}.{slot}.next",
    )


Keep = Callable[[StageAnswer], None]
"""Where a committed answer goes: the stepper's answers by stage, or practice's list."""


def _problem(slots: list[Picks], confidence: object, book: RuleBook) -> str | None:
    filled = [slot for slot in slots if slot[0] is not None]
    named = [slot[0] for slot in filled]
    twice = next((s for s in named if named.count(s) > 1), None)
    both = [f for _, speaks_for, against, _ in filled for f in speaks_for if f in against]
    if confidence is None:
        return teaching.NO_CONFIDENCE
    if twice is not None:
        return teaching.TWICE.format(pattern=book.label("syndrome", twice))
    if both:
        return teaching.BOTH_SIDES.format(
            findings=", ".join(book.label("finding", f) for f in both)
        )
    return None


@guarded
def _commit(form_key: str, stage: int, book: RuleBook, keep: Keep, summary_key: str | None) -> None:
    # A callback, so that the commit and its reveal take one run, not a run and a rerun.
    state = st.session_state
    slots: list[Picks] = [
        (
            state.get(f"{form_key}.{slot}.pattern"),
            list(state.get(f"{form_key}.{slot}.for") or ()),
            list(state.get(f"{form_key}.{slot}.against") or ()),
            state.get(f"{form_key}.{slot}.next"),
        )
        for slot in range(MAX_PICKS)
    ]
    confidence = state.get(f"{form_key}.confidence")
    problem = _problem(slots, confidence, book)
    if problem is not None or confidence is None:
        state[f"{form_key}.problem"] = problem or teaching.NO_CONFIDENCE
        return
    state.pop(f"{form_key}.problem", None)
    written = str(state.get(f"{form_key}.summary") or "").strip()
    if summary_key is not None and written:
        state[summary_key] = written
    hypotheses = tuple(
        Hypothesis(
            syndrome=pattern,
            for_findings=tuple(speaks_for),
            against_findings=tuple(against),
            next_finding=look,
        )
        for pattern, speaks_for, against, look in slots
        if pattern is not None
    )
    keep(StageAnswer(stage=stage, hypotheses=hypotheses, confidence=Confidence(confidence)))


def commit_form(
    screening: StageScreening,
    book: RuleBook,
    form_key: str,
    keep: Keep,
    summary_key: str | None = None,
) -> None:
    """The learner's differential for a stage, given to `keep` once committed and well formed.
    With `summary_key`, the form also asks for a one-line summary of the case, kept on commit
    under that session-state key (the session only: it is never logged, stored or sent)."""
    entered = entered_findings(screening)
    others = sorted(
        (f for f in book.enterable_findings if f not in entered),
        key=lambda f: book.label("finding", f),
    )
    st.markdown(plain(teaching.COMMIT_HOW))
    with st.form(form_key, border=True):
        _slot(form_key, 0, book, entered, others)
        with st.expander(teaching.MORE_PICKS):
            for slot in range(1, MAX_PICKS):
                _slot(form_key, slot, book, entered, others)
        if summary_key is not None:
            st.text_input(
                teaching.SUMMARY_LABEL,
                max_chars=SUMMARY_LENGTH,
                help=teaching.SUMMARY_HELP,
                key=f"{form_key}.summary",
            )
        levels = list(Confidence)
        st.radio(
            CONFIDENCE_LABEL,
            options=levels,
            index=None,
            format_func=lambda level: CONFIDENCE[level],
            horizontal=True,
            key=f"{form_key}.confidence",
        )
        st.form_submit_button(
            teaching.COMMIT_BUTTON,
            type="primary",
            icon=":material/lock:",
            on_click=_commit,
            args=(form_key, screening.index, book, keep, summary_key),
        )
    problem = st.session_state.get(f"{form_key}.problem")
    if problem:
        st.warning(plain(str(problem)), icon=":material/help:")


def reflection(reflected: StageReflection, book: RuleBook) -> None:
    view = reflection_view(reflected, book)
    with st.container(border=True):
        st.markdown(f"**{plain(view.heading)}**")
        show = st.success if view.right else st.warning
        show(f"{plain(view.verdict)} {plain(view.key)}")
        if view.no_picks:
            st.markdown(plain(view.no_picks))
        for hypothesis in view.hypotheses:
            st.markdown(f"**{plain(hypothesis.heading)}**")
            parts = [
                *(f":green[✓] {plain(text)}" for text in hypothesis.agreed),
                *(f":orange[≠] {plain(text)}" for text in hypothesis.differed),
                *(f":blue[+] {plain(text)}" for text in hypothesis.missed),
                *(plain(text) for text in hypothesis.next),
            ]
            st.markdown(components.bullets(parts))
        for line in (view.not_named, view.telling):
            if line:
                st.markdown(plain(line))


def calibration(reflections: Sequence[StageReflection], key: str) -> None:
    view = calibration_view(calibrate(reflections))
    st.markdown(f"**{plain(view.heading)}**")
    st.markdown(plain(view.sentence))
    if any(row.count for row in view.rows):
        st.altair_chart(
            calibration_chart(view),
            width="stretch",
            key=key,
            alt=f"Bar chart of right and not right answers at each confidence level. "
            f"{view.sentence}",
        )
    st.caption(plain(view.note))


def _inline(text: str, *, bold: bool) -> str:
    # The quoting function trims a text's edges; a part of a sentence keeps its spaces.
    if not text.strip():
        return text
    core = plain(text.strip())
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return lead + (f"**{core}**" if bold else core) + trail


def summary(model: SummaryStatement, yours: str | None) -> None:
    view = summary_view(model, yours)
    with st.container(border=True):
        st.markdown(f"**{plain(view.heading)}**")
        st.markdown(plain(view.yours))
        sentence = "".join(_inline(part.text, bold=part.qualifier) for part in view.model)
        st.markdown(f"{plain(view.model_label)}: {sentence}")
        st.caption(plain(view.qualifiers))
