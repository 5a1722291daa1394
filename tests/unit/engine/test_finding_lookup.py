"""Look up by finding: every rule whose criteria or supporting findings name it, by how."""

from __future__ import annotations

import pytest

from screener.engine import finding_use
from screener.models import criterion_findings
from screener.present.finding_lookup import FindingLookupView, finding_lookup
from screener.rulebook import RuleBook
from tests.support.books import real_book


def lookup(finding: str, book: RuleBook) -> FindingLookupView:
    return finding_lookup(finding_use(finding, book), book)


FINDINGS = sorted(real_book().findings)


def named_by(book: RuleBook, finding: str) -> set[str]:
    """Every syndrome whose criteria, key or supporting findings name `finding`."""
    return {
        s.id
        for s in book.syndromes
        if finding in criterion_findings(s.criteria)
        or (s.key is not None and finding in criterion_findings(s.key))
        or finding in s.supporting
    }


@pytest.mark.parametrize("finding", FINDINGS)
def test_every_rule_naming_a_finding_is_listed(finding: str, book: RuleBook) -> None:
    view = lookup(finding, book)
    listed = {ref.id for group in view.groups for ref in group.syndromes}
    assert listed == named_by(book, finding)
    groups = {group.heading: {ref.id for ref in group.syndromes} for group in view.groups}
    supporting = {s.id for s in book.syndromes if finding in s.supporting}
    assert groups.get("Supporting finding", set()) == supporting
    assert (view.empty is None) == bool(listed or view.red_flags or view.mimics)


def test_criteria_and_supporting_are_told_apart(book: RuleBook) -> None:
    view = lookup("dry_mouth", book)
    groups = {g.heading: [ref.id for ref in g.syndromes] for g in view.groups}
    assert "lems" in groups["Counts towards the criteria"]
    assert "lems" not in groups.get("Supporting finding", [])


def test_an_exclusion_is_listed_as_ruling_the_pattern_out(mini_book: RuleBook) -> None:
    view = lookup("excl", mini_book)
    assert [(g.heading, [r.id for r in g.syndromes]) for g in view.groups] == [
        ("Rules the pattern out", ["beta"])
    ]
    assert lookup("exposure_x", mini_book).mimics
