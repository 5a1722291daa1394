"""Commit, then reveal: the learner's own differential at a stage (up to three patterns, the
findings for and against each, the finding to look for next, and how sure they are), drawn
before the stage's patterns, and afterwards set beside the rule book and the calibration chart.
The stepper and practice share it."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from screener.app import components
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
) -> Picks:
    def name(syndrome_id: str) -> str:
        return book.label("syndrome", syndrome_id)

    def finding(finding_id: str) -> str:
        return book.label("finding", finding_id)

    picked = st.selectbox(
        teaching.PICK_LABEL.format(place=teaching.PICK_PLACES[slot]),
        options=sorted(book.syndrome_by_id, key=name),
        index=None,
        format_func=name,
        placeholder=teaching.NOT_SURE_YET if slot == 0 else "None",
        key=f"{form_key}.{slot}.pattern",
    )
    for_col, against_col = st.columns(2)
    speaks_for = for_col.multiselect(
        teaching.FOR_LABEL, entered, format_func=finding, key=f"{form_key}.{slot}.for"
    )
    speaks_against = against_col.multiselect(
        teaching.AGAINST_LABEL, entered, format_func=finding, key=f"{form_key}.{slot}.against"
    )
    look = st.selectbox(
        teaching.NEXT_LABEL,
        options=others,
        index=None,
        format_func=finding,
        key=f"{form_key}.{slot}.next",
    )
    return picked, speaks_for, speaks_against, look


def commit_form(
    screening: StageScreening, book: RuleBook, form_key: str, summary_key: str | None = None
) -> StageAnswer | None:
    """The learner's differential for a stage, once committed and well formed; None until then.
    With `summary_key`, the form also asks for a one-line summary of the case, kept on commit
    under that session-state key (the session only: it is never logged, stored or sent)."""
    entered = entered_findings(screening)
    others = sorted(
        (f for f in book.enterable_findings if f not in entered),
        key=lambda f: book.label("finding", f),
    )
    st.markdown(plain(teaching.COMMIT_HOW))
    with st.form(form_key, border=True):
        slots = [_slot(form_key, 0, book, entered, others)]
        with st.expander(teaching.MORE_PICKS):
            slots += [_slot(form_key, slot, book, entered, others) for slot in range(1, MAX_PICKS)]
        if summary_key is not None:
            st.text_input(
                teaching.SUMMARY_LABEL,
                max_chars=SUMMARY_LENGTH,
                help=teaching.SUMMARY_HELP,
                key=f"{form_key}.summary",
            )
        levels = list(Confidence)
        confidence = st.radio(
            CONFIDENCE_LABEL,
            options=levels,
            index=None,
            format_func=lambda level: CONFIDENCE[level],
            horizontal=True,
            key=f"{form_key}.confidence",
        )
        committed = st.form_submit_button(
            teaching.COMMIT_BUTTON, type="primary", icon=":material/lock:"
        )
    if not committed:
        return None
    filled = [slot for slot in slots if slot[0] is not None]
    named = [slot[0] for slot in filled]
    twice = next((s for s in named if named.count(s) > 1), None)
    both = [f for _, speaks_for, against, _ in filled for f in speaks_for if f in against]
    if confidence is None:
        st.warning(plain(teaching.NO_CONFIDENCE), icon=":material/help:")
    elif twice is not None:
        st.warning(plain(teaching.TWICE.format(pattern=book.label("syndrome", twice))))
    elif both:
        labels = ", ".join(book.label("finding", f) for f in both)
        st.warning(plain(teaching.BOTH_SIDES.format(findings=labels)))
    else:
        hypotheses = tuple(
            Hypothesis(
                syndrome=pattern,
                for_findings=tuple(speaks_for),
                against_findings=tuple(against),
                next_finding=look,
            )
            for pattern, speaks_for, against, look in filled
            if pattern is not None
        )
        written = str(st.session_state.get(f"{form_key}.summary") or "").strip()
        if summary_key is not None and written:
            st.session_state[summary_key] = written
        return StageAnswer(stage=screening.index, hypotheses=hypotheses, confidence=confidence)
    return None


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
