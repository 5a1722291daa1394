"""Hostile input in the browser: markup in the rule book and crafted links stay inert text,
get a visible notice, and never reach another visitor."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from playwright.sync_api import BrowserContext, Locator, Page, expect

from screener.app.pages import BY_KEY, PAGES, AppPage
from screener.inputs.numbers import shown
from screener.inputs.query import LINK_MAX_PARAMETERS, SHOWN_CHARS, link_limits
from screener.models import Profile
from screener.present import words
from screener.rulebook import RuleBook
from tests.e2e import hostile_rules as hostile
from tests.e2e.flows import card_titles, case_url, expect_safety_in_view
from tests.support.rendering import INVITING, WORD_JOINER
from tests.support.servers import ROOT, streamlit_server

CRAFTED_LINK = (
    "?f=no_such_finding,<script>alert(3)</script>,https://evil.example/login,seizures"
    "&c=sclc&c=<img src=x onerror=alert(4)>"
    "&lab=sodium:NaN:mmol/L,calcium:-3:mmol/L,glucose:abc:mmol/L,potassium:5:stones"
    "&age=[1,2]&sex=:red[alarm]&fu=<b>x</b>&zz=<script>alert(5)</script>"
    "&me@evil.example=:rocket:"
)
CRAFTED_NOTICES = (
    "unknown finding '<script>alert(3)</script>'",
    "'c' was given 2 times; only the last one was read",
    "unknown cancer '<img src=x onerror=alert(4)>'",
    "Sodium: 'NaN' is not a number",
    "'abc' is not a number",
    "-3 mmol/L is outside the range a living person can have",
    "the unit 'stones' is not accepted",
    "unknown age band '[1,2]'",
    "unknown follow-up '<b>x</b>'",
    "unknown parameter 'zz'",
)
QUOTED_LITERALLY = (
    "unknown finding 'https://evil.example/login'",
    "unknown sex ':red[alarm]'",
    "unknown parameter 'me@evil.example'",
)


def _assert_no_injected_elements(page: Page) -> None:
    expect(page.locator("script:text('alert')")).to_have_count(0)
    expect(page.locator("img[src='x']")).to_have_count(0)
    expect(page.locator("[onerror]")).to_have_count(0)
    expect(page.locator("main b:text-is('x')")).to_have_count(0)


def _assert_quoted_literally(region: Locator, *texts: str) -> None:
    """Each text shows as its characters (the invisible word joiners that stop autolinks aside):
    no link, colour, icon or emoji is made of it."""
    expect(region).to_be_visible()
    shown = region.inner_text().replace(WORD_JOINER, "")
    for text in texts:
        assert text in shown
    assert "🚀" not in shown
    expect(region.locator("a")).to_have_count(0)
    expect(region.locator("[style*='color']")).to_have_count(0)
    expect(region.locator("[data-testid='stIconMaterial']")).to_have_count(0)


@pytest.fixture(scope="module")
def hostile_app_url(
    browser_context: BrowserContext, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    rules = hostile.write_hostile_rules(tmp_path_factory.mktemp("hostile") / "rules")
    with streamlit_server(ROOT / "streamlit_app.py", {"PNS_RULES_DIR": str(rules)}) as server:
        yield server.url


def test_markup_in_the_rule_book_shows_as_text_on_the_screen_and_explore_pages(
    app_page: Page, hostile_app_url: str
) -> None:
    app_page.goto(f"{hostile_app_url}/?{hostile.PROFILE_QUERY}")
    expect(card_titles(app_page).first).to_contain_text(hostile.SYNDROME_NAME)
    app_page.get_by_text(f"About {hostile.SYNDROME_NAME}").click()
    expect(app_page.get_by_text(hostile.SUMMARY, exact=True).first).to_be_visible()
    expect(app_page.get_by_text(hostile.DETAIL, exact=True).first).to_be_visible()
    expect(app_page.get_by_text(hostile.FINDING_LABEL).first).to_be_visible()
    _assert_no_injected_elements(app_page)

    app_page.get_by_test_id("stTopNav").get_by_role(
        "link", name=BY_KEY["explore"].nav_label
    ).click()
    app_page.get_by_text(f"{hostile.SYNDROME_NAME} — status").click()
    expect(app_page.get_by_text(hostile.SUMMARY, exact=True).first).to_be_visible()
    expect(app_page.get_by_text(hostile.DETAIL, exact=True).first).to_be_visible()
    _assert_no_injected_elements(app_page)


def _open_hostile_link(page: Page, url: str, link: str, notices: tuple[str, ...]) -> None:
    page.goto(f"{url}/{link}")
    shown = page.get_by_role("alert").filter(has_text="Parts of the link were ignored")
    expect(shown).to_be_visible()
    for expected in notices:
        expect(shown).to_contain_text(expected)
    _assert_no_injected_elements(page)


def test_a_crafted_link_is_read_with_a_notice_for_each_bad_part_quoted_literally(
    app_page: Page, app_url: str, book: RuleBook
) -> None:
    _open_hostile_link(app_page, app_url, CRAFTED_LINK, CRAFTED_NOTICES)
    notice = app_page.get_by_role("alert").filter(has_text="Parts of the link were ignored")
    # Addresses, directives and shortcodes show as their characters, not as links or colours.
    _assert_quoted_literally(notice, *QUOTED_LITERALLY)
    # What could be read is still screened: the seizure raises the urgent banner.
    expect(app_page.get_by_role("heading", name=book.safety.urgent.now.heading)).to_be_visible()
    expect_safety_in_view(app_page, book.safety.disclaimer, book.safety.see_a_physician)


def test_a_flood_of_bad_items_is_capped_and_leaks_to_no_one(
    app_page: Page, second_page: Page, app_url: str, book: RuleBook
) -> None:
    most_items, _ = link_limits(book)["f"]
    many = most_items + 50
    huge_link = "?f=" + ",".join(f"x{i}" for i in range(many)) + "&fu=" + "9" * 5000
    huge_notices = (
        f"'f' lists {many} items; only the first {most_items} were read",
        "'fu' is longer than 4,000 characters and was ignored",
        "unknown finding 'x0'",
        "more problems",
    )
    # Someone else is mid-way through their own case while the hostile link is opened.
    case = book.case_by_id["case_moving_vein_clots"]
    second_page.goto(case_url(app_url, Profile.of(case)))
    name = book.syndrome_by_id[case.answer].name
    theirs = f"1. {book.safety.not_a_diagnosis_label}: {name}"

    _open_hostile_link(app_page, app_url, huge_link, huge_notices)
    expect(app_page.get_by_role("alert").filter(has_text="unknown finding")).to_have_count(1)
    expect(app_page.get_by_text("unknown finding 'x25'")).to_have_count(0)

    second_page.reload()
    expect(card_titles(second_page).first).to_have_text(theirs)
    expect(second_page.get_by_text("Parts of the link were ignored")).to_have_count(0)
    second_page.goto(app_url)
    expect(second_page.get_by_text("the patterns it fits show here")).to_be_visible()
    expect(second_page.get_by_text("Parts of the link were ignored")).to_have_count(0)


LINKED = (
    "\n\n[Verify account](https://evil.example/x)",
    "\n\n![i](https://evil.example/p.png)",
    "\n# Heading\n| a | b |\n|---|---|",
    "\n\n    code\n`tick` <b>bold</b>",
    ":red[alarm] :material/home: :rocket:",
)
"""Values each short enough to be quoted whole in a notice, together written to become a link,
an image, a heading, a table, code, HTML, a colour, an icon and an emoji."""
READS = {"screen": "f", "explore": "rule"}
"""The parameter of a page that takes a value from the link; the other pages take none."""


@pytest.mark.parametrize("page", PAGES, ids=[page.key for page in PAGES])
def test_every_pages_notice_shows_a_crafted_link_as_inert_text(
    app_page: Page, app_url: str, book: RuleBook, page: AppPage
) -> None:
    query = {name: "1" for name in LINKED}
    if page.key in READS:
        query[READS[page.key]] = LINKED[0]
    app_page.goto(f"{app_url}/{page.url_path}?{urlencode(query)}")
    notice = app_page.get_by_role("alert").filter(has_text="Parts of the link were ignored")
    # The link reader shows a line break as '?', the rest as written (a browser shows a run of
    # spaces as one).
    quoted = [" ".join(f"unknown parameter {shown(name, SHOWN_CHARS)}".split()) for name in LINKED]
    _assert_quoted_literally(notice, *quoted)
    expect(notice.locator("li")).to_have_count(len(query))
    expect(notice.locator("img, h1, h2, h3, h4, h5, h6, table, pre, code, b, em")).to_have_count(0)
    expect_safety_in_view(app_page, book.safety.disclaimer, book.safety.see_a_physician)
    _assert_no_injected_elements(app_page)


def test_a_link_streamlit_drops_whole_gets_a_notice(
    app_page: Page, app_url: str, book: RuleBook
) -> None:
    # Over 1,000 parameters: Streamlit hands the page none of them, so only the browser knows.
    # The Screen page would open a blank form; Learn stands for the pages that read no link.
    flood = "f=seizures&" + "&".join(f"x{i}=1" for i in range(LINK_MAX_PARAMETERS))
    for page in (BY_KEY["screen"], BY_KEY["learn"]):
        app_page.goto(f"{app_url}/{page.url_path}?{flood}")
        notice = app_page.get_by_role("alert").filter(has_text="Parts of the link were ignored")
        expect(notice).to_contain_text(
            f"the link has {LINK_MAX_PARAMETERS + 1:,} parameters, more than the "
            f"{LINK_MAX_PARAMETERS:,} the app can read, so none of it was read"
        )
        expect_safety_in_view(app_page, book.safety.disclaimer, book.safety.see_a_physician)
    # A link the page reads gets no such notice, and the report takes no room on the page.
    app_page.goto(f"{app_url}/?f=seizures")
    expect(app_page.get_by_role("heading", name=book.safety.urgent.now.heading)).to_be_visible()
    expect(app_page.get_by_text("none of it was read")).to_have_count(0)
    expect(app_page.locator(".st-key-link-as-sent")).to_be_hidden()


@pytest.fixture(scope="module")
def notice_app_url(browser_context: BrowserContext) -> Iterator[str]:
    with streamlit_server(Path(__file__).with_name("notice_app.py")) as server:
        yield server.url


# Pieces that become markup when written into Markdown as they are, every line break a browser
# keeps in a text box, and indentation.
PIECES = st.sampled_from(
    [
        *INVITING,
        "[x](https://e.vil)",
        "![i](https://e.vil/p.png)",
        "<b>x</b>",
        "<img src=x onerror=alert(1)>",
        "# h",
        "| a | b |",
        "|---|---|",
        "- item",
        "1. item",
        "> quote",
        "```",
        "`x`",
        "**x**",
        "~~x~~",
        "[ ] task",
        "---",
        "$x^2$",
        "\\",
        "\n",
        "\n\n",
        "    ",
        "\t",
        "\u2028",
        "\x85",
    ]
)
WORD = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=6)
TYPED = st.lists(st.tuples(WORD, PIECES), min_size=2, max_size=8).map(
    lambda parts: "".join(word + piece for word, piece in parts) + "end"
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=TYPED)
@example(text="x\n\n[Verify account](https://evil.example/x)")
def test_a_notice_shows_any_text_as_its_own_words_on_its_own_line(
    app_page: Page, notice_app_url: str, text: str
) -> None:
    if app_page.url != f"{notice_app_url}/":
        app_page.goto(notice_app_url)
    box = app_page.get_by_role("textbox", name="Text")
    box.fill(text)
    box.press("Control+Enter")
    received = hashlib.sha256(box.input_value().encode("utf-8")).hexdigest()
    expect(app_page.locator(".st-key-received")).to_have_text(received)
    notice = app_page.get_by_role("alert").filter(has_text="Parts of the link were ignored")
    lines = notice.locator("li")
    expect(lines).to_have_count(2)
    # As a browser shows text: every run of whitespace one space.
    shown_words = lines.first.inner_text().replace(WORD_JOINER, "").split()
    assert shown_words == box.input_value().replace(WORD_JOINER, "").split()
    expect(lines.nth(1)).to_have_text("the next notice")
    made = notice.locator("a, img, h1, h2, h3, h4, h5, h6, table, pre, code, b, em, del, input")
    expect(made).to_have_count(0)
    expect(notice.locator("blockquote, hr, ol, [style*='color']")).to_have_count(0)
    expect(notice.locator("[data-testid='stIconMaterial'], .katex")).to_have_count(0)


@pytest.fixture(scope="module")
def failure_app_url(browser_context: BrowserContext) -> Iterator[str]:
    with streamlit_server(Path(__file__).with_name("failure_app.py")) as server:
        yield server.url


@pytest.mark.parametrize("where", ["callback", "fragment"])
def test_an_error_in_a_part_of_the_page_shows_the_framed_error_page(
    app_page: Page, failure_app_url: str, where: str
) -> None:
    app_page.goto(failure_app_url)
    app_page.get_by_role("button", name=f"Fail in the {where}").click()
    expect(app_page.get_by_role("heading", name=words.FAILURE_HEADING)).to_be_visible()
    expect_safety_in_view(app_page, words.FALLBACK_DISCLAIMER, words.FALLBACK_SEE_A_PHYSICIAN)
    expect(app_page.get_by_text("The part of the page that fails")).to_have_count(0)
    app_page.get_by_role("button", name=words.FAILURE_TRY_AGAIN).click()
    expect(app_page.get_by_text("The part of the page that fails")).to_be_visible()


@pytest.fixture(scope="module")
def broken_app_url(
    browser_context: BrowserContext, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    rules = hostile.write_broken_rules(tmp_path_factory.mktemp("broken") / "rules")
    with streamlit_server(ROOT / "streamlit_app.py", {"PNS_RULES_DIR": str(rules)}) as server:
        yield server.url


def test_a_broken_safety_file_still_frames_the_error_page(
    app_page: Page, broken_app_url: str
) -> None:
    app_page.goto(broken_app_url)
    expect_safety_in_view(app_page, words.FALLBACK_DISCLAIMER, words.FALLBACK_SEE_A_PHYSICIAN)
    expect(app_page.get_by_role("heading", name="The screener is unavailable")).to_be_visible()
    problems = app_page.get_by_test_id("stMarkdown").filter(has_text="rules/safety.yaml")
    _assert_quoted_literally(
        problems,
        "rules/safety.yaml",
        f"unknown field '{hostile.BAIT}'",
        # Its line breaks shown as spaces, so it ends neither its line nor the list.
        "unknown field ' [Verify account](https://evil.example/x) # Heading'",
    )
    expect(problems.locator("h1, h2, h3, h4, h5, h6")).to_have_count(0)
    # Every address of the app shows the same frame, never a page without it.
    app_page.goto(f"{broken_app_url}/explore")
    expect_safety_in_view(app_page, words.FALLBACK_DISCLAIMER, words.FALLBACK_SEE_A_PHYSICIAN)
    expect(app_page.get_by_role("heading", name="The screener is unavailable")).to_be_visible()


def test_the_only_csv_explore_offers_is_the_apps_own_which_neutralises_formulas(
    app_page: Page, app_url: str
) -> None:
    # A table's own download writes its cells as they are; the app's writes them made safe.
    app_page.goto(f"{app_url}/{BY_KEY['explore'].url_path}")
    app_page.get_by_role("tab", name="Cancer × syndrome links").click()
    app_page.get_by_test_id("stDataFrame").hover()
    toolbar = app_page.get_by_test_id("stElementToolbar")
    expect(toolbar.get_by_role("button", name="Show/hide columns")).to_be_visible()
    expect(toolbar.get_by_role("button", name="Download as CSV")).to_have_count(0)
    with app_page.expect_download() as download_info:
        app_page.get_by_role("button", name="Download this table as CSV").click()
    header = Path(download_info.value.path()).read_text(encoding="utf-8").splitlines()[0]
    assert header == "Cancer,ICD-10,Syndrome,Category,Link,Rule status"
