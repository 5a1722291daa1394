"""One app server, one chromium and one browser context for the whole browser session; a fresh
page, and so a fresh Streamlit session, per test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.e2e.browser import require_chromium, unavailable
from tests.support.chromium import CHROMIUM_ARGS
from tests.support.servers import ROOT, streamlit_server

try:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        Page,
        Playwright,
        expect,
        sync_playwright,
    )
except ImportError:  # pragma: no cover - only without the dev requirements
    sync_playwright = None

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
STEP_TIMEOUT_MS = 30_000
DESKTOP = {"width": 1400, "height": 1000}


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright, once the browser is known to be there."""
    require_chromium()
    if sync_playwright is None:
        unavailable("Playwright is not installed: pip install -r requirements-dev.txt")
    expect.set_options(timeout=STEP_TIMEOUT_MS)
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser_context(
    playwright: Playwright, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrowserContext]:
    """One chromium profile for every test: a Streamlit session belongs to a page's connection,
    not to the profile, so pages stay strangers to each other. A profile on disk, unlike a
    throwaway one, keeps the app's compiled scripts between pages: each page then opens about a
    quarter faster."""
    context = playwright.chromium.launch_persistent_context(
        tmp_path_factory.mktemp("chromium-profile"),
        executable_path=str(require_chromium()),
        args=CHROMIUM_ARGS,
        accept_downloads=True,
        viewport=DESKTOP,
    )
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """A chromium for tests that need people strangers to each other down to their cookies
    (a teacher and students): each takes a context of its own."""
    launched = playwright.chromium.launch(
        executable_path=str(require_chromium()), args=CHROMIUM_ARGS
    )
    try:
        yield launched
    finally:
        launched.close()


@pytest.fixture(scope="session")
def app_url(browser_context: BrowserContext) -> Iterator[str]:
    """The app on the real rule book (requested after the browser, so it is skipped with it)."""
    with streamlit_server(ROOT / "streamlit_app.py") as server:
        yield server.url


@dataclass(frozen=True)
class Screenshots:
    """`screenshot(page, name)` saves the page as artifacts/screenshots/name.png for a person to
    look over, when the run asked for it (`--screenshots`); otherwise it does nothing, as each
    one costs up to a second."""

    wanted: bool

    def __call__(self, page: Page, name: str, *, full_page: bool = True) -> None:
        if self.wanted:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=full_page)


@pytest.fixture(scope="session")
def screenshot(request: pytest.FixtureRequest) -> Screenshots:
    return Screenshots(bool(request.config.getoption("--screenshots")))


def open_page(context: BrowserContext, viewport: dict[str, int] = DESKTOP) -> Iterator[Page]:
    """A page of its own (its own Streamlit session) that must end without a dialog or a
    traceback on screen."""
    page = context.new_page()
    page.set_viewport_size(viewport)
    page.set_default_timeout(STEP_TIMEOUT_MS)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        yield page
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_text("Traceback")).to_have_count(0)
        assert dialogs == [], f"a dialog fired: {dialogs}"
    finally:
        page.close()


@pytest.fixture
def app_page(browser_context: BrowserContext) -> Iterator[Page]:
    yield from open_page(browser_context)


@pytest.fixture
def second_page(browser_context: BrowserContext) -> Iterator[Page]:
    """A second, independent visitor."""
    yield from open_page(browser_context)
