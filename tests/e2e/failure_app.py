"""A page whose fragment and whose callback fail on a click, framed as the app frames its pages,
for the browser test that an error in a fragment's own run (which AppTest cannot make) shows the
framed error page too."""

import streamlit as st

from screener.app import components, failure


def _mistake() -> None:
    raise RuntimeError("a mistake in the code")


@st.fragment
@failure.guarded
def _part() -> None:
    st.button("Fail in the callback", on_click=failure.guarded(_mistake))
    if st.button("Fail in the fragment"):
        _mistake()
    st.text("The part of the page that fails")


components.safety_frame(None)
if failure.failed():
    failure.failure_page()
else:
    st.title("A page", anchor=False)
    _part()
