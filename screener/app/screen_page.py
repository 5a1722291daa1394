"""The Screen page, drawn: find findings by name or synonym, and watch the patterns they fit change
as you go.

There is no submit button: each change to the entry reruns the page once, and the results, what
changed and what to ask next follow it. The address bar holds the case after every change, so Back
and Forward (the browser's, or the page's own buttons) step through it. The entry and the results
sides are drawn by `entry.py` and `results.py`.
"""

from __future__ import annotations

import streamlit as st

from screener.app import components, entry, results, state
from screener.rulebook import RuleBook

PRESENT = "screen.present"
PDF_OFFERED = "screen.pdf_offered"


def _on_present() -> None:
    state.set_presentation(bool(st.session_state[PRESENT]))


def _history_controls(current: state.Case, presenting: bool) -> None:
    """Step through the case's history, and start again."""
    with st.container(horizontal=True, vertical_alignment="center", key="screen-history"):
        st.button(
            "Step back",
            icon=":material/undo:",
            on_click=state.step,
            args=(-1,),
            disabled=not current.can_step_back,
            help="Undo the last change to the case (the browser's Back button does the same).",
            key="screen.back",
        )
        st.button(
            "Step forward",
            icon=":material/redo:",
            on_click=state.step,
            args=(1,),
            disabled=not current.can_step_forward,
            help="Redo the change you stepped back from.",
            key="screen.forward",
        )
        if not presenting:
            st.button(
                "Start a new case",
                icon=":material/restart_alt:",
                on_click=state.start_again,
                help="Clears the case (Step back brings it back).",
                key="screen.new",
            )


def _toolbar(current: state.Case, book: RuleBook, presenting: bool) -> None:
    """Presentation mode, and the PDF of the case (drawn only on a whole-page run: see
    `_case_view`)."""
    with st.container(horizontal=True, vertical_alignment="bottom", key="screen-toolbar"):
        if st.session_state.get(PRESENT) != presenting:
            st.session_state[PRESENT] = presenting
        st.toggle(
            "Presentation mode",
            key=PRESENT,
            on_change=_on_present,
            help="Large type, the chosen findings and the results only, for a projector.",
        )
        offered = not presenting and not current.profile.is_empty
        st.session_state[PDF_OFFERED] = offered
        if offered:
            results.pdf_download(current, book)


@st.fragment
def _case_view(book: RuleBook, presenting: bool) -> None:
    """Everything that follows the case. A change made here reruns only this part, so the PDF
    button above keeps the one download link Streamlit gave it (its content is worked out from
    the case when pressed): a press right after a change never meets a link Streamlit has just
    withdrawn."""
    current = state.case()
    try:
        offered = not presenting and not current.profile.is_empty
        if offered != st.session_state.get(PDF_OFFERED, offered):
            # The first finding added (or the last one removed): redraw the whole page once.
            st.rerun()
        entry.reload_widgets(current)
        _history_controls(current, presenting)
        if current.notices:
            components.link_notices(current.notices)
        view = None if current.profile.is_empty else state.screened(current.profile, book)[1]
        if view is not None:
            if view.urgent:
                components.urgent_banner(view.urgent)
            components.summary_bar(view)
        if presenting:
            entry.chosen(book, current, presenting=True)
            results.results_side(book, current, view, presenting=True)
            components.safety_reminder(book.safety)
            return
        entry_col, result_col = st.columns([2, 3], gap="large")
        with entry_col:
            entry.entry_side(book, current)
        with result_col:
            results.results_side(book, current, view, presenting=False)
    finally:
        # Whatever happened, a download waiting for this run may go ahead.
        current.settle()


def draw() -> None:
    book = state.book()
    current = state.case()
    arriving = PRESENT not in st.session_state
    state.sync_with_url(book, arriving=arriving)
    presenting = state.presentation()
    components.screen_style(presenting=presenting)
    st.title("Screen a set of findings", anchor=False)
    _toolbar(current, book, presenting)
    _case_view(book, presenting)
