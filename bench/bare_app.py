"""Baseline for the cold-start benchmark: a one-line Streamlit app."""

import streamlit as st

st.write("A bare Streamlit app.")
