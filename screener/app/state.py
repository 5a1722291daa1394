"""App state: the rule book loaded once per version of its files, and the case on the Screen page.

The case (a `Profile`) lives in `st.session_state` so it survives a visit to another page, and in
`st.query_params` so the address bar always holds a link that opens the same case.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

import streamlit as st

from screener.inputs.query import profile_from_query, profile_to_query
from screener.models import Profile, SafetyText
from screener.rulebook import (
    DEFAULT_RULES_DIR,
    FilesStamp,
    Problem,
    RuleBook,
    RuleBookError,
    files_stamp,
    load_rule_book,
    load_safety_text,
)

RULES_DIR_ENV = "PNS_RULES_DIR"

_PROFILE = "screen.profile"
_REVISION = "screen.revision"
_APPLIED_QUERY = "screen.applied_query"
_LINK_NOTICES = "screen.link_notices"
_LAB_ERRORS = "screen.lab_errors"


def rules_dir() -> Path:
    return Path(os.environ.get(RULES_DIR_ENV) or DEFAULT_RULES_DIR)


@st.cache_resource(show_spinner="Loading the rule book…", max_entries=4)
def _cached_book(folder: str, stamp: FilesStamp) -> RuleBook | RuleBookError:
    # Keyed on the files' stamp and returning the error rather than raising it, so a broken book
    # is read once per change of its files, not again on every page view.
    try:
        return load_rule_book(folder)
    except RuleBookError as error:
        return error
    except Exception as error:  # whatever went wrong, the frame must still draw
        problem = f"the rule book could not be read ({type(error).__name__}: {error})"
        return RuleBookError([Problem(folder, None, problem)])


def load_book() -> RuleBook | RuleBookError:
    """The rule book, or the error that names every problem in it."""
    folder = str(rules_dir())
    return _cached_book(folder, files_stamp(folder))


def book() -> RuleBook:
    """The rule book, for pages: the frame only shows them once it has loaded."""
    loaded = load_book()
    if isinstance(loaded, RuleBookError):
        raise loaded
    return loaded


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_safety(folder: str, stamp: FilesStamp) -> SafetyText | None:
    try:
        return load_safety_text(folder)
    except Exception:  # the frame falls back to its built-in wording
        return None


def safety_text() -> SafetyText | None:
    """The safety wording, read on its own: quick to show, and there even if a rule is broken.
    None when `safety.yaml` cannot be used: the frame then shows its built-in wording."""
    folder = str(rules_dir())
    return _cached_safety(folder, files_stamp(folder))


# --- The case on the Screen page ---------------------------------------------------------------


def profile() -> Profile | None:
    """The case last screened, loaded from a link or a teaching case; None before any."""
    return cast(Profile | None, st.session_state.get(_PROFILE))


def revision() -> int:
    """Changes whenever the case is replaced from outside the form, so its widgets start afresh."""
    return cast(int, st.session_state.get(_REVISION, 0))


def link_notices() -> list[str]:
    return cast(list[str], st.session_state.get(_LINK_NOTICES, []))


def lab_errors() -> list[str]:
    return cast(list[str], st.session_state.get(_LAB_ERRORS, []))


def _current_query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _write_url(case: Profile) -> None:
    query = profile_to_query(case)
    st.query_params.from_dict(query)
    st.session_state[_APPLIED_QUERY] = {key: [value] for key, value in query.items()}


def sync_with_url(rule_book: RuleBook) -> None:
    """Open the case a link describes; or, if the address has none, put the current case in it."""
    query = _current_query()
    if query and query != st.session_state.get(_APPLIED_QUERY):
        linked, notices = profile_from_query(query, rule_book)
        replace_profile(linked, notices)
        st.session_state[_APPLIED_QUERY] = query
    elif not query and (case := profile()) is not None:
        _write_url(case)


def replace_profile(case: Profile | None, notices: list[str] | None = None) -> None:
    """A case from a link, a teaching case or 'start again': the form shows it from scratch."""
    st.session_state[_PROFILE] = case
    st.session_state[_REVISION] = revision() + 1
    st.session_state[_LINK_NOTICES] = notices or []
    st.session_state[_LAB_ERRORS] = []


def open_case(case: Profile) -> dict[str, str]:
    """Make `case` the Screen page's case; returns the query parameters to switch pages with."""
    replace_profile(case)
    query = profile_to_query(case)
    st.session_state[_APPLIED_QUERY] = {key: [value] for key, value in query.items()}
    return query


def start_again() -> None:
    replace_profile(None)
    st.query_params.clear()
    st.session_state[_APPLIED_QUERY] = {}


def commit_profile(case: Profile) -> None:
    """The learner submitted the form: this is now the case, in the session and in the URL."""
    st.session_state[_PROFILE] = case
    st.session_state[_LINK_NOTICES] = []
    st.session_state[_LAB_ERRORS] = []
    _write_url(case)


def reject_labs(errors: list[str]) -> None:
    """The form's lab values cannot be used: keep the last case, and say why beside the form."""
    st.session_state[_LAB_ERRORS] = errors
