"""A result card's body as HTML: every word of its view, in order, and nothing from the rule
book or the case ever read as markup."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.app import components
from screener.app.card_html import DIFFERENTIAL_ANCHOR, card_html, differential_html, text, trace
from screener.engine import screen
from screener.models import Profile
from screener.present.view import (
    CardView,
    Line,
    MimicView,
    PnsCareView,
    ReferenceView,
    ScreeningView,
    TraceLine,
    build_view,
)
from screener.rulebook import RuleBook
from tests.support.html_text import CARD_TAGS, html_attributes, html_headings, html_tags, html_text

HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror=alert(2)> " onmouseover="alert(3) '
    "&amp; &lt;b&gt; ]]> <!-- x --> **bold** :red[alarm] https://evil.example"
)


def _cards(book: RuleBook) -> Iterator[CardView]:
    for syndrome in book.syndromes:
        for example in syndrome.examples:
            yield from build_view(screen(Profile.of(example), book), book).cards


@pytest.fixture(scope="module")
def cards(book: RuleBook) -> list[CardView]:
    found = {card.syndrome: card for card in _cards(book)}
    return list(found.values())


def _said(card: CardView) -> list[str]:
    """Every text the card's view holds, as a reader should see it somewhere on the card."""
    said = [card.title, card.tier_words, card.meta, card.missing, card.ordering]
    said += [line.text for line in card.trace]
    said += [f"{item.label}: {item.text}" for item in card.context]
    said += [m.name for m in card.mimics] + list(card.discuss)
    said += [r.citation for r in card.references] + [r.note for r in card.references if r.note]
    if card.status_note:
        said.append(f"Rule status {card.status.value}: {card.status_note}.")
    if card.consider_first:
        said.append(card.consider_first)
    if card.pns_care:
        score = card.pns_care
        said += [f"{score.heading}: {score.total}", score.note]
        said += [f"{item.label}: {item.text}" for item in score.items]
        said += [score.caveat] if score.caveat else []
    return said


def _collapsed(value: str) -> str:
    return " ".join(value.split())


def test_every_card_of_the_rule_examples_shows_every_text_of_its_view(
    cards: list[CardView],
) -> None:
    assert len(cards) > 30, "most syndromes show a card for one of their examples"
    assert any(c.pns_care for c in cards) and any(c.consider_first for c in cards)
    assert any(c.status_note for c in cards) and any(m.first for c in cards for m in c.mimics)
    for card in cards:
        body = card_html(card)
        shown = _collapsed(html_text(body))
        for said in _said(card):
            assert _collapsed(said) in shown, (card.syndrome, said)
        assert html_headings(body, 3) == [_collapsed(card.title)]
        assert html_tags(body) <= CARD_TAGS
        links = re.findall(r'<a href="([^"]*)"', body)
        assert [unquote(html.unescape(link)) for link in links] == [r.link for r in card.references]


def test_the_card_reads_in_the_order_streamlit_drew_it(cards: list[CardView]) -> None:
    card = next(c for c in cards if c.pns_care and c.context and c.discuss and c.status_note)
    shown = _collapsed(html_text(card_html(card)))
    order = [
        card.title,
        "Rule status",
        card.tier_words,
        card.meta,
        "Why this pattern shows",
        card.trace[0].text,
        card.missing,
        card.context[0].label,
        "Mimics to rule out",
        card.discuss[0],
        "References",
        "Ordering points",
        card.pns_care.heading if card.pns_care else "",
    ]
    places = [shown.index(_collapsed(part)) for part in order]
    assert places == sorted(places)


def _hostile_card(card: CardView) -> CardView:
    line = Line(label=HOSTILE, text=HOSTILE)
    return card.model_copy(
        update={
            "name": HOSTILE,
            "title": HOSTILE,
            "tier_words": HOSTILE,
            "meta": HOSTILE,
            "status_note": HOSTILE,
            "consider_first": HOSTILE,
            "trace": (TraceLine(depth=0, met=True, text=HOSTILE),),
            "missing": HOSTILE,
            "context": (line,),
            "mimics": (MimicView(name=HOSTILE, first=True, why=HOSTILE),),
            "discuss": (HOSTILE,),
            "references": (
                ReferenceView(
                    id="r",
                    citation=HOSTILE,
                    link='https://doi.org/10.1000/x" onclick="alert(4)<b>',
                    identifiers=(),
                    note=HOSTILE,
                ),
            ),
            "ordering": HOSTILE,
            "pns_care": PnsCareView(
                heading=HOSTILE, total=HOSTILE, items=(line,), caveat=HOSTILE, note=HOSTILE
            ),
        }
    )


def test_markup_in_any_text_of_a_card_shows_as_written_and_adds_no_tag_or_attribute(
    cards: list[CardView],
) -> None:
    body = card_html(_hostile_card(cards[0]))
    assert html_tags(body) <= CARD_TAGS
    assert html_attributes(body) <= {"class", "role", "aria-hidden", "aria-label"} | {
        "href",
        "target",
        "rel",
    }
    shown = html_text(body)
    assert shown.count(_collapsed(HOSTILE)) >= 15, "every field, literally"
    assert "<script" not in body and "<img" not in body and "<!--" not in body
    (href,) = re.findall(r'href="([^"]*)"', body)
    assert href == "https://doi.org/10.1000/x%22%20onclick=%22alert%284%29%3Cb%3E"


class _Nesting(HTMLParser):
    """Each list item's text with the number of lists it sits in; fails on a tag closed out of
    order."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.items: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "li" and data.strip():
            self.items.append((self.open.count("ul") - 1, data.strip()))


def _each_at_most_one_deeper(raw: list[int]) -> list[int]:
    depths: list[int] = []
    for depth in raw:
        depths.append(min(depth, depths[-1] + 1 if depths else 0))
    return depths


@given(
    st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=12).map(
        _each_at_most_one_deeper
    )
)
def test_the_trace_nests_each_line_under_the_one_above(depths: list[int]) -> None:
    lines = [TraceLine(depth=d, met=i % 2 == 0, text=f"line {i}") for i, d in enumerate(depths)]
    nesting = _Nesting()
    nesting.feed(trace(lines))
    assert nesting.open == []
    assert nesting.items == [
        (d, f"{'✔' if i % 2 == 0 else '✘'} line {i}") for i, d in enumerate(depths)
    ]


def test_a_deeper_jump_than_one_level_nests_one_level_down() -> None:
    nesting = _Nesting()
    nesting.feed(
        trace([TraceLine(depth=0, met=True, text="a"), TraceLine(depth=3, met=False, text="b")])
    )
    assert nesting.items == [(0, "✔ a"), (1, "✘ b")]


@given(st.text())
def test_any_text_comes_back_exactly_as_written(value: str) -> None:
    escaped = text(value)
    assert "<" not in escaped and ">" not in escaped
    assert html.unescape(escaped) == value


def test_every_class_a_card_uses_is_styled_by_the_page(
    cards: list[CardView], book: RuleBook
) -> None:
    bodies = [card_html(card) for card in cards]
    bodies += [differential_html(v.differential) for v in _views(book) if v.differential][:3]
    used = {
        name
        for body in bodies
        for names in re.findall(r'class="([^"]*)"', body)
        for name in names.split()
    }
    assert used == {
        "pns-card",
        "pns-notice",
        "pns-icon",
        "pns-grey",
        "pns-panel",
        "pns-caption",
        "pns-box",
    }
    for name in used:
        assert f".{name}" in components.PAGE_CSS
    for colours in components.THEMES.values():
        assert set(colours) == set(components.THEMES["light"])


def _views(book: RuleBook) -> Iterator[ScreeningView]:
    for syndrome in book.syndromes:
        for example in syndrome.examples:
            yield build_view(screen(Profile.of(example), book), book)


def test_what_to_ask_next_shows_every_question_under_its_heading_where_the_summary_jumps(
    book: RuleBook,
) -> None:
    differential = next(v.differential for v in _views(book) if v.differential)
    body = differential_html(differential)
    assert html_headings(body, 3) == [differential.heading]
    assert f'<h3 id="{DIFFERENTIAL_ANCHOR}">' in body
    shown = _collapsed(html_text(body))
    assert _collapsed(f"{differential.intro} {differential.compared}") in shown
    for question in differential.questions:
        assert _collapsed(f"{question.finding}: {question.text}") in shown
    assert html_tags(body) <= CARD_TAGS
    hostile = differential.model_copy(
        update={
            "heading": HOSTILE,
            "intro": HOSTILE,
            "compared": HOSTILE,
            "questions": tuple(
                q.model_copy(update={"finding": HOSTILE}) for q in differential.questions
            ),
        }
    )
    body = differential_html(hostile)
    assert html_tags(body) <= CARD_TAGS and "<script" not in body and "<img" not in body
    assert html_attributes(body) <= {"class", "id"}
    assert _collapsed(html_text(body)).count(_collapsed(HOSTILE)) == 3 + len(differential.questions)
