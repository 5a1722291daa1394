"""The Cases page, composed: the case library, stepping through a case, practice, class
handouts, export and starting a live class, one tab each (only the open one is drawn)."""

from __future__ import annotations

import streamlit as st

from screener.app import book_state, components, link_state, packs
from screener.app.teaching import export, handout, library, live, practice, stepper
from screener.app.teaching.common import TAB_KEY, TABS
from screener.inputs.query import unknown_parameters
from screener.present import words
from screener.present.markdown import plain_markdown as plain
from screener.rulebook import RuleBookError
from screener.rulebook.case_pack import LoadedCases


def _pack_notice(pack: LoadedCases | RuleBookError | None) -> None:
    if isinstance(pack, RuleBookError):
        st.error(
            f"**Your case pack could not be loaded**, so only the built-in cases are shown. It "
            f"has {words.plural(len(pack.problems), 'problem')}:\n\n"
            + components.bullets(components.problem_line(p) for p in pack.problems),
            icon=":material/error:",
        )
    elif pack is not None:
        st.caption(
            f"{words.plural(len(pack.cases), 'case')} from your case pack ({plain(pack.folder)}) "
            "are shown beside the built-in ones."
        )


def draw() -> None:
    book = book_state.book()
    pack = packs.case_pack(book)
    cases = packs.teaching_cases(book, pack)
    pack_ids = {c.id for c in pack.cases} if isinstance(pack, LoadedCases) else set()
    st.title("Teaching cases", anchor=False)
    components.link_notices(
        [*link_state.dropped_link(), *unknown_parameters(link_state.case_query())]
    )
    _pack_notice(pack)
    library_tab, step_tab, practice_tab, handout_tab, export_tab, class_tab = st.tabs(
        TABS, key=TAB_KEY, on_change="rerun"
    )
    # Only the open tab is drawn: each rerun then costs one tab, not six.
    if library_tab.open:
        with library_tab:
            library.draw(book, cases, pack_ids)
    if step_tab.open:
        with step_tab:
            stepper.draw(book, cases)
    if practice_tab.open:
        with practice_tab:
            practice.draw(book, cases)
    if handout_tab.open:
        with handout_tab:
            handout.draw(book, cases)
    if export_tab.open:
        with export_tab:
            export.draw(book)
    if class_tab.open:
        with class_tab:
            live.draw(cases)
