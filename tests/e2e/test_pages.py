"""Every page carries the safety framing; each is saved as a screenshot for review."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from screener.rulebook import RuleBook

PAGES = {  # name: (path, link in the navigation, the page's title)
    "screen": ("", "Screen", "Screen a set of findings"),
    "explore": ("explore", "Explore syndromes", "Explore the syndromes"),
    "cases": ("cases", "Teaching cases", "Teaching cases"),
    "learn": ("learn", "Learn", "Learn about paraneoplastic syndromes"),
}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_shows_the_disclaimer_and_the_physician_prompt(
    app_page: Page, app_url: str, real_book: RuleBook, screenshots: Path, name: str
) -> None:
    path, _link, title = PAGES[name]
    app_page.goto(f"{app_url}/{path}")
    expect(app_page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(app_page.get_by_text(real_book.safety.disclaimer, exact=True)).to_be_visible()
    expect(app_page.get_by_text(real_book.safety.see_a_physician, exact=True)).to_be_visible()
    app_page.screenshot(path=screenshots / f"{name}.png", full_page=True)


def test_navigation_reaches_every_page(app_page: Page, app_url: str, real_book: RuleBook) -> None:
    app_page.goto(f"{app_url}/learn")
    for _path, link, title in PAGES.values():
        app_page.get_by_test_id("stTopNav").get_by_role("link", name=link).click()
        expect(app_page.get_by_role("heading", name=title, exact=True)).to_be_visible()
        expect(app_page.get_by_text(real_book.safety.disclaimer, exact=True)).to_be_visible()
