"""Class handouts: the students' sheets and the teacher's key, as PDFs, and quizzes."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from screener.app import interop
from screener.app.teaching.common import screened
from screener.models import TeachingCase
from screener.present import teaching_words as teaching
from screener.present import words
from screener.present.handout_view import handout_view, key_view
from screener.present.markdown import plain_markdown as plain
from screener.rulebook import RuleBook


def draw(book: RuleBook, cases: list[TeachingCase]) -> None:
    st.markdown(plain(teaching.HANDOUT_HOW))
    by_id = {case.id: case for case in cases}
    chosen = st.multiselect(
        "Cases for the handout",
        # One keystroke must never pick every match ("Select N matches").
        select_all=False,
        options=list(by_id),
        format_func=lambda c: by_id[c].title,
        placeholder="Choose cases",
        key="handout.cases",
    )
    page_size = st.radio(
        "PDF page size", words.PAGE_SIZES, horizontal=True, key="handout.page_size"
    )
    if not chosen:
        st.info("Choose at least one case to make a handout.")
        return
    selected = [by_id[c] for c in chosen]
    now = dt.datetime.now(dt.UTC)

    def students() -> bytes:
        # Imported here so that fpdf2 loads on the first download, not on the app's cold start.
        from screener.report.handout import render_handout

        return render_handout(handout_view(selected, book), page_size=page_size, generated_at=now)

    def key() -> bytes:
        from screener.report.handout import render_key

        return render_key(
            key_view([(c, screened(c, book)) for c in selected], book),
            page_size=page_size,
            generated_at=now,
        )

    students_col, key_col = st.columns(2)
    with students_col:
        st.download_button(
            "Download the students' handout (PDF)",
            data=students,
            file_name=f"pns-class-handout-{now:%Y%m%d-%H%M}.pdf",
            mime="application/pdf",
            on_click="ignore",
            icon=":material/download:",
        )
    with key_col:
        st.download_button(
            "Download the teacher's key (PDF)",
            data=key,
            file_name=f"pns-class-handout-key-{now:%Y%m%d-%H%M}.pdf",
            mime="application/pdf",
            on_click="ignore",
            icon=":material/key:",
        )
    st.caption(f"{words.plural(len(selected), 'case')} chosen.")
    interop.quiz_downloads(selected, book)
