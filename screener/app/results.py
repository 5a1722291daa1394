"""The Screen page's results side: what changed, the pattern cards, what to ask next, the PDF
download and the share link. A module rather than part of the page script, so Streamlit compiles
it once, not on every run."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from screener.app import case_state, components
from screener.present import words
from screener.present.view import ScreeningView
from screener.rulebook import RuleBook


def pdf_download(current: case_state.Case, book: RuleBook) -> None:
    """Built only when pressed, and from the case as it then is: a press right after a change
    waits for the change (the button spins) and never returns the case before it.

    Drawn near the top of the page, before anything whose number varies with the case (cards, the
    change panel): Streamlit redraws an element that moves, and a click that lands while the
    button is redrawn would be lost."""
    with st.container(horizontal=True, vertical_alignment="bottom", key="screen-pdf"):
        page_size = st.radio(
            "PDF page size", words.PAGE_SIZES, horizontal=True, key="screen.pdf_page_size"
        )
        _pdf_button(current, book, page_size)


def _pdf_button(current: case_state.Case, book: RuleBook, page_size: str) -> None:
    now = dt.datetime.now(dt.UTC)

    def build() -> bytes:
        # Imported here so that fpdf2 loads on the first download, not on the app's cold start.
        from screener.report.pdf import render_pdf

        # The page's own screening of the case as it then is (cached per case), not a new one.
        view = case_state.screened(current.profile_for_download(), book)[1]
        return render_pdf(view, page_size=page_size, generated_at=dt.datetime.now(dt.UTC))

    st.download_button(
        "Download a PDF summary",
        data=build,
        file_name=f"pns-screening-summary-{now:%Y%m%d-%H%M}.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/download:",
        key="screen.pdf",
    )


def results_side(
    book: RuleBook, current: case_state.Case, view: ScreeningView | None, *, presenting: bool
) -> None:
    change = current.change_view(book)
    if change is not None:
        components.change_panel(change)
    if view is None:
        st.info(
            "Find a finding above (or browse the body systems): the patterns it fits show here "
            "as you go, with no button to press.",
            icon=":material/checklist:",
        )
        return
    st.header("Results", anchor="results")
    components.fit_notices(view)
    if not presenting:
        components.lab_lines(view)
    if view.no_pattern:
        components.no_pattern(view.no_pattern)
    for card in view.cards:
        components.pattern_card(card)
    if view.differential:
        components.differential_panel(view.differential)
    components.associations(view)
