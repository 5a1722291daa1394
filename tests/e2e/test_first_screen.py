"""The first screen, on a phone (390×844) and a laptop (1280×800): the safety lines on every page
without scrolling, and the result of a shared case link in view as it opens (the top card on a
laptop, beside the entry; on a phone a summary naming it with its tier and the banner's level)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from screener.app.pages import PAGES
from screener.engine import screen
from screener.models import Profile
from screener.present import words
from screener.rulebook import RuleBook
from tests.e2e.conftest import Screenshots, open_page
from tests.e2e.flows import (
    card_titles,
    case_url,
    chip,
    expect_safety_in_view,
    lead_sentence,
)
from tests.support.cases import LEMS_OR_MYASTHENIA

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
SIZES = {"phone": PHONE, "laptop": LAPTOP}


@pytest.fixture(params=SIZES.values(), ids=SIZES.keys())
def sized_page(request: pytest.FixtureRequest, browser_context: BrowserContext) -> Iterator[Page]:
    yield from open_page(browser_context, viewport=request.param)


def _with_red_flag(book: RuleBook) -> Profile:
    """The LEMS-or-myasthenia case with a finding that raises the most urgent banner."""
    flag = next(
        f
        for f in book.red_flags
        if isinstance(f.when, str) and f.urgency.value == "now" and f.when in book.findings
    )
    return LEMS_OR_MYASTHENIA.model_copy(
        update={"findings": (*LEMS_OR_MYASTHENIA.findings, flag.when)}
    )


def _bottom(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["y"] + box["height"]


@pytest.mark.parametrize("urgent", [False, True], ids=["no-flag", "red-flag"])
def test_a_case_link_opens_with_its_result_in_the_first_screen(
    sized_page: Page, app_url: str, book: RuleBook, urgent: bool, screenshot: Screenshots
) -> None:
    page = sized_page
    profile = _with_red_flag(book) if urgent else LEMS_OR_MYASTHENIA
    result = screen(profile, book)
    top = result.matches[0]
    page.goto(case_url(app_url, profile))
    expect(card_titles(page).first).to_be_attached()
    expect_safety_in_view(page, book.safety.disclaimer, book.safety.see_a_physician)
    height = page.viewport_size["height"]
    summary = page.locator(".st-key-screen-summary")
    expect(summary).to_contain_text(f"Top pattern: {top.name} ({words.TIER_SHORT[top.tier]})")
    banner = page.get_by_test_id("stAlertContentError")
    if urgent:
        heading = book.safety.urgent.now.heading
        # The summary names the banner's level first; the banner leads with its action.
        said = summary.inner_text()
        assert heading in said and said.index(heading) < said.index("Top pattern")
        expect(banner.get_by_role("heading").first).to_have_text(heading)
        banner_box, card_box = banner.bounding_box(), card_titles(page).first.bounding_box()
        assert banner_box and card_box and banner_box["y"] < card_box["y"], "banner above"
    else:
        expect(banner).to_have_count(0)
    screenshot(page, f"first-screen-{page.viewport_size['width']}-{urgent}", full_page=False)
    assert _bottom(page, ".st-key-screen-summary") <= height
    if page.viewport_size == LAPTOP:
        card_y = card_titles(page).first.bounding_box()["y"]
        assert card_y < height, f"the top card's heading at y={card_y}"
        # A change is seen where it happens: the updated top card is still in the first screen.
        dry_mouth = book.findings["dry_mouth"].label
        chip(page, dry_mouth).click()
        expect(chip(page, dry_mouth)).to_have_attribute("aria-pressed", "false")
        expect(page.get_by_role("status").filter(has_text="What changed.")).to_contain_text(
            dry_mouth
        )
        assert card_titles(page).first.bounding_box()["y"] < height


def test_every_page_and_presentation_mode_open_with_the_safety_lines_in_view(
    sized_page: Page, app_url: str, book: RuleBook
) -> None:
    for page in PAGES:
        for query in ("", "?present=1"):
            sized_page.goto(f"{app_url}/{page.url_path}{query}")
            expect(sized_page.get_by_role("heading", name=page.title, exact=True)).to_be_attached()
            expect_safety_in_view(sized_page, book.safety.disclaimer, book.safety.see_a_physician)
    # The whole wording is one tap away, and the lines say no more than its first sentences.
    frame = sized_page.locator(".st-key-safety-frame")
    frame.get_by_text(words.SAFETY_IN_FULL).click()
    for text in (book.safety.disclaimer, book.safety.see_a_physician):
        expect(frame.get_by_text(text, exact=True)).to_be_visible()
        assert len(lead_sentence(text)) < len(text)
