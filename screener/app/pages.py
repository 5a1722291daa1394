"""The one list of the app's pages: the frame builds its navigation from it, and the tests open
every page from it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AppPage:
    key: str
    script: str
    """Relative to the repository root, as `st.Page` and `AppTest.switch_page` take it."""
    nav_label: str
    title: str
    """The page's own heading."""
    icon: str
    url_path: str


PAGES: tuple[AppPage, ...] = (
    AppPage(
        "screen",
        "screener/app/screen.py",
        "Screen",
        "Screen a set of findings",
        ":material/checklist:",
        "",
    ),
    AppPage(
        "explore",
        "screener/app/explore.py",
        "Explore syndromes",
        "Explore the syndromes",
        ":material/search:",
        "explore",
    ),
    AppPage(
        "cases",
        "screener/app/cases.py",
        "Teaching cases",
        "Teaching cases",
        ":material/cases:",
        "cases",
    ),
    AppPage(
        "class",
        "screener/app/class.py",
        "Live class",
        "Live class",
        ":material/groups:",
        "class",
    ),
    AppPage(
        "learn",
        "screener/app/learn.py",
        "Learn",
        "Learn about paraneoplastic syndromes",
        ":material/menu_book:",
        "learn",
    ),
)
BY_KEY = {page.key: page for page in PAGES}
ERROR_PAGE = AppPage(
    "book_error",
    "screener/app/book_error.py",
    "Rule book error",
    "The screener is unavailable",
    ":material/error:",
    "book_error",
)
