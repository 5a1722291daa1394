"""axe-core (WCAG 2 A and AA rules) finds nothing on every page and state the browser tests
reach, on a laptop (1280 px) and a phone (390 px). axe-core is vendored in tests/e2e/vendor/
(version and licence in its first lines and LICENSE there)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from screener.models import Profile
from screener.present import teaching_words
from screener.rulebook import RuleBook
from tests.e2e.conftest import open_page
from tests.e2e.flows import card_titles, case_url, chip, open_screen, picker, settled
from tests.support.cases import LEMS_OR_MYASTHENIA

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
WIDTHS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
STAGED_CASE = "case_stairs_and_dry_mouth"


@pytest.fixture(params=WIDTHS.values(), ids=WIDTHS.keys())
def sized_page(request: pytest.FixtureRequest, browser_context: BrowserContext) -> Iterator[Page]:
    yield from open_page(browser_context, viewport=request.param)


def violations(page: Page) -> list[str]:
    """Each WCAG 2 A/AA rule axe finds broken, with the first places it is broken, once the
    page has settled (Streamlit fades what a rerun is about to replace)."""
    page.wait_for_function(
        "!document.querySelector('[data-stale=\"true\"], [data-testid=stStatusWidget] *')"
    )
    settled(page)
    # An element no longer stale fades back in: measured mid-fade, its text is paler than the
    # page a user reads (CI once saw 3.88:1 there). Endless animations, a spinner's, never end.
    page.wait_for_function(
        """() => document.getAnimations().every(a => a.playState !== 'running'
             || a.effect?.getComputedTiming().endTime === Infinity)"""
    )
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async tags => {
          const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
          return result.violations.map(v =>
            `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map(n => n.target.join(' '))
              .join(' | ')} ${v.nodes[0].failureSummary.replace(/\\s+/g, ' ').slice(0, 160)}`);
        }""",
        WCAG_A_AA,
    )
    return list(found)


def _screen_case(url: str, book: RuleBook) -> Callable[[Page], None]:
    def reach(page: Page) -> None:
        page.goto(case_url(url, LEMS_OR_MYASTHENIA))
        expect(card_titles(page).first).to_be_visible()

    return reach


def _screen_red_flag(url: str, book: RuleBook) -> Callable[[Page], None]:
    flag = next(f for f in book.red_flags if isinstance(f.when, str))

    def reach(page: Page) -> None:
        page.goto(case_url(url, Profile(findings=(flag.when,))))
        expect(page.get_by_test_id("stAlertContentError").first).to_be_visible()

    return reach


def _screen_presenting(url: str, book: RuleBook) -> Callable[[Page], None]:
    def reach(page: Page) -> None:
        page.goto(case_url(url, LEMS_OR_MYASTHENIA, present="1"))
        expect(card_titles(page).first).to_be_visible()

    return reach


def _screen_words_found(url: str, book: RuleBook) -> Callable[[Page], None]:
    """Words several names hold, typed in the picker: the names to choose from, under it."""

    def reach(page: Page) -> None:
        open_screen(page, url)
        picker(page).focus()
        page.keyboard.type("cramping")
        page.keyboard.press("Enter")
        expect(page.get_by_role("radiogroup", name=re.compile("cramping"))).to_be_visible()

    return reach


def _page(path: str, heading: str, tab: str | None = None) -> Callable[..., Callable[[Page], None]]:
    def state(url: str, book: RuleBook) -> Callable[[Page], None]:
        def reach(page: Page) -> None:
            page.goto(f"{url}/{path}")
            expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
            if tab is not None:
                page.get_by_role("tab", name=tab).click()
                expect(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
                page.wait_for_timeout(500)

        return reach

    return state


def _stepper(url: str, book: RuleBook) -> Callable[[Page], None]:
    def reach(page: Page) -> None:
        page.goto(f"{url}/cases")
        title = book.case_by_id[STAGED_CASE].title
        page.get_by_test_id("stVerticalBlock").filter(
            has=page.get_by_role("heading", name=title, exact=True)
        ).last.get_by_role("button", name="Step through this case").click()
        page.get_by_role("button", name="Next stage").click()
        # A stage's patterns and chart are sent only once the learner commits or skips.
        page.get_by_role("button", name=teaching_words.SKIP_BUTTON).click()
        expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()

    return reach


def _compare(url: str, book: RuleBook) -> Callable[[Page], None]:
    def reach(page: Page) -> None:
        page.goto(f"{url}/explore")
        page.get_by_role("tab", name="Compare").click()
        chooser = page.get_by_role("combobox", name="Syndromes to compare (two or three)")
        for syndrome in ("lems", "myasthenia_gravis_thymoma"):
            name = book.syndrome_by_id[syndrome].name
            chooser.click()
            page.keyboard.type(name)
            page.get_by_role("option", name=name, exact=True).click()
            page.keyboard.press("Escape")
        expect(page.get_by_role("heading", name=book.syndrome_by_id["lems"].name)).to_be_visible()

    return reach


STATES: dict[str, Callable[[str, RuleBook], Callable[[Page], None]]] = {
    "screen-empty": _page("", "Screen a set of findings"),
    "screen-case": _screen_case,
    "screen-red-flag": _screen_red_flag,
    "screen-presenting": _screen_presenting,
    "screen-words-found": _screen_words_found,
    "explore": _page("explore", "Explore the syndromes"),
    "explore-compare": _compare,
    "explore-lookup": _page("explore", "Explore the syndromes", "Look up a finding"),
    "explore-links": _page("explore", "Explore the syndromes", "Cancer × syndrome links"),
    "cases": _page("cases", "Teaching cases"),
    "cases-stepper": _stepper,
    "cases-practice": _page("cases", "Teaching cases", "Practice"),
    "cases-handout": _page("cases", "Teaching cases", "Class handout"),
    "class": _page("class", "Live class"),
    "learn": _page("learn", "Learn about paraneoplastic syndromes"),
}


@pytest.mark.parametrize("state", STATES.values(), ids=STATES.keys())
def test_axe_finds_no_wcag_a_or_aa_violation(
    sized_page: Page,
    app_url: str,
    book: RuleBook,
    state: Callable[[str, RuleBook], Callable[[Page], None]],
) -> None:
    state(app_url, book)(sized_page)
    assert violations(sized_page) == []


def test_keyboard_focus_shows_a_ring_from_the_navigation_on(
    app_page: Page, app_url: str, book: RuleBook
) -> None:
    app_page.goto(case_url(app_url, LEMS_OR_MYASTHENIA))
    expect(card_titles(app_page).first).to_be_visible()
    settled(app_page)
    ring = """() => { const e = document.activeElement, s = getComputedStyle(e);
      return [e.textContent.trim().slice(0, 30), s.outlineStyle, parseFloat(s.outlineWidth)]; }"""
    rings = []
    for _ in range(10):
        app_page.keyboard.press("Tab")
        rings.append(app_page.evaluate(ring))
    # The navigation, reached from the keyboard as well.
    app_page.get_by_test_id("stTopNav").get_by_role("link", name="Learn").focus()
    rings.append(app_page.evaluate(ring))
    assert "Learn" in rings[-1][0]
    assert [r for r in rings if r[1] == "none" or r[2] < 2] == [], rings


def test_a_chip_taken_out_is_struck_through_not_only_paler(
    app_page: Page, app_url: str, book: RuleBook
) -> None:
    app_page.goto(case_url(app_url, LEMS_OR_MYASTHENIA))
    dry_mouth, ptosis = (book.findings[f].label for f in ("dry_mouth", "ptosis"))
    chip(app_page, dry_mouth).click()
    expect(chip(app_page, dry_mouth)).to_have_attribute("aria-pressed", "false")

    def decoration(label: str) -> str:
        return str(
            chip(app_page, label)
            .get_by_text(label, exact=True)
            .evaluate("e => getComputedStyle(e).textDecorationLine")
        )

    assert decoration(dry_mouth) == "line-through"
    assert decoration(ptosis) == "none"


def test_on_a_phone_every_button_chip_and_help_icon_is_a_finger_high(
    browser_context: BrowserContext, app_url: str
) -> None:
    pages = open_page(browser_context, viewport=WIDTHS["phone"])
    page = next(pages)
    try:
        page.goto(case_url(app_url, LEMS_OR_MYASTHENIA))
        expect(card_titles(page).first).to_be_visible()
        small = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid=stMain] button')]
              .filter(b => b.closest('[data-testid^=stBaseButton], [data-testid=stButtonGroup]')
                           || b.matches('[data-testid^=stBaseButton], [aria-label^="Help for"]'))
              .map(b => [b.getAttribute('aria-label') || b.textContent.trim().slice(0, 30),
                         b.getBoundingClientRect()])
              .filter(([_, r]) => r.width > 0 && r.height < 44)
              .map(([name, r]) => `${name}: ${Math.round(r.width)}x${Math.round(r.height)}`)"""
        )
        assert small == []
    finally:
        next(pages, None)
