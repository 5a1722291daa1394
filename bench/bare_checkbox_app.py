"""Baseline for the rerun, gesture and memory benchmarks: a bare page with one checkbox, which
reruns the moment it is ticked (no form, no submit), as the Screen page does."""

import streamlit as st

ticked = st.checkbox("A finding", key="tick")
st.write("Ticked" if ticked else "Not ticked")
