"""A trap a teacher fell into: typing in a picker and pressing Enter picked every match."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from screener.rulebook import RuleBook


def test_typing_in_the_handout_picker_then_enter_picks_one_case_not_every_match(
    app_page: Page, app_url: str, book: RuleBook
) -> None:
    app_page.goto(f"{app_url}/cases")
    app_page.get_by_role("tab", name="Class handout").click()
    picker = app_page.get_by_role("combobox", name="Cases for the handout")
    picker.click()
    app_page.keyboard.type("a")
    options = app_page.get_by_role("option")
    expect(options.first).to_be_visible()
    expect(options.filter(has_text="matches")).to_have_count(0)
    first = options.first.inner_text()
    app_page.keyboard.press("Enter")
    chosen = app_page.get_by_test_id("stMultiSelect").locator("[data-tag]")
    expect(chosen).to_have_count(1)
    expect(chosen).to_have_attribute("aria-label", first)
