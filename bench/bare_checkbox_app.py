"""Baseline: one checkbox that reruns at once, its text in a keyed container to watch."""

import streamlit as st

import bench.gc_freeze  # noqa: F401

ticked = st.checkbox("A finding", key="tick")
with st.container(key="state"):
    st.write("Ticked" if ticked else "Not ticked")
