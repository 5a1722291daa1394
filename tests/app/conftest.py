"""AppTest helpers: run the real app frame, act like a learner, and read what the page shows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from screener.app import case_state
from screener.app.pages import PAGES as APP_PAGES
from screener.inputs.form import pick_token
from screener.inputs.query import profile_to_query
from screener.models import Profile
from screener.rulebook import RuleBook
from screener.settings import RULES_DIR_ENV
from tests.support.html_text import html_headings, html_text

APP = Path(__file__).resolve().parents[2] / "streamlit_app.py"
PAGES = {page.key: page.script for page in APP_PAGES}
PICKER = "entry.pick"
CHIPS = "entry.chips."
_ESCAPE = re.compile(r"\\(.)")


def unescape(text: str) -> str:
    """Markdown source as the reader sees it: backslash escapes show as the character."""
    return _ESCAPE.sub(r"\1", text).replace("\u2060", "")


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The app on the real rule book, whatever the environment says."""
    monkeypatch.delenv(RULES_DIR_ENV, raising=False)
    return AppTest.from_file(str(APP), default_timeout=30)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, object]]:
    """Every download button the page draws, by label, with what it would send."""
    made: dict[str, dict[str, object]] = {}
    original = st.download_button

    def spy(label, data, *args, **kwargs):
        made[label] = {"data": data, **kwargs}
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    return made


TEXT_ELEMENTS = frozenset(
    {"title", "header", "subheader", "markdown", "caption", "code", "text"}
    | {"error", "warning", "info", "success"}
)


def shown(at: AppTest) -> Iterator[tuple[str, str]]:
    """Every text element of the page, in page order, as (element type, text as read): the
    app's own HTML (a result card's body) as the text a browser shows of it."""
    for node in at.main:
        if node.type in TEXT_ELEMENTS:
            yield node.type, unescape(str(node.value))
        elif node.type == "html" and not node.proto.body.startswith("<style>"):
            yield node.type, html_text(node.proto.body)


def assert_framed(seen: list[tuple[str, str]], disclaimer: str, see_a_physician: str) -> None:
    """The page opens with a line of the disclaimer and one of the physician prompt, each its
    text's first sentence, then (in the fold one tap away) each in full."""
    kind, lines = seen[0]
    assert kind == "markdown"
    assert [line.strip("* ") for line in lines.splitlines()] == [
        disclaimer.split(". ")[0] + ".",
        see_a_physician.split(". ")[0] + ".",
    ]
    assert seen[1:3] == [("warning", disclaimer), ("info", see_a_physician)]


def page_text(at: AppTest) -> str:
    return "\n".join(text for _, text in shown(at))


def assert_no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def button(at: AppTest, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
    return matches[0]


TAB_KEYS = {"explore": "explore.tab", "cases": "cases.tab"}
"""The session-state key of each tabbed page's tabs (only the open tab is drawn)."""


def open_page(at: AppTest, page: str, tab: str | None = None) -> AppTest:
    """Open an app page through the frame, at one of its tabs if `tab` is given, as its
    address does: the page's first run is the session's first run."""
    at.switch_page(PAGES[page]).run()
    if tab is not None:
        at.session_state[TAB_KEYS[page]] = tab
        at.run()
    assert_no_exception(at)
    return at


def open_link(at: AppTest, profile: Profile, **extra: str) -> AppTest:
    """Open the Screen page from a link to `profile`, as a shared link or a teaching case does."""
    at.query_params.update({**profile_to_query(profile), **extra})
    at.run()
    assert_no_exception(at)
    return at


def whole_page(at: AppTest) -> AppTest:
    """After a press that redraws only its fragment (a commit or a skip on the Cases stepper),
    AppTest's tree holds that fragment alone, where a browser keeps the rest of the page as it
    was: a full run draws the page a test then reads as a whole."""
    at.run()
    assert_no_exception(at)
    return at


def pick(at: AppTest, kind: str, item_id: str) -> AppTest:
    """Choose one item in the Screen page's picker, as typing its name and pressing Enter does."""
    at.selectbox(key=PICKER).set_value(pick_token(kind, item_id)).run()
    assert_no_exception(at)
    return at


def chips(at: AppTest) -> dict[str, list[str]]:
    """The chosen findings (the chips pressed), by body system, as the page shows them."""
    return {
        group.key.removeprefix(CHIPS): list(group.value)
        for group in at.pills
        if group.key and group.key.startswith(CHIPS) and group.value
    }


def take_out(at: AppTest, book: RuleBook, finding: str) -> AppTest:
    """Click a finding's chip, taking it out of the case."""
    key = CHIPS + book.system_of_finding[finding].id
    at.pills(key=key).unselect(finding).run()
    assert_no_exception(at)
    return at


def case_link(at: AppTest) -> dict[str, str]:
    """The address bar's query, as a link would carry it."""
    return {key: at.query_params[key] for key in at.query_params}


def card_titles(at: AppTest) -> list[str]:
    """The pattern cards' headings (level 3, in each card's HTML), in rank order."""
    titles = [title for html in at.get("html") for title in html_headings(html.proto.body, 3)]
    return [title for title in titles if re.match(r"\d+\. ", title)]


def card_title(rank: int, syndrome_id: str, book: RuleBook) -> str:
    name = book.syndrome_by_id[syndrome_id].name
    return f"{rank}. {book.safety.not_a_diagnosis_label}: {name}"


@pytest.fixture
def pdf_builds(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Each PDF download button's arguments, as the page draws them (the other downloads, a
    Phenopacket or a quiz, are left out)."""
    made: list[dict] = []
    original = st.download_button

    def spy(label, data, *args, **kwargs):
        if kwargs.get("mime") == "application/pdf":
            made.append({"label": label, "data": data, **kwargs})
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    monkeypatch.setattr(case_state, "PDF_GRACE_S", 0.0)
    return made
