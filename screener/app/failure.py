"""Whatever fails, the learner sees the app's own page: the safety frame, which the frame draws
before anything that can fail, and then a page saying in words that something went wrong, never
Streamlit's error box (which stands where the page was, and can push the frame away).

Everything that runs app code goes through `guarded`: each page, each fragment (a fragment
reruns on its own, without the frame) and each widget callback (it runs before any of the page
is drawn). An error is logged without its message (it could quote what was entered), kept for
the frame, and the whole app reruns, so the frame draws the error page in the page's place.
"""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable
from typing import ParamSpec

import streamlit as st

from screener.present import words
from screener.present.markdown import plain_markdown as plain

P = ParamSpec("P")

FAILED = "app.failed"
_LOG = logging.getLogger(__name__)


def guarded(run: Callable[P, None]) -> Callable[P, None]:
    """`run`, which then never raises: an error in it shows the framed error page instead.
    Streamlit's own control flow (`st.rerun`, `st.stop`, `st.switch_page`) is not an error and
    passes through: it derives from `BaseException`."""

    @functools.wraps(run)
    def guarded_run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            run(*args, **kwargs)
        except Exception as error:
            _LOG.error(
                "%s in %s:\n%s",
                type(error).__name__,
                run.__qualname__,
                "".join(traceback.format_tb(error.__traceback__)),
            )
            st.session_state[FAILED] = True
            st.rerun()

    return guarded_run


def failed() -> bool:
    """Whether something failed since the last page was drawn (asked once: the next run after
    the error page draws the page again)."""
    return bool(st.session_state.pop(FAILED, False))


def failure_page() -> None:
    """What stands in the page's place, below the safety frame, after an unexpected error."""
    st.title(plain(words.FAILURE_HEADING), anchor=False)
    st.error(plain(words.FAILURE_TEXT), icon=":material/error:")
    st.button(words.FAILURE_TRY_AGAIN, icon=":material/refresh:", key="app.try_again")
