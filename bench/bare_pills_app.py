"""Reference for the gesture benchmark: one pills widget, the widget the Screen page's chips are
drawn with, that reruns at once; its text in a keyed container to watch. Set beside the bare
checkbox page, it shows how much of a chip click's time is the widget's own."""

import streamlit as st

import bench.gc_freeze  # noqa: F401

chosen = st.pills(
    "Findings",
    options=["A finding", "Another finding"],
    selection_mode="multi",
    default=["A finding"],
    key="chips",
)
with st.container(key="state"):
    st.write(f"{len(chosen)} chosen")
