"""A learner screens a teaching case in the browser, downloads the PDF and shares the link."""

from __future__ import annotations

import io
import re
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from screener.rulebook import RuleBook
from tests.e2e.flows import card_titles, open_screen, submit, tick

VEIN_CASE = "case_moving_vein_clots"
URGENT_CASE = "case_weakness_swelling_low_potassium"


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _top_card(book: RuleBook, syndrome: str) -> str:
    return f"1. {book.safety.not_a_diagnosis_label}: {book.syndrome_by_id[syndrome].name}"


def test_ticking_a_cases_findings_shows_its_pattern_first(
    app_page: Page, app_url: str, real_book: RuleBook, screenshots: Path
) -> None:
    case = real_book.case_by_id[VEIN_CASE]
    open_screen(app_page, app_url)
    expect(app_page.get_by_text("Tick the findings of a case")).to_be_visible()
    tick(app_page, real_book, case.findings)
    submit(app_page)
    expect(card_titles(app_page).first).to_have_text(_top_card(real_book, case.answer))
    expect(app_page.get_by_text(real_book.safety.urgent.now.heading)).to_have_count(0)
    app_page.screenshot(path=screenshots / "screen-results.png", full_page=True)


def test_a_red_flag_case_opened_from_the_library_shows_the_urgent_banner(
    app_page: Page, app_url: str, real_book: RuleBook, screenshots: Path
) -> None:
    case = real_book.case_by_id[URGENT_CASE]
    app_page.goto(f"{app_url}/cases")
    # The innermost block holding the case's title is the case's own bordered card.
    card = (
        app_page.get_by_test_id("stVerticalBlock")
        .filter(has=app_page.get_by_role("heading", name=case.title, exact=True))
        .last
    )
    card.get_by_role("button", name="Open this case in Screen").click()
    banner = app_page.get_by_role("alert").filter(has_text=real_book.safety.urgent.now.heading)
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(real_book.safety.urgent.now.text)
    expect(card_titles(app_page).first).to_have_text(_top_card(real_book, case.answer))
    # The banner comes before every result card.
    banner_top = banner.bounding_box()["y"]
    assert banner_top < card_titles(app_page).first.bounding_box()["y"]
    app_page.screenshot(path=screenshots / "screen-urgent.png", full_page=True)


def test_the_pdf_download_carries_the_disclaimer_on_every_page(
    app_page: Page, app_url: str, real_book: RuleBook
) -> None:
    case = real_book.case_by_id[VEIN_CASE]
    open_screen(app_page, app_url)
    tick(app_page, real_book, case.findings)
    submit(app_page)
    with app_page.expect_download() as download_info:
        app_page.get_by_role("button", name="Download a PDF summary").click()
    download = download_info.value
    assert re.fullmatch(r"pns-screening-summary-\d{8}-\d{4}\.pdf", download.suggested_filename)
    pdf = Path(download.path()).read_bytes()
    pages = [_normalise(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert pages
    for number, text in enumerate(pages, start=1):
        assert _normalise(real_book.safety.disclaimer) in text, f"page {number}"
        assert _normalise(real_book.safety.see_a_physician) in text, f"page {number}"
    assert real_book.syndrome_by_id[case.answer].name in " ".join(pages)


def test_a_shared_link_opens_the_same_case_for_someone_else(
    app_page: Page, second_page: Page, app_url: str, real_book: RuleBook
) -> None:
    case = real_book.case_by_id[VEIN_CASE]
    open_screen(app_page, app_url)
    tick(app_page, real_book, case.findings)
    submit(app_page)
    shared = app_page.get_by_test_id("stCode").filter(has_text="?f=")
    expect(shared).to_be_visible()
    link = shared.inner_text().strip()
    assert link.startswith(app_url)

    second_page.goto(link)
    expect(card_titles(second_page).first).to_have_text(_top_card(real_book, case.answer))
    form = second_page.get_by_test_id("stForm")
    for finding in case.findings:
        label = real_book.findings[finding].label
        expect(form.get_by_role("checkbox", name=label, exact=True)).to_be_checked()
