"""Baseline for the rerun benchmark: a bare Streamlit page with one form and one checkbox."""

import streamlit as st

with st.form("form"):
    ticked = st.checkbox("A finding", key="tick")
    st.form_submit_button("Submit")
st.write("Ticked" if ticked else "Not ticked")
