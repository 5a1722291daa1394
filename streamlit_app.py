"""The app frame: page config, the safety framing on every page, and navigation."""

import streamlit as st

from screener.app import components, state

st.set_page_config(
    page_title="Paraneoplastic Pattern Screener",
    page_icon=":material/school:",
    layout="wide",
)
# The safety wording first, from its own small file, so it shows while the whole book loads.
components.safety_frame(state.safety_text())
loaded = state.load_book()
if isinstance(loaded, Exception):
    pages = [
        st.Page("screener/app/book_error.py", title="Rule book error", icon=":material/error:")
    ]
else:
    pages = [
        st.Page(
            "screener/app/screen.py", title="Screen", icon=":material/checklist:", default=True
        ),
        st.Page("screener/app/explore.py", title="Explore syndromes", icon=":material/search:"),
        st.Page("screener/app/cases.py", title="Teaching cases", icon=":material/cases:"),
        st.Page("screener/app/learn.py", title="Learn", icon=":material/menu_book:"),
    ]
st.navigation(pages, position="top").run()
