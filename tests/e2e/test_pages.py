"""Every page carries the safety framing, is reached from the navigation and asks nothing of any
server but the app's own (and is saved as a screenshot for review, when asked for with
`--screenshots`)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, Request, expect

from screener.app.pages import PAGES
from screener.rulebook import RuleBook
from tests.e2e.conftest import Screenshots
from tests.e2e.flows import expect_safety_in_view


def test_every_page_shows_the_safety_text_and_reaches_no_other_server(
    app_page: Page, app_url: str, book: RuleBook, screenshot: Screenshots
) -> None:
    """A teaching room may be offline, and a learner's address is no one else's business: no
    font, icon or script comes from anywhere but the app."""
    app = urlsplit(app_url).netloc
    elsewhere: list[str] = []

    def note_elsewhere(request: Request) -> None:
        url = urlsplit(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != app:
            elsewhere.append(request.url)

    app_page.on("request", note_elsewhere)
    app_page.goto(app_url)
    # Round the navigation, from the first page back to it.
    for page in (*PAGES[1:], PAGES[0]):
        app_page.get_by_test_id("stTopNav").get_by_role("link", name=page.nav_label).click()
        expect(app_page.get_by_role("heading", name=page.title, exact=True)).to_be_visible()
        expect(app_page).to_have_url(f"{app_url}/{page.url_path}")
        expect_safety_in_view(app_page, book.safety.disclaimer, book.safety.see_a_physician)
        screenshot(app_page, page.key)
    icon = app_page.locator("link[rel*='icon']")
    expect(icon).to_have_attribute("href", re.compile(rf"^{re.escape(app_url)}/"))
    assert elsewhere == []
