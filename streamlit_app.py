"""The app frame: page config, the safety framing on every page, and navigation."""

import streamlit as st

from screener.loader import load_safety_text

st.set_page_config(page_title="Paraneoplastic Pattern Screener", layout="wide")
safety = load_safety_text()
st.warning(safety.disclaimer)
st.info(safety.see_a_physician)
st.title("Paraneoplastic Pattern Screener")
