"""How often, in words: a card, an illness script and what to ask next say how often Orphanet's
annotation of a syndrome sees its findings, as a frequency class in words, never a number."""

from __future__ import annotations

import re

from screener.engine import illness_script, screen
from screener.present.script_view import script_lines
from screener.present.view import build_view
from screener.rulebook import RuleBook
from tests.support.cases import LEMS_OR_MYASTHENIA


def test_a_card_says_how_often_orphanet_sees_its_rule_findings(book: RuleBook) -> None:
    card = next(
        c for c in build_view(screen(LEMS_OR_MYASTHENIA, book), book).cards if c.syndrome == "lems"
    )
    (line,) = [c for c in card.context if c.label.startswith("How often")]
    entry = next(e for e in book.orphanet.entries if e.syndrome == "lems")
    assert entry.name in line.label and entry.orpha in line.label
    assert book.orphanet.release.hpoa.isoformat() in line.label
    assert f"{book.label('finding', 'dry_mouth')} seen in most (very frequent)" in line.text
    assert not re.search(r"\d+ ?%", line.text), "a class in words, never a percentage"


def test_a_syndrome_orphanet_does_not_annotate_says_nothing_of_frequency(book: RuleBook) -> None:
    unrated = next(s for s in book.syndromes if not book.finding_frequencies[s.id])
    features = script_lines(illness_script(unrated, book), book)["key_features"]
    assert not any("Orphanet" in line for line in features)


def test_the_script_and_the_card_say_it_in_the_same_words(book: RuleBook) -> None:
    lems = book.syndrome_by_id["lems"]
    card = next(
        c for c in build_view(screen(LEMS_OR_MYASTHENIA, book), book).cards if c.syndrome == "lems"
    )
    (line,) = [c for c in card.context if c.label.startswith("How often")]
    features = script_lines(illness_script(lems, book), book)["key_features"]
    assert f"{line.label}: {line.text}." in features
