"""The words: every card and every rule says who reviewed it, and only a named clinician counts."""

from __future__ import annotations

import datetime as dt

from screener.engine import screen
from screener.models import Profile
from screener.present.rule_view import rule_view
from screener.present.view import build_view
from screener.rulebook import RuleBook


def test_every_card_says_no_clinician_has_reviewed_its_rule(book: RuleBook) -> None:
    profile = Profile(findings=["proximal_leg_weakness", "dry_mouth", "reduced_reflexes"])
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
