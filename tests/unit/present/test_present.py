"""The words: every card and every rule says who reviewed it, and only a named clinician counts."""

from __future__ import annotations

import datetime as dt

from screener.engine import screen
from screener.models import Profile
from screener.present.rule_view import rule_view
from screener.present.view import build_view
from screener.rulebook import RuleBook


def test_every_card_says_no_clinician_has_reviewed_its_rule(book: RuleBook) -> None:
    profile = Profile(
        findings=["proximal_leg_weakness", "dry_mouth", "strength_improves_with_effort"]
    )
    view = build_view(screen(profile, book), book)
    assert view.cards
    assert all(card.meta.endswith("not yet reviewed by a clinician") for card in view.cards)


def test_a_rule_names_its_reviewer_only_once_one_has_signed(mini_book: RuleBook) -> None:
    alpha = mini_book.syndrome_by_id["alpha"]
    unsigned = rule_view(alpha, mini_book)
    assert "not yet reviewed by a clinician" in unsigned.meta
    assert unsigned.provenance.startswith(f"Written by {alpha.provenance.author}")
    signed = alpha.model_copy(
        update={
            "provenance": alpha.provenance.model_copy(
                update={"reviewer": "Dr A. Neurologist", "reviewed": dt.date(2027, 1, 5)}
            )
        }
    )
    assert "reviewed by Dr A. Neurologist on 2027-01-05" in rule_view(signed, mini_book).meta


def test_a_pattern_listed_without_its_key_says_so_and_what_to_ask(mini_book: RuleBook) -> None:
    profile = Profile(findings=["f", "g"], cancers=["ovarian_cancer"])
    (card,) = build_view(screen(profile, mini_book), mini_book).cards
    assert card.tier_words.startswith("Consider, not yet a pattern: the key feature is missing")
    assert "Ask about or look for: Finding H (the key of the delta syndrome)." in card.missing
    assert "A linked antibody (Anti-Yo (PCA-1)) would count as the key too." in card.missing
    assert "(key missing)" in build_view(screen(profile, mini_book), mini_book).headline
