"""The Screen page, drawn: find findings by name or synonym, and watch the patterns they fit change
as you go.

There is no submit button: each change reruns, once, the parts of the page it touches (the
results, what changed and what to ask next; the status and the entry when they change). The
address bar holds the case after every change, so Back and Forward (the browser's, or the page's
own buttons) step through it. The entry and the results sides are drawn by `entry.py` and
`results.py`.
"""

from __future__ import annotations

import streamlit as st

from screener.app import book_state, case_state, components, entry, interop, link_state, results
from screener.app.failure import guarded
from screener.rulebook import RuleBook

PRESENT = "screen.present"
PDF_OFFERED = "screen.pdf_offered"


@guarded
def _on_present() -> None:
    link_state.set_presentation(bool(st.session_state[PRESENT]))


def _history_controls(current: case_state.Case, book: RuleBook, presenting: bool) -> None:
    """Step through the case's history, and start again."""
    with st.container(horizontal=True, vertical_alignment="center", key="screen-history"):
        st.button(
            "Step back",
            icon=":material/undo:",
            on_click=case_state.step,
            args=(-1, book),
            disabled=not current.can_step_back,
            help="Undo the last change to the case (the browser's Back button does the same).",
            key="screen.back",
        )
        st.button(
            "Step forward",
            icon=":material/redo:",
            on_click=case_state.step,
            args=(1, book),
            disabled=not current.can_step_forward,
            help="Redo the change you stepped back from.",
            key="screen.forward",
        )
        if not presenting:
            st.button(
                "Start a new case",
                icon=":material/restart_alt:",
                on_click=case_state.start_again,
                args=(book,),
                help="Clears the case (Step back brings it back).",
                key="screen.new",
            )


def _pdf_offered(current: case_state.Case, presenting: bool) -> bool:
    return not presenting and not current.profile.is_empty


def _toolbar(current: case_state.Case, book: RuleBook, presenting: bool) -> None:
    """Presentation mode, and the PDF of the case (drawn only on a whole-page run: see `draw`)."""
    with st.container(horizontal=True, vertical_alignment="bottom", key="screen-toolbar"):
        if st.session_state.get(PRESENT) != presenting:
            st.session_state[PRESENT] = presenting
        st.toggle(
            "Presentation mode",
            key=PRESENT,
            on_change=_on_present,
            help="Large type, the chosen findings and the results only, for a projector.",
        )
        if st.session_state[PDF_OFFERED]:
            results.pdf_download(current, book)
            st.caption("To share this case, copy the address bar: it holds the whole case.")


@st.fragment(key=case_state.HISTORY)
@guarded
def _history(book: RuleBook, presenting: bool) -> None:
    _history_controls(case_state.case(), book, presenting)


@st.fragment(key=case_state.STATUS)
@guarded
def _status(book: RuleBook, presenting: bool) -> None:
    """The link notices and the urgent banner."""
    current = case_state.case()
    if _pdf_offered(current, presenting) != st.session_state[PDF_OFFERED]:
        # The first finding added (or the last one removed): redraw the whole page once, so the
        # toolbar offers the PDF (or stops offering it).
        st.rerun()
    if current.notices:
        components.link_notices(current.notices)
    if not current.profile.is_empty:
        view = case_state.screened(current.profile, book)[1]
        if view.urgent:
            components.urgent_banner(view.urgent)
    case_state.mark_status_shown(book)


@st.fragment(key=case_state.SUMMARY)
@guarded
def _summary(book: RuleBook) -> None:
    """The summary line alone, so that the page's stylesheet can keep it in view."""
    current = case_state.case()
    if not current.profile.is_empty:
        components.summary_bar(case_state.screened(current.profile, book)[1])


@st.fragment(key=case_state.ENTRY)
@guarded
def _entry(book: RuleBook, presenting: bool) -> None:
    current = case_state.case()
    entry.reload_widgets(current)
    if presenting:
        entry.chosen(book, current, presenting=True)
    else:
        entry.entry_side(book, current)


@st.fragment(key=case_state.RESULTS)
@guarded
def _results(book: RuleBook, presenting: bool) -> None:
    current = case_state.case()
    try:
        view = None if current.profile.is_empty else case_state.screened(current.profile, book)[1]
        results.results_side(book, current, view, presenting=presenting)
    finally:
        # Whatever happened, a download waiting for these results may go ahead.
        current.settle()


def draw() -> None:
    """The page. A change to the case reruns only the fragments it touches
    (`case_state.redraw`): the PDF button in the toolbar keeps the one download link Streamlit
    gave it (its content is worked out from the case when pressed), so a press right after a
    change never meets a link Streamlit has just withdrawn."""
    book = book_state.book()
    book_state.freeze_long_lived()
    current = case_state.case()
    arriving = PRESENT not in st.session_state
    case_state.sync_with_url(book, arriving=arriving)
    presenting = link_state.presentation()
    st.title("Screen a set of findings", anchor=False)
    st.session_state[PDF_OFFERED] = _pdf_offered(current, presenting)
    # The summary first: on a phone, where the columns stack, it names the top pattern and the
    # banner's level in the first screen however long the banner and the entry are.
    _summary(book)
    _status(book, presenting)
    if presenting:
        _history(book, presenting)
        _toolbar(current, book, presenting)
        _entry(book, presenting)
        _results(book, presenting)
        return
    # The tools sit at the top of the entry side, so that the results start at the top of theirs,
    # in the laptop's first screen, beside the entry a change is made in.
    entry_col, result_col = st.columns([2, 3], gap="large")
    with entry_col:
        _history(book, presenting)
        _toolbar(current, book, presenting)
        interop.phenopacket_panel(book)
        _entry(book, presenting)
    with result_col:
        _results(book, presenting)
