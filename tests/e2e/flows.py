"""What a user does on the Screen page, as Playwright steps that wait on visible text."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from screener.rulebook import RuleBook

SUBMIT = "Screen these findings"


def open_screen(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_role("button", name=SUBMIT)).to_be_visible()


def tick(page: Page, book: RuleBook, findings: tuple[str, ...]) -> None:
    """Unfold each finding's body system and tick the finding from the keyboard, as a learner
    would (a pointer click can land while the expander is still unfolding)."""
    system_of = {f.id: system.label for system in book.systems for f in system.findings}
    form = page.get_by_test_id("stForm")
    for finding in findings:
        label = book.findings[finding].label
        group = form.get_by_test_id("stExpander").filter(
            has=page.get_by_text(system_of[finding], exact=True)
        )
        if group.locator("details").get_attribute("open") is None:
            group.locator("summary").click()
        checkbox = group.get_by_role("checkbox", name=label, exact=True)
        expect(group.get_by_text(label, exact=True)).to_be_visible()
        checkbox.press("Space")
        expect(checkbox).to_be_checked()


def submit(page: Page) -> None:
    page.get_by_role("button", name=SUBMIT).click()
    expect(page.get_by_role("heading", name="Results")).to_be_visible()


def card_titles(page: Page) -> Locator:
    """The result cards' headings, 'n. Pattern consistent with (not a diagnosis): name'."""
    return page.get_by_role("heading", level=3).filter(has_text="Pattern consistent with")
