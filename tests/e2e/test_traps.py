"""Traps learners and teachers fell into: Enter in a picker picked every match, and words typed
in another order than a name's, or with another ending, found nothing."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from screener.rulebook import RuleBook
from tests.e2e.flows import changes, chip, open_screen, picker, settled


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


def test_words_in_another_order_then_enter_add_the_finding_that_holds_them(
    app_page: Page, app_url: str, book: RuleBook
) -> None:
    open_screen(app_page, app_url)
    picker(app_page).focus()
    app_page.keyboard.type("improve after exercise")
    app_page.keyboard.press("Enter")
    label = book.findings["strength_improves_with_effort"].label
    expect(chip(app_page, label)).to_have_attribute("aria-pressed", "true")
    expect(changes(app_page)).to_contain_text(f"Added: {label}.")
    settled(app_page)
    expect(picker(app_page)).to_be_focused()
    # Words in another order: no line holds them, so "Add: …" is the only line.
    app_page.keyboard.type("mouth dry")
    expect(app_page.get_by_role("option")).to_have_text(["Add: mouth dry"])
    app_page.keyboard.press("Enter")
    expect(chip(app_page, "Dry mouth")).to_have_attribute("aria-pressed", "true")


def test_an_ending_several_names_share_offers_them_to_choose_from(
    app_page: Page, app_url: str, book: RuleBook
) -> None:
    open_screen(app_page, app_url)
    picker(app_page).focus()
    app_page.keyboard.type("cramping")
    app_page.keyboard.press("Enter")
    label = book.findings["muscle_cramps"].label
    choice = app_page.get_by_role("radio", name=label, exact=True)
    expect(choice).to_be_visible()
    expect(
        app_page.get_by_role("radio", name=book.findings["abdominal_pain"].label)
    ).to_be_visible()
    choice.click()
    expect(chip(app_page, label)).to_have_attribute("aria-pressed", "true")
    expect(changes(app_page)).to_contain_text(f"Added: {label}.")
