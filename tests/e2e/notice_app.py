"""A page that draws what is typed into it as the app draws a link's notices, for the browser
property test of the quoting: each text on its own line, inert, whatever it holds."""

import hashlib

import streamlit as st

from screener.app import components

text = st.text_area("Text") or ""
components.link_notices([text, "the next notice"])
with st.container(key="received"):
    # Which text the page was drawn for, so the test reads the notice only once it is.
    st.text(hashlib.sha256(text.encode("utf-8")).hexdigest())
