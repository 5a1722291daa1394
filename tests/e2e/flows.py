"""What a user does on the Screen page, as Playwright steps that wait on visible text."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlencode

from playwright.sync_api import Locator, Page, expect

from screener.inputs.query import profile_to_query
from screener.models import Profile
from screener.rulebook import RuleBook

PICKER = "Find a finding, cancer, antibody or lab test"


def case_url(url: str, profile: Profile, **extra: str) -> str:
    return f"{url}/?{urlencode({**profile_to_query(profile), **extra}, safe=',:/')}"


def picker(page: Page) -> Locator:
    return page.get_by_role("combobox", name=PICKER)


def open_screen(page: Page, url: str) -> None:
    page.goto(url)
    expect(picker(page)).to_be_visible()
    settled(page)


def type_and_pick(
    page: Page, typed: str, label: str, kind: Literal["finding", "cancer", "lab"] = "finding"
) -> None:
    """Type into the picker and press Enter, from the keyboard alone. The first line listed is
    "Add: …" (the text typed), then the lines holding it; Enter adds the first of those. A
    finding then shows as a pressed chip under its body system, a cancer in the known cancers,
    a lab test as a row to type its value in."""
    picker(page).focus()
    page.keyboard.type(typed)
    expect(page.get_by_role("option").first).to_have_text(f"Add: {typed}")
    expect(page.get_by_role("option").nth(1)).to_contain_text(label)
    page.keyboard.press("Enter")
    if kind == "finding":
        expect(chip(page, label)).to_have_attribute("aria-pressed", "true")
    elif kind == "cancer":
        expect(remove_button(page, label)).to_be_attached()
    else:
        expect(page.get_by_role("textbox", name=label, exact=True)).to_be_visible()


def chip(page: Page, label: str) -> Locator:
    """A chosen finding's chip: pressed while the finding is in the case; a click takes it out
    (the chip stays, unpressed, until the entry is redrawn) and a second click puts it back."""
    return page.get_by_role("toolbar").get_by_role("button", name=label, exact=True)


def remove_button(page: Page, label: str) -> Locator:
    """The remove button of a known cancer's or antibody's chip."""
    return page.get_by_role("button", name=f"Remove {label}", exact=True)


def card_titles(page: Page) -> Locator:
    """The result cards' headings, 'n. Pattern consistent with (not a diagnosis): name'."""
    return page.get_by_role("heading", level=3).filter(has_text="Pattern consistent with")


def top_card(book: RuleBook, syndrome: str) -> str:
    return f"1. {book.safety.not_a_diagnosis_label}: {book.syndrome_by_id[syndrome].name}"


def changes(page: Page) -> Locator:
    return page.get_by_role("status").filter(has_text="What changed.")


def settled(page: Page) -> None:
    """Wait until the app's script has finished its run: while it runs, Streamlit may swap the
    page's elements (its stylesheet among them), so what a test measures then is a moment of the
    redraw, not the page a user looks at."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def lead_sentence(text: str) -> str:
    return text.split(". ")[0] + "."


def expect_safety_in_view(page: Page, disclaimer: str, see_a_physician: str) -> None:
    """A line of the disclaimer and one of the physician prompt, whole in the first screen of the
    page as it opens, with no scrolling; each whole text one tap away."""
    frame = page.locator(".st-key-safety-frame")
    for text in (disclaimer, see_a_physician):
        expect(frame.get_by_text(lead_sentence(text), exact=True)).to_be_in_viewport(ratio=1)
        expect(frame.get_by_text(text, exact=True)).to_be_attached()
