"""AppTest helpers: run the real app frame, act like a learner, and read what the page shows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from screener.app.pages import PAGES as APP_PAGES
from screener.app.state import RULES_DIR_ENV
from screener.models import Profile
from screener.rulebook import RuleBook

APP = Path(__file__).resolve().parents[2] / "streamlit_app.py"
PAGES = {page.key: page.script for page in APP_PAGES}
SUBMIT = "Screen these findings"
_ESCAPE = re.compile(r"\\(.)")


def unescape(text: str) -> str:
    """Markdown source as the reader sees it: backslash escapes show as the character."""
    return _ESCAPE.sub(r"\1", text).replace("\u2060", "")


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The app on the real rule book, whatever the environment says."""
    monkeypatch.delenv(RULES_DIR_ENV, raising=False)
    return AppTest.from_file(str(APP), default_timeout=30)


TEXT_ELEMENTS = frozenset(
    {"title", "header", "subheader", "markdown", "caption", "code", "text"}
    | {"error", "warning", "info", "success"}
)


def shown(at: AppTest) -> Iterator[tuple[str, str]]:
    """Every text element of the page, in page order, as (element type, text as read)."""
    for node in at.main:
        if node.type in TEXT_ELEMENTS:
            yield node.type, unescape(str(node.value))


def page_text(at: AppTest) -> str:
    return "\n".join(text for _, text in shown(at))


def assert_no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def button(at: AppTest, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
    return matches[0]


def fill_form(at: AppTest, profile: Profile, revision: int = 0) -> None:
    """Enter `profile` in the Screen form the way a learner would: tick, choose, type."""

    def key(name: str) -> str:
        return f"screen.{revision}.{name}"

    for finding in profile.findings:
        at.checkbox(key=key(f"finding.{finding}")).check()
    at.multiselect(key=key("cancers")).set_value(list(profile.cancers))
    at.multiselect(key=key("antibodies")).set_value(list(profile.antibodies))
    for lab in profile.labs:
        at.number_input(key=key(f"lab.{lab.analyte}")).set_value(lab.value)
        at.selectbox(key=key(f"unit.{lab.analyte}")).set_value(lab.unit)
    at.selectbox(key=key("age")).set_value(profile.age_band)
    at.selectbox(key=key("sex")).set_value(profile.sex)
    at.selectbox(key=key("follow_up")).set_value(profile.follow_up)


def submit(at: AppTest) -> AppTest:
    button(at, SUBMIT).click().run()
    assert_no_exception(at)
    return at


def card_titles(at: AppTest) -> list[str]:
    """The pattern cards' headings, in rank order."""
    titles = [unescape(s.value) for s in at.subheader]
    return [title for title in titles if re.match(r"\d+\. ", title)]


def card_title(rank: int, syndrome_id: str, book: RuleBook) -> str:
    name = book.syndrome_by_id[syndrome_id].name
    return f"{rank}. {book.safety.not_a_diagnosis_label}: {name}"
