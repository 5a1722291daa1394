"""Presentation mode (`?present=1`) wherever a teacher presents, at a projector's 1920×1080 and
an old one's 1024×768: large type, no grey text, the safety lines pinned in a strip of at most
15 % of the screen, and the control the teacher needs next in the first screen above it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from screener.present import teaching_words
from screener.rulebook import RuleBook
from tests.e2e.conftest import Screenshots, open_page
from tests.e2e.flows import card_titles, case_url, expect_safety_in_view, lead_sentence
from tests.support.cases import LEMS_OR_MYASTHENIA

SIZES = {"1920x1080": {"width": 1920, "height": 1080}, "1024x768": {"width": 1024, "height": 768}}
STRIP_MAX_SHARE = 0.15
COMPARED = ("lems", "myasthenia_gravis_thymoma")
STAGED_CASE = "case_stairs_and_dry_mouth"


@pytest.fixture(params=SIZES.values(), ids=SIZES.keys())
def projector(request: pytest.FixtureRequest, browser_context: BrowserContext) -> Iterator[Page]:
    yield from open_page(browser_context, viewport=request.param)


def _strip(page: Page, book: RuleBook) -> dict[str, float]:
    """The pinned safety strip, checked as a person at the back of the room sees it."""
    page.wait_for_function("getComputedStyle(document.documentElement).fontSize === '24px'")
    strip = page.locator(".st-key-safety-lines")
    expect(strip).to_be_in_viewport(ratio=1)
    expect_safety_in_view(page, book.safety.disclaimer, book.safety.see_a_physician)
    box = strip.bounding_box()
    assert box is not None
    # Every line inside the strip as measured (none spilling out of it below).
    for text in (book.safety.disclaimer, book.safety.see_a_physician):
        line = strip.get_by_text(lead_sentence(text), exact=True).bounding_box()
        assert line is not None and box["y"] <= line["y"]
        assert line["y"] + line["height"] <= box["y"] + box["height"]
    height = page.viewport_size["height"]
    assert box["height"] <= STRIP_MAX_SHARE * height, f"strip {box['height']} of {height} px"
    # Full-strength text: every caption and grey phrase in the page's own text colour.
    faint = page.evaluate(
        """() => {
          const text = getComputedStyle(document.querySelector('[data-testid=stMain]')).color;
          return [...document.querySelectorAll(
            '[data-testid=stCaptionContainer], .stMarkdownColoredText'
          )].map(e => getComputedStyle(e)).filter(s => s.color !== text || s.opacity !== '1')
            .map(s => `${s.color} at ${s.opacity}`);
        }"""
    )
    assert faint == []
    return box


def _above_the_strip(control: Locator, strip: dict[str, float]) -> None:
    expect(control).to_be_in_viewport(ratio=1)
    box = control.bounding_box()
    assert box is not None and box["y"] + box["height"] <= strip["y"], "hidden by the strip"


def test_the_screen_page_presents_a_case_link(
    projector: Page, app_url: str, book: RuleBook, screenshot: Screenshots
) -> None:
    projector.goto(case_url(app_url, LEMS_OR_MYASTHENIA, present="1"))
    expect(card_titles(projector).first).to_be_visible()
    strip = _strip(projector, book)
    _above_the_strip(projector.get_by_role("button", name="Step back"), strip)
    screenshot(projector, f"present-screen-{projector.viewport_size['width']}", full_page=False)


def test_the_cases_stepper_presents_with_next_stage_at_the_top(
    projector: Page, app_url: str, book: RuleBook, screenshot: Screenshots
) -> None:
    projector.goto(f"{app_url}/cases?present=1")
    title = book.case_by_id[STAGED_CASE].title
    projector.get_by_test_id("stVerticalBlock").filter(
        has=projector.get_by_role("heading", name=title, exact=True)
    ).last.get_by_role("button", name="Step through this case").click()
    next_stage = projector.get_by_role("button", name="Next stage")
    strip = _strip(projector, book)
    _above_the_strip(next_stage, strip)
    next_stage.click()
    expect(projector.get_by_role("radio").nth(1)).to_be_checked()
    _above_the_strip(next_stage, _strip(projector, book))
    screenshot(projector, f"present-stepper-{projector.viewport_size['width']}", full_page=False)


def test_practice_presents(
    projector: Page, app_url: str, book: RuleBook, screenshot: Screenshots
) -> None:
    projector.goto(f"{app_url}/cases?present=1")
    projector.get_by_role("tab", name="Practice").click()
    expect(projector.get_by_role("button", name=teaching_words.SKIP_BUTTON)).to_be_visible()
    _strip(projector, book)
    screenshot(projector, f"present-practice-{projector.viewport_size['width']}", full_page=False)


def test_explore_compare_presents_without_the_filters(
    projector: Page, app_url: str, book: RuleBook, screenshot: Screenshots
) -> None:
    projector.goto(f"{app_url}/explore?present=1")
    projector.get_by_role("tab", name="Compare").click()
    chooser = projector.get_by_role("combobox", name="Syndromes to compare (two or three)")
    strip = _strip(projector, book)
    _above_the_strip(chooser, strip)
    expect(projector.get_by_role("combobox", name="Categories")).to_have_count(0)
    for syndrome in COMPARED:
        name = book.syndrome_by_id[syndrome].name
        chooser.click()
        projector.keyboard.type(name)
        projector.get_by_role("option", name=name, exact=True).click()
        projector.keyboard.press("Escape")
    for syndrome in COMPARED:
        heading = projector.get_by_role("heading", name=book.syndrome_by_id[syndrome].name)
        expect(heading.first).to_be_in_viewport()
    _strip(projector, book)
    screenshot(projector, f"present-compare-{projector.viewport_size['width']}", full_page=False)
