"""The Cases page's Live class tab: start a class session for a teaching case, then project it
from the Live class page (which this tab switches to)."""

from __future__ import annotations

import streamlit as st

from screener.app import class_page
from screener.app.pages import BY_KEY
from screener.app.teaching.common import stage_word
from screener.models import TeachingCase
from screener.present import class_words
from screener.present.markdown import plain_markdown as plain

CLASS_PAGE = BY_KEY["class"].script


def draw(cases: list[TeachingCase]) -> None:
    # The class service (and its database) loads only once a teacher opens this tab.
    from screener import classroom

    st.markdown(plain(class_words.START_HOW))
    if not cases:
        st.info("The rule book has no teaching cases yet.")
        return
    by_id = {case.id: case for case in cases}
    case_id = st.selectbox(
        class_words.START_CASE,
        options=list(by_id),
        format_func=lambda c: f"{by_id[c].title} ({stage_word(by_id[c]).lower()})",
        key="class.start.case",
    )
    if case_id is None:
        return
    if st.button(class_words.START_BUTTON, type="primary", icon=":material/groups:"):
        try:
            st.session_state[class_page.CLASS_TEACHER] = classroom.start_class(by_id[case_id])
        except classroom.ClassProblem as problem:
            st.error(plain(problem.text), icon=":material/error:")
        else:
            st.switch_page(CLASS_PAGE)
