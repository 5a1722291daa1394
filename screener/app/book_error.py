"""Shown instead of every page when the rule book cannot be loaded: what is wrong, and where."""

import streamlit as st

from screener.app import book_state, components
from screener.rulebook import RuleBookError

st.title("The screener is unavailable", anchor=False)
loaded = book_state.load_book()
problems = loaded.problems if isinstance(loaded, RuleBookError) else ()
st.error(
    f"**The rule book could not be loaded**, so no screening is possible. It has "
    f"{len(problems)} problem{'s' if len(problems) != 1 else ''}; "
    "each names the file, the line, the rule and the field to fix.",
    icon=":material/error:",
)
st.markdown(components.bullets(components.problem_line(p) for p in problems))
