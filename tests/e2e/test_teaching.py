"""A teacher walks a staged case in the browser, stage by stage (committing to the first stage,
skipping to the answer at the others), then opens a stage in Screen;
a learner follows a look-up link to a rule."""

from __future__ import annotations

import io
import re
import time

from PIL import Image
from playwright.sync_api import Locator, Page, expect

from screener.engine import screen_case
from screener.models import TeachingCase
from screener.rulebook import RuleBook
from tests.e2e.conftest import Screenshots
from tests.e2e.flows import card_titles

STAGED_CASE = "case_stairs_and_dry_mouth"
PATTERN_COLOUR = (76, 120, 168)
"""The first pattern's colour in the chart (Vega's tableau10 scheme)."""
DRAWN_PIXELS = 150
"""Fewer pixels of it than a line through three stages and its points leave."""
DRAW_WAIT_S = 5.0


def _expect_drawn_in(chart: Locator, colour: tuple[int, int, int]) -> None:
    """The chart has drawn its data: Vega paints on a canvas, so the page cannot be asked which
    marks it holds; a screenshot of the chart can."""
    chart.scroll_into_view_if_needed()
    deadline = time.monotonic() + DRAW_WAIT_S
    while True:
        image = Image.open(io.BytesIO(chart.screenshot())).convert("RGB")
        drawn = sum(
            1
            for pixel in image.get_flattened_data()
            if all(abs(a - b) <= 6 for a, b in zip(pixel, colour, strict=True))
        )
        if drawn >= DRAWN_PIXELS or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert drawn >= DRAWN_PIXELS, f"the chart drew {drawn} pixels of its first pattern's colour"


def _case(book: RuleBook) -> TeachingCase:
    case = book.case_by_id[STAGED_CASE]
    assert case.stages and case.stage_tops[0] is None, "the walk needs a case that narrows"
    return case


def test_a_teacher_walks_a_staged_case_and_the_picture_narrows(
    app_page: Page, app_url: str, book: RuleBook, screenshot: Screenshots
) -> None:
    case = _case(book)
    count = len(case.stage_profiles)
    app_page.goto(f"{app_url}/cases")
    card = (
        app_page.get_by_test_id("stVerticalBlock")
        .filter(has=app_page.get_by_role("heading", name=case.title, exact=True))
        .last
    )
    card.get_by_role("button", name="Step through this case").click()
    expect(app_page.get_by_role("tab", name="Step through a case")).to_have_attribute(
        "aria-selected", "true"
    )
    for screening in screen_case(case, book).stages:
        index = screening.index
        title = "Presentation" if index == 0 else case.stages[index - 1].title
        if index:
            app_page.get_by_role("button", name="Next stage").click()
        expect(
            app_page.get_by_role("heading", name=f"Stage {index + 1} of {count}: {title}")
        ).to_be_visible()
        expect(app_page.get_by_role("radio", name=f"{index + 1}. {title}")).to_be_checked()
        shown_first = (
            re.compile(rf"^1\. {re.escape(book.syndrome_by_id[screening.top].name)}: ")
            if screening.top
            else book.safety.no_pattern_heading
        )
        # Not in the page until the learner commits or skips.
        expect(app_page.get_by_text(shown_first)).to_have_count(0)
        if index == 0:
            # The learner commits 'no pattern yet', sure of it, and is told it is the stage's key.
            app_page.get_by_text("Fairly sure", exact=True).click()
            app_page.get_by_role("button", name="Commit and reveal").click()
            expect(app_page.get_by_text("You named the stage's key.")).to_be_visible()
        else:
            app_page.get_by_role("button", name="Skip to the answer").click()
        if screening.top is None:
            expect(app_page.get_by_text(book.safety.no_pattern_heading)).to_be_visible()
        else:
            name = book.syndrome_by_id[screening.top].name
            expect(app_page.get_by_text(re.compile(rf"^1\. {re.escape(name)}: "))).to_be_visible()
    expect(app_page.get_by_role("button", name="Next stage")).to_be_disabled()
    chart = app_page.get_by_label(re.compile("^Chart of the ordering points"), exact=False).and_(
        app_page.get_by_test_id("stVegaLiteChart")
    )
    expect(chart).to_be_visible()
    _expect_drawn_in(chart, PATTERN_COLOUR)
    # The end of the case: how sure the learner was at the one stage committed, and how often right.
    expect(
        app_page.get_by_label(re.compile("^Bar chart.*You were right on 1 of 1 stage"))
    ).to_be_visible()
    screenshot(app_page, "cases-staged")

    app_page.get_by_role("button", name="Open this stage in Screen").click()
    answer = book.syndrome_by_id[case.answer].name
    expect(card_titles(app_page).first).to_have_text(
        f"1. {book.safety.not_a_diagnosis_label}: {answer}"
    )
    expect(app_page).to_have_url(re.compile(r"\?f="))
