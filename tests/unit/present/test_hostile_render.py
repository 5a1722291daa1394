"""Markup and script in rule-book text reach the app and the PDF only as literal text."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from screener.engine import screen
from screener.models import Profile
from screener.present.view import build_view
from screener.present.words import PAGE_SIZES
from screener.report.pdf import render_pdf
from screener.report.pdf_frame import PAGE_COUNT, FramedPdf
from screener.report.text import render_text
from screener.rulebook import RuleBook, load_rule_book
from tests.e2e import hostile_rules as hostile
from tests.support.books import mini_book
from tests.support.html_text import CARD_TAGS, html_attributes, html_tags, html_text
from tests.support.rule_files import replace_in
from tests.support.stretched import everything, stretched

APP = Path(__file__).resolve().parents[3] / "streamlit_app.py"
# A '<' that starts a tag and is not backslash-escaped for Markdown.
RAW_TAG = re.compile(r"(?<!\\)<[A-Za-z/!]")


@pytest.fixture
def hostile_dir(tmp_path: Path) -> Path:
    return hostile.write_hostile_rules(tmp_path / "rules")


def test_markup_reaches_the_app_only_escaped(
    hostile_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PNS_RULES_DIR", str(hostile_dir))
    app = AppTest.from_file(str(APP), default_timeout=30)
    app.query_params.update({"f": "a,b,c", "c": "sclc"})
    app.run()
    assert not app.exception
    app.session_state["card-1-alpha-about"] = True
    app.run()
    texts = [m.value for m in app.markdown] + [m.label for m in app.multiselect]
    shown = "\n".join(texts)
    assert "alert(1)" in shown
    assert "alert(2)" in shown
    assert [t for t in texts if RAW_TAG.search(t)] == []
    # The page's own HTML is its stylesheet, with nothing from the rule book, and the result
    # cards' bodies, whose every rule-book text shows as written, its markup escaped: the only
    # tags are the card's own.
    bodies = [element.proto.body for element in app.get("html")]
    cards = [body for body in bodies if not body.startswith("<style>")]
    assert cards, "the hostile pattern's card"
    for body in bodies:
        if body.startswith("<style>"):
            assert "alert(" not in body and "Finding A" not in body
    card = cards[0]
    assert hostile.FINDING_LABEL in html_text(card)
    assert html.escape(hostile.IMAGE, quote=False) in card
    assert "<img" not in card and "<script" not in card
    assert html_tags(card) <= CARD_TAGS
    assert not [name for name in html_attributes(card) if name.startswith("on")]
    # The picker's options are plain text, never Markdown: the label shows exactly as written.
    picker = app.selectbox(key="entry.pick").options
    assert any(option.startswith(hostile.FINDING_LABEL) for option in picker)
    # Chip labels are Markdown, so the same label reaches them escaped.
    chip_labels = [o for group in app.pills for o in group.options]
    assert any("alert(2)" in o for o in chip_labels)
    assert [o for o in chip_labels if RAW_TAG.search(o)] == []


def test_markup_is_printed_literally_in_the_pdf(hostile_dir: Path) -> None:
    book = load_rule_book(hostile_dir)
    result = screen(Profile(findings=("a", "b", "c"), cancers=("sclc",)), book)
    assert result.matches[0].syndrome == hostile.SYNDROME
    pdf = render_pdf(build_view(result, book))
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    assert hostile.SUMMARY in text
    assert hostile.FINDING_LABEL in text


# --- Long and hostile rule text in the PDF ------------------------------------------------------


@pytest.fixture(scope="module")
def stretched_book() -> RuleBook:
    return stretched(mini_book())


def _compact(text: str) -> str:
    return "".join(text.split())


def test_the_longest_rule_texts_print_on_framed_pages(stretched_book: RuleBook) -> None:
    # Every text at its schema cap, one unbreakable word each, on the shorter page size: rows
    # taller than a page are split, labels wider than the line go above their text, and the
    # safety frame is on every page.
    result = screen(everything(stretched_book), stretched_book)
    assert result.matches and result.red_flags
    pdf = render_pdf(build_view(result, stretched_book), page_size="Letter")
    pages = [_compact(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    safety = stretched_book.safety
    for number, page in enumerate(pages, start=1):
        assert _compact(safety.disclaimer)[:200] in page
        assert _compact(safety.see_a_physician)[:200] in page
        assert f"Page{number}of{len(pages)}" in page
    assert render_text(build_view(result, stretched_book))


def test_rule_text_cannot_print_the_page_count(mini_rules_dir: Path) -> None:
    replace_in(
        mini_rules_dir / "syndromes" / "neurologic.yaml",
        "summary: A and two of B, C, D.",
        f"summary: 'Page {{nb}} of {PAGE_COUNT} pages'",
    )
    book = load_rule_book(mini_rules_dir)
    result = screen(Profile(findings=("a", "b", "c")), book)
    pdf = render_pdf(build_view(result, book))
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = " ".join(page.extract_text() for page in pages)
    assert "Page {nb} of {} pages" in text
    count = len(pages)
    assert re.findall(r"Page \d+ of \d+", text) == [
        f"Page {n} of {count}" for n in range(1, count + 1)
    ]


@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_the_safety_texts_at_their_cap_leave_most_of_the_page_to_the_summary(
    stretched_book: RuleBook, page_size: str
) -> None:
    safety = stretched_book.safety
    pdf = FramedPdf(page_size, safety.disclaimer, safety.see_a_physician, "footer")
    pdf.add_page()
    assert pdf.body_height > 0.6 * pdf.h
