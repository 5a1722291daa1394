"""The rule book, loaded once per version of its files, and its safety text read on its own;
and the process's long-lived objects moved out of the garbage collector's sight."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import streamlit as st

from screener import settings
from screener.models import SafetyText
from screener.rulebook import (
    FilesStamp,
    Problem,
    RuleBook,
    RuleBookError,
    configured_rules_dir,
    files_stamp,
    load_rule_book,
    load_safety_text,
    safety_stamp,
)


def rules_dir() -> Path:
    return configured_rules_dir()


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
    try:
        folder = str(rules_dir())
    except settings.SettingsError as error:
        return RuleBookError([Problem(settings.RULES_DIR_ENV, None, str(error))])
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
    try:
        folder = str(rules_dir())
    except settings.SettingsError:
        return None
    return _cached_safety(folder, safety_stamp(folder))


_FREEZE = threading.Lock()
_frozen = False


def freeze_long_lived() -> None:
    """Once per process, with the rule book loaded: move every object alive now (the rule book,
    the modules) out of the garbage collector's sight. Streamlit collects garbage after every
    run, and walking the rule book's objects each time would cost more than the run itself."""
    global _frozen
    with _FREEZE:
        if not _frozen:
            gc.collect()
            gc.freeze()
            _frozen = True
