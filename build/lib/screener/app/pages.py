"""The one list of the app's pages: the frame builds its navigation from it, and the tests open
every page from it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

APP_DIR = Path(__file__).resolve().parent
"""Page scripts are named by their full path, so the app runs from the repository and from an
installed package alike, whichever entry script started it."""


@dataclass(frozen=True)
class AppPage:
    key: str
    script: str
    """The page script's full path, as `st.Page` and `AppTest.switch_page` take it."""
    nav_label: str
    title: str
    """The page's own heading."""
    icon: str
    url_path: str


PAGES: tuple[AppPage, ...] = (
    AppPage(
        "screen",
        str(APP_DIR / "screen.py"),
        "Screen",
        "Screen a set of findings",
        ":material/checklist:",
        "",
    ),
    AppPage(
        "explore",
        str(APP_DIR / "explore.py"),
        "Explore syndromes",
        "Explore the syndromes",
        ":material/search:",
        "explore",
    ),
    AppPage(
        "cases",
        str(APP_DIR / "cases.py"),
        "Teaching cases",
        "Teaching cases",
        ":material/cases:",
        "cases",
    ),
    AppPage(
        "class",
        str(APP_DIR / "class.py"),
        "Live class",
        "Live class",
        ":material/groups:",
        "class",
    ),
    AppPage(
        "learn",
        str(APP_DIR / "learn.py"),
        "Learn",
        "Learn about paraneoplastic syndromes",
        ":material/menu_book:",
        "learn",
    ),
)
BY_KEY = {page.key: page for page in PAGES}
ERROR_PAGE = AppPage(
    "book_error",
    str(APP_DIR / "book_error.py"),
    "Rule book error",
    "The screener is unavailable",
    ":material/error:",
    "book_error",
)
