"""Every page carries the safety framing; each is saved as a screenshot for review."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from screener.app.pages import PAGES as APP_PAGES
from screener.rulebook import RuleBook

PAGES = {page.key: (page.url_path, page.nav_label, page.title) for page in APP_PAGES}


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
