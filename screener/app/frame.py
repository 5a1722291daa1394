"""The app frame: page config, the safety framing on every page, and navigation. Both entry
scripts (`streamlit_app.py` at the repository's root, for Streamlit Community Cloud, and
`screener/app/main.py`, which `screener app` runs from the installed package) call `run`."""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from screener.app import book_state, components, failure, link_state
from screener.app.pages import ERROR_PAGE, PAGES

_PAGES = "frame.pages"


def _pages(book_failed: bool) -> list[StreamlitPage]:
    """The pages to navigate, built once per session: Streamlit resolves each script's path as
    a page is made, half a millisecond a run for five pages. Not shared between sessions:
    `st.navigation` marks on the page object which one its run may call."""
    built: dict[bool, list[StreamlitPage]] = st.session_state.setdefault(_PAGES, {})
    if book_failed not in built:
        shown = (ERROR_PAGE,) if book_failed else PAGES
        built[book_failed] = [
            st.Page(
                page.script,
                title=page.nav_label,
                icon=page.icon,
                url_path=page.url_path or None,
                default=index == 0,
            )
            for index, page in enumerate(shown)
        ]
    return built[book_failed]


def run() -> None:
    st.set_page_config(
        page_title="Paraneoplastic Pattern Screener",
        page_icon=str(components.APP_ICON),
        layout="wide",
    )
    components.page_style(presenting=link_state.presentation())
    # The safety wording first, from its own small file, so it shows while the whole book loads.
    components.safety_frame(book_state.safety_text())
    loaded = book_state.load_book()
    page = st.navigation(_pages(isinstance(loaded, Exception)), position="top")
    if failure.failed():
        failure.failure_page()
    else:
        failure.guarded(page.run)()
