"""The case on the Screen page: the entry as typed and the history of profiles it went through.

The case lives in `st.session_state` (a `Case`) so it survives a visit to another page, and in
`st.query_params` so the address bar always holds a link that opens the same case. Streamlit
pushes a browser history entry for each new address and reruns with the old one on Back, so the
browser's Back and Forward step through the case's changes as well as the page's own buttons do.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import streamlit as st

from screener.app import link_state
from screener.app.failure import guarded
from screener.engine import screen, what_changed
from screener.inputs.form import FormEntry, FormProblem, entry_for, read_form
from screener.inputs.query import profile_from_query, profile_to_query
from screener.models import Profile, ScreeningResult
from screener.present.changes import ChangeView, change_view
from screener.present.view import ScreeningView, build_view
from screener.rulebook import RuleBook

_CASE = "screen.case"


MAX_HISTORY = 200
"""Steps a session keeps; the oldest are dropped first."""
PDF_GRACE_S = 0.25
"""A download pressed just after a change waits this long for the change to reach the case."""
PDF_WAIT_S = 30.0


@dataclass(eq=False)
class Case:
    """One session's case: what the entry widgets show, and the profiles it has been, in order.

    The page changes it in widget callbacks (before the page is drawn) and draws from it. A PDF
    download runs on another thread and reads it under the lock, after the page has settled.
    """

    entry: FormEntry = field(default_factory=FormEntry)
    problems: tuple[FormProblem, ...] = ()
    history: list[Profile] = field(default_factory=lambda: [Profile()])
    at: int = 0
    revision: int = 0
    """Grows whenever the entry changes other than through its own widget, so the page reloads
    every entry widget from it."""
    notices: list[str] = field(default_factory=list)
    change: tuple[Profile, Profile] | None = None
    """The profiles before and after the last step, for 'what changed'."""
    _change_words: tuple[tuple[Profile, Profile], ChangeView | None] | None = None
    applied_query: dict[str, list[str]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _settled: threading.Event = field(default_factory=threading.Event, repr=False)

    def __post_init__(self) -> None:
        self._settled.set()

    @property
    def profile(self) -> Profile:
        return self.history[self.at]

    @property
    def can_step_back(self) -> bool:
        return self.at > 0

    @property
    def can_step_forward(self) -> bool:
        return self.at < len(self.history) - 1

    def _moved(self, before: Profile) -> None:
        self.change = (before, self.profile) if before != self.profile else None
        self._settled.clear()

    def commit(self, profile: Profile) -> bool:
        """Make `profile` the case, as a new step; False if it already is."""
        if profile == self.profile:
            return False
        with self._lock:
            before = self.profile
            del self.history[self.at + 1 :]
            self.history.append(profile)
            del self.history[:-MAX_HISTORY]
            self.at = len(self.history) - 1
            self._moved(before)
        return True

    def step(self, offset: int) -> bool:
        """Step back (-1) or forward (+1) through the history; False at either end."""
        target = self.at + offset
        if not 0 <= target < len(self.history):
            return False
        with self._lock:
            before = self.profile
            self.at = target
            self._moved(before)
        return True

    def go_to(self, profile: Profile) -> None:
        """The browser went Back or Forward to `profile`, or a link opened it."""
        for offset in (-1, 1):
            if 0 <= self.at + offset < len(self.history) and (
                self.history[self.at + offset] == profile
            ):
                self.step(offset)
                return
        self.commit(profile)

    def show(self, entry: FormEntry | None = None) -> None:
        """Reload every entry widget, from `entry` or else from the current profile."""
        self.entry = entry if entry is not None else entry_for(self.profile)
        self.problems = ()
        self.revision += 1

    def settle(self) -> None:
        """The page has drawn the current case."""
        self._settled.set()

    def change_view(self, rule_book: RuleBook) -> ChangeView | None:
        """The last step in words, worked out once per step."""
        if self.change is None:
            return None
        if self._change_words is None or self._change_words[0] != self.change:
            before, after = self.change
            moved = what_changed(
                screened(before, rule_book)[0], screened(after, rule_book)[0], rule_book
            )
            words = change_view(moved, before, after, rule_book)
            self._change_words = (self.change, words)
        return self._change_words[1]

    def profile_for_download(self) -> Profile:
        """The case a download should show: wait for a change in flight to be drawn first."""
        time.sleep(PDF_GRACE_S)
        self._settled.wait(PDF_WAIT_S)
        with self._lock:
            return self.profile


def case() -> Case:
    """This session's case on the Screen page."""
    if _CASE not in st.session_state:
        st.session_state[_CASE] = Case()
    found: Case = st.session_state[_CASE]
    return found


@st.cache_resource(max_entries=256, show_spinner=False)
def _screened(
    profile_json: str, content_hash: str, _book: RuleBook
) -> tuple[ScreeningResult, ScreeningView]:
    # Keyed by the profile's JSON and the book's hash: hashing the book itself would cost more
    # than screening. Results and views are frozen, so every session can share them.
    result = screen(Profile.model_validate_json(profile_json), _book)
    return result, build_view(result, _book)


def screened(profile: Profile, rule_book: RuleBook) -> tuple[ScreeningResult, ScreeningView]:
    """The screening and its view, worked out once per profile and rule book."""
    return _screened(profile.model_dump_json(), rule_book.content_hash, rule_book)


def write_url(current: Case) -> None:
    query = profile_to_query(current.profile)
    if link_state.presentation():
        query[link_state.PRESENT] = "1"
    st.query_params.from_dict(query)
    current.applied_query = {
        key: [value] for key, value in profile_to_query(current.profile).items()
    }


def sync_with_url(rule_book: RuleBook, *, arriving: bool) -> None:
    """Open the case the address describes when it is not the one on the page: a shared link,
    or the browser's Back or Forward. `arriving` says the page was not drawn on the last run
    (another page was), so an address without a case keeps the session's case instead."""
    current = case()
    query = link_state.case_query()
    dropped = link_state.dropped_link()
    if dropped and not query and current.profile.is_empty and len(current.history) == 1:
        current.notices = dropped
    if query == current.applied_query:
        return
    if not query and arriving:
        write_url(current)
        return
    linked, notices = profile_from_query(query, rule_book)
    if current.profile.is_empty and len(current.history) == 1:
        # A link opened on arrival is where the case starts, not a step from an empty one.
        current.history[0] = linked
        current.change = None
    else:
        current.go_to(linked)
    current.show()
    current.notices = notices
    current.applied_query = query


def apply_entry(entry: FormEntry, rule_book: RuleBook, *, reload: bool = False) -> None:
    """The learner changed the entry: screen what can be used, keep the rest beside its input.
    `reload` when the change came from outside the widgets that show it (the picker)."""
    current = case()
    reading = read_form(entry, rule_book)
    current.entry = entry
    current.problems = reading.problems
    if reload:
        current.revision += 1
    if current.commit(reading.profile):
        current.notices = []
        write_url(current)


STATUS, HISTORY, SUMMARY, ENTRY, RESULTS = (
    "screen-status",
    "screen-history-buttons",
    "screen-summary-line",
    "screen-entry",
    "screen-results",
)
"""The Screen page's parts that follow the case (`st.fragment` keys)."""


_STATUS_SHOWN = "screen.status_shown"


def status_shown(rule_book: RuleBook) -> tuple[object, ...]:
    """Everything the status parts of the Screen page show (history buttons, link notices, the
    urgent banner, the summary line), to tell whether a change needs them drawn again."""
    current = case()
    view = None if current.profile.is_empty else screened(current.profile, rule_book)[1]
    return (
        current.can_step_back,
        current.can_step_forward,
        tuple(current.notices),
        view.headline if view else None,
        view.urgent if view else None,
        view.differential is not None if view else None,
    )


def mark_status_shown(rule_book: RuleBook) -> None:
    st.session_state[_STATUS_SHOWN] = status_shown(rule_book)


def redraw(rule_book: RuleBook, *, entry: bool) -> None:
    """From a widget callback: rerun only the parts of the Screen page a change touches. The
    rest (the app frame, the toolbar and its PDF button) stays as it is."""
    status = st.session_state.get(_STATUS_SHOWN) != status_shown(rule_book)
    st.rerun(
        [RESULTS, *([STATUS, HISTORY, SUMMARY] if status else []), *([ENTRY] if entry else [])]
    )


@guarded
def step(offset: int, rule_book: RuleBook) -> None:
    current = case()
    if current.step(offset):
        current.show()
        current.notices = []
        write_url(current)
    redraw(rule_book, entry=True)


@guarded
def start_again(rule_book: RuleBook) -> None:
    current = case()
    current.commit(Profile())
    current.show(FormEntry())
    current.notices = []
    write_url(current)
    redraw(rule_book, entry=True)


def open_uploaded(profile: Profile) -> None:
    """An uploaded case replaces the one on the page, as a new step (Step back brings the
    earlier one back), and goes into the address bar like any change."""
    current = case()
    current.commit(profile)
    current.show()
    current.notices = []
    write_url(current)


def open_case(profile: Profile) -> dict[str, str]:
    """Make `profile` the Screen page's case; returns the query parameters to switch pages with."""
    current = case()
    current.commit(profile)
    current.show()
    current.notices = []
    query = profile_to_query(profile)
    current.applied_query = {key: [value] for key, value in query.items()}
    return query
