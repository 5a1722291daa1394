"""A learner builds a case in the browser: find by synonym, remove a chip, read what changed and
what to ask next, share the link, step back, and use it on a phone and at a projector."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import BrowserContext, Page, expect
from pypdf import PdfReader

from screener.engine import screen
from screener.models import Profile
from screener.rulebook import RuleBook
from tests.e2e.conftest import Screenshots, open_page
from tests.e2e.flows import (
    card_titles,
    case_url,
    changes,
    chip,
    expect_safety_in_view,
    lead_sentence,
    open_screen,
    picker,
    type_and_pick,
)
from tests.support.cases import LEMS_OR_MYASTHENIA, synonym_only_finding

PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1280, "height": 720}


def _normalise(text: str) -> str:
    return " ".join(text.split())


def test_a_finding_is_found_by_a_synonym_added_and_removed_from_the_keyboard(
    app_page: Page, app_url: str, book: RuleBook, screenshot: Screenshots
) -> None:
    finding, synonym = synonym_only_finding(book)
    open_screen(app_page, app_url)
    type_and_pick(app_page, synonym, finding.label)
    # No button pressed: the results and what changed follow the pick.
    expect(app_page.get_by_role("heading", name="Results")).to_be_visible()
    expect(changes(app_page)).to_contain_text(f"Added: {finding.label}.")
    expect(app_page).to_have_url(re.compile(rf"[?&]f={finding.id}(&|$)"))
    chip(app_page, finding.label).focus()
    app_page.keyboard.press("Space")
    expect(changes(app_page)).to_contain_text(f"Removed: {finding.label}.")
    expect(app_page).not_to_have_url(re.compile(rf"[?&]f={finding.id}(&|$)"))
    # The chip is left unpressed until the entry is redrawn, and the last finding taken out
    # redraws the whole page (the PDF button goes), so it may already be gone: either way it
    # is not pressed.
    pressed = app_page.get_by_role("toolbar").get_by_role(
        "button", name=finding.label, exact=True, pressed=True
    )
    expect(pressed).to_have_count(0)
    screenshot(app_page, "screen-keyboard")


def test_clicking_a_chip_takes_it_out_updates_the_top_card_and_says_what_did_it(
    app_page: Page, app_url: str, book: RuleBook, screenshot: Screenshots
) -> None:
    app_page.goto(case_url(app_url, LEMS_OR_MYASTHENIA))
    lems = book.syndrome_by_id["lems"].name
    expect(card_titles(app_page).filter(has_text=lems)).to_have_count(1)
    # Without its key (strength that briefly improves with effort) and with no cancer known,
    # LEMS shows no card at all.
    key = book.findings["strength_improves_with_effort"].label
    chip(app_page, key).click()
    expect(card_titles(app_page).filter(has_text=lems)).to_have_count(0)
    expect(changes(app_page)).to_contain_text(f"Removed: {key}.")
    expect(changes(app_page)).to_contain_text(f"{lems} disappeared")
    screenshot(app_page, "screen-results")


def test_a_lab_value_typed_with_a_decimal_comma_is_read_as_meant(
    app_page: Page, app_url: str, book: RuleBook
) -> None:
    glucose = book.lab_by_id["glucose"]
    open_screen(app_page, app_url)
    type_and_pick(app_page, glucose.label, glucose.label, kind="lab")
    value = app_page.get_by_label(glucose.label, exact=True)
    # Typed key by key, as a learner types (a number field drops the comma as it is typed).
    value.press_sequentially("5,5")
    value.press("Enter")
    read_as = urlencode({"lab": f"glucose:5.5:{glucose.unit}"})
    expect(app_page).to_have_url(re.compile(rf"[?&]{re.escape(read_as)}(&|$)"))
    expect(changes(app_page)).to_contain_text(f"Added: {glucose.label} 5.5 {glucose.unit}")
    expect(value).to_have_value("5,5")
    # A comma that could also group thousands is a question, beside the value, never a guess.
    value.fill("")
    value.press_sequentially("1,500")
    value.press("Enter")
    beside = app_page.get_by_role("alert").filter(has_text="did you mean 1.5 or 1500?")
    expect(beside).to_contain_text("Not used until corrected")
    expect(app_page).to_have_url(re.compile(r"^(?!.*lab=)"))
    expect(value).to_have_value("1,500")


def test_the_browsers_back_and_forward_step_through_the_case(
    app_page: Page, app_url: str, book: RuleBook
) -> None:
    start = case_url(app_url, Profile(findings=("ptosis",)))
    app_page.goto(start)
    double_vision = book.findings["double_vision"].label
    type_and_pick(app_page, double_vision, double_vision)
    expect(app_page).to_have_url(re.compile("double_vision"))
    app_page.go_back()
    expect(chip(app_page, double_vision)).to_have_count(0)
    expect(app_page).to_have_url(start)
    expect(app_page.get_by_role("button", name="Step forward")).to_be_enabled()
    app_page.go_forward()
    expect(chip(app_page, double_vision)).to_have_attribute("aria-pressed", "true")
    app_page.get_by_role("button", name="Step back").click()
    expect(chip(app_page, double_vision)).to_have_count(0)


def test_on_a_phone_the_top_result_is_in_reach_and_nothing_scrolls_sideways(
    browser_context: BrowserContext, app_url: str, book: RuleBook, screenshot: Screenshots
) -> None:
    pages = open_page(browser_context, viewport=PHONE)
    page = next(pages)
    try:
        page.goto(case_url(app_url, LEMS_OR_MYASTHENIA))
        top = screen(LEMS_OR_MYASTHENIA, book).matches[0].name
        summary = page.locator(".st-key-screen-summary")
        expect(summary).to_contain_text(f"Top pattern: {top}")
        expect(card_titles(page).first).to_be_attached()
        screenshot(page, "screen-phone", full_page=False)
        # In the first screen, and still in view after scrolling down through the entry.
        assert summary.bounding_box()["y"] + summary.bounding_box()["height"] <= PHONE["height"]
        page.get_by_test_id("stMain").evaluate("main => main.scrollBy(0, 1200)")
        box = summary.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
        summary.get_by_role("link", name="Jump to the results").click()
        expect(card_titles(page).first).to_be_in_viewport()
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth,"
            " document.querySelector('[data-testid=stMain]').scrollWidth]"
        )
        assert max(widths) <= PHONE["width"], widths
    finally:
        next(pages, None)


def test_presentation_mode_keeps_the_safety_text_on_screen_while_stepping(
    browser_context: BrowserContext, app_url: str, book: RuleBook, screenshot: Screenshots
) -> None:
    pages = open_page(browser_context, viewport=PROJECTOR)
    page = next(pages)
    try:
        page.goto(case_url(app_url, LEMS_OR_MYASTHENIA, present="1"))
        expect(card_titles(page).first).to_be_visible()
        expect(picker(page)).to_have_count(0)
        # Large type: the page's root font size, which Streamlit's sizes follow.
        page.wait_for_function("getComputedStyle(document.documentElement).fontSize === '24px'")
        expect_safety_in_view(page, book.safety.disclaimer, book.safety.see_a_physician)
        page.get_by_test_id("stMain").evaluate("main => main.scrollBy(0, 100000)")
        reminder = page.locator(".st-key-safety-lines")
        expect(reminder).to_be_in_viewport(ratio=1)
        expect(reminder).to_contain_text(lead_sentence(book.safety.disclaimer))
        expect(reminder).to_contain_text(lead_sentence(book.safety.see_a_physician))
        screenshot(page, "screen-presentation", full_page=False)
        dry_mouth = book.findings["dry_mouth"].label
        chip(page, dry_mouth).click()
        expect(chip(page, dry_mouth)).to_have_attribute("aria-pressed", "false")
        expect(page).to_have_url(re.compile(r"^(?!.*dry_mouth)"))
        page.get_by_role("button", name="Step back").click()
        expect(chip(page, dry_mouth)).to_have_attribute("aria-pressed", "true")
        expect(page).to_have_url(re.compile(r"[?&]present=1"))
        expect(reminder).to_be_attached()
    finally:
        next(pages, None)


def test_a_pdf_downloaded_right_after_a_change_is_of_the_new_case_on_every_page(
    app_page: Page, app_url: str, book: RuleBook
) -> None:
    app_page.goto(case_url(app_url, LEMS_OR_MYASTHENIA))
    expect(card_titles(app_page).first).to_be_visible()
    cancer = book.cancer_by_id["sclc"]
    picker(app_page).focus()
    app_page.keyboard.type(cancer.label)
    expect(app_page.get_by_role("option").first).to_contain_text(cancer.label)
    app_page.keyboard.press("Enter")
    # Pressed at once, without waiting for the new results to be drawn.
    with app_page.expect_download() as download_info:
        app_page.get_by_role("button", name="Download a PDF summary").click()
    download = download_info.value
    assert re.fullmatch(r"pns-screening-summary-\d{8}-\d{4}\.pdf", download.suggested_filename)
    pdf = Path(download.path()).read_bytes()
    pages = [_normalise(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert pages
    for number, text in enumerate(pages, start=1):
        assert _normalise(book.safety.disclaimer) in text, f"page {number}"
        assert _normalise(book.safety.see_a_physician) in text, f"page {number}"
    assert cancer.label in " ".join(pages), "the PDF is of the case after the change"
