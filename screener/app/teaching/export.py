"""Export the Screen page's case as a ready-to-paste YAML teaching case."""

from __future__ import annotations

import streamlit as st

from screener.app import case_state, components
from screener.app.teaching.common import SCREEN_PAGE
from screener.engine import screen
from screener.models import ProfileError
from screener.present import teaching_words as teaching
from screener.present.case_draft import draft_case
from screener.present.markdown import plain_markdown as plain
from screener.rulebook import RuleBook
from screener.rulebook.case_yaml import case_yaml
from screener.validate import case_problems


def draw(book: RuleBook) -> None:
    profile = case_state.case().profile
    st.markdown(plain(teaching.EXPORT_HOW))
    if not profile.findings:
        st.info(plain(teaching.EXPORT_NEEDS_CASE), icon=":material/checklist:")
        st.page_link(SCREEN_PAGE, label="Go to the Screen page", icon=":material/checklist:")
        return
    try:
        matches = screen(profile, book).matches
    except ProfileError as error:
        st.error(components.bullets(plain(p) for p in error.problems))
        return
    if not matches:
        st.warning(plain(teaching.EXPORT_NO_PATTERN))
        return
    answer = st.selectbox(
        "Answer: the pattern the case shows",
        options=[m.syndrome for m in matches],
        format_func=lambda s: book.label("syndrome", s),
        key="export.answer",
        help="The pattern shown first is the one `screener validate` expects as the answer.",
    )
    case = draft_case(profile, answer, book)
    refused = [message for _, message in case_problems(case, book)]
    if refused:
        st.warning(
            "**`screener validate` would refuse this case:**\n\n"
            + components.bullets(plain(p) for p in refused),
            icon=":material/rule:",
        )
    text = case_yaml(case)
    st.code(text, language="yaml")
    st.download_button(
        "Download this case as YAML",
        data=text.encode("utf-8"),
        file_name=f"{case.id}.yaml",
        mime="application/yaml",
        on_click="ignore",
        icon=":material/download:",
    )
