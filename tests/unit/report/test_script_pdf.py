"""Illness-script cards as PDFs: one page a syndrome, every slot printed, the safety frame on
every page. Read back with pypdf."""

from __future__ import annotations

from screener.engine import illness_script
from screener.models import Category
from screener.present.handout_view import book_line
from screener.present.script_view import SLOT_HEADINGS, deck_title, script_view
from screener.report.script_pdf import render_script_deck
from screener.rulebook import RuleBook
from tests.unit.report.test_handout import body, flat, pages


def deck(book: RuleBook, category: Category) -> bytes:
    views = [
        script_view(illness_script(s, book), book, card=True)
        for s in book.syndromes
        if s.category == category
    ]
    safety = book.safety
    return render_script_deck(
        views, deck_title(category), safety.disclaimer, safety.see_a_physician, book_line(book)
    )


def test_every_category_prints_as_a_deck_of_one_page_cards_each_framed(book: RuleBook) -> None:
    for category in Category:
        syndromes = [s for s in book.syndromes if s.category == category]
        document = deck(book, category)
        printed = pages(document)
        assert len(printed) == len(syndromes), f"a {category.value} card runs over its page"
        text = body(document, book)  # asserts the disclaimer and the prompt on every page
        for page, syndrome in zip(printed, syndromes, strict=True):
            assert flat(f"Illness script: {syndrome.name}") in page
            for heading in SLOT_HEADINGS.values():
                assert flat(heading) in page, (syndrome.id, heading)
        assert "diagnosisofanyone" in text
