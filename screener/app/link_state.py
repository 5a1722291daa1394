"""The address bar: presentation mode, the link's parameters as given, and a link Streamlit
dropped whole (which only the browser still has)."""

from __future__ import annotations

import streamlit as st

from screener.inputs.query import LINK_MAX_CHARS, LINK_MAX_PARAMETERS, dropped_link_notice

PRESENT = "present"
"""The query parameter that opens a page in presentation mode (`?present=1`)."""
APP_KEYS = (PRESENT,)
"""Query parameters about the page, not the case: `profile_from_query` never sees them."""


def presentation() -> bool:
    return st.query_params.get(PRESENT) == "1"


def set_presentation(on: bool) -> None:
    if on:
        st.query_params[PRESENT] = "1"
    elif PRESENT in st.query_params:
        del st.query_params[PRESENT]


def link_query() -> dict[str, list[str]]:
    """The address's query parameters, each with every value it was given."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def case_query() -> dict[str, list[str]]:
    """The link's parameters but those about the page (`APP_KEYS`), which every page reads."""
    return {key: values for key, values in link_query().items() if key not in APP_KEYS}


LINK_AS_SENT = "link-as-sent"
_LINK_AS_SENT_JS = """
export default function ({ data, setStateValue }) {
  const query = window.location.search.replace(/^[?]/, "");
  const parameters = query ? query.split("&").length : 0;
  // Measured as Streamlit measures it; reported only when Streamlit has dropped it, so an
  // ordinary link costs no second run.
  if (parameters > data.parameters || query.length > data.chars) {
    setStateValue("size", { parameters, chars: query.length });
  }
}
"""
_link_as_sent = st.components.v2.component(
    "pns_link_as_sent",
    js=_LINK_AS_SENT_JS,
    # It draws nothing, so it takes no room between the elements of the page either.
    css=f".st-key-{LINK_AS_SENT} {{ display: none; }}",
    isolate_styles=False,
)


def dropped_link() -> list[str]:
    """A notice when the address holds a link Streamlit dropped whole (more than 1,000
    parameters, or 512 Ki characters): it then hands the page no parameters at all, so only the
    browser still has the link, and a script of the app's own reports its size. The page runs
    once more with the report."""
    sent = _link_as_sent(
        key=LINK_AS_SENT,
        data={"parameters": LINK_MAX_PARAMETERS, "chars": LINK_MAX_CHARS},
        # Streamlit keeps a component's value only under a name given a callback; the run
        # that follows the report is all that is needed.
        on_size_change=lambda: None,
    )
    size = sent.get("size")
    if not isinstance(size, dict):
        return []
    notice = dropped_link_notice(int(size.get("parameters", 0)), int(size.get("chars", 0)))
    return [notice] if notice else []
