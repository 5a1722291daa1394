"""The case library, by category: each case's presentation, with its answer folded away."""

from __future__ import annotations

import streamlit as st

from screener.app.teaching.common import (
    answer_fold,
    lines,
    open_in_screen,
    stage_word,
    step_through,
)
from screener.models import Category, TeachingCase
from screener.present import words
from screener.present.markdown import plain_markdown as plain
from screener.present.stage_view import fact_lines
from screener.rulebook import RuleBook


def draw(book: RuleBook, cases: list[TeachingCase], pack_ids: set[str]) -> None:
    if not cases:
        st.info("The rule book has no teaching cases yet.")
    for category in Category:
        in_category = [c for c in cases if c.category == category]
        if not in_category:
            continue
        st.subheader(words.CATEGORY[category], anchor=False)
        for case in in_category:
            with st.container(border=True):
                st.markdown(f"#### {plain(case.title)}")
                source = " · from your case pack" if case.id in pack_ids else ""
                st.caption(f"{stage_word(case)}{source}")
                st.markdown(plain(case.vignette))
                st.markdown(lines(fact_lines(case, book)))
                step_col, open_col = st.columns(2)
                step_col.button(
                    "Step through this case",
                    key=f"cases.step.{case.id}",
                    on_click=step_through,
                    args=(case.id,),
                    icon=":material/stairs:",
                )
                if open_col.button(
                    "Open this case in Screen",
                    key=f"cases.open.{case.id}",
                    icon=":material/open_in_new:",
                    help="Opens everything the case tells, at its last stage.",
                ):
                    open_in_screen(case.profile)
                answer_fold(case, book, "library")
