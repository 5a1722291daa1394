"""Plain-words explanations of a screening, shared by the app, the PDF and the command line."""

from __future__ import annotations

from dataclasses import dataclass

from screener.book import RuleBook
from screener.models import BookStamp, NodeTrace, PatternMatch, Tier

TIER_WORDS = {
    Tier.STRONG: "Strong pattern: criteria met, with a typical cancer or linked antibody",
    Tier.PARTIAL: "Partial pattern: some criteria or their context still missing",
}


@dataclass(frozen=True)
class TraceLine:
    depth: int
    met: bool
    text: str


def _mark(met: bool) -> str:
    return "[met]" if met else "[not met]"


def node_text(trace: NodeTrace, book: RuleBook) -> str:
    """One line for one node, e.g. 'At least 1 of these: 2 present, 1 needed [met]'."""
    if trace.kind == "finding":
        state = "present" if trace.met else "not entered"
        return f"{book.label(trace.finding or '')}: {state}"
    if trace.kind == "all_of":
        return f"All of these: {trace.satisfied} of {trace.needed} hold {_mark(trace.met)}"
    if trace.kind == "any_of":
        return f"Any one of these: {trace.satisfied} hold {_mark(trace.met)}"
    if trace.kind == "at_least":
        return (
            f"At least {trace.needed} of these {len(trace.children)}: {trace.satisfied} "
            f"present, {trace.needed} needed {_mark(trace.met)}"
        )
    if trace.met:
        return "None of these may be present: none is [met]"
    return f"None of these may be present: {trace.satisfied} present, which rules the pattern out"


def trace_lines(trace: NodeTrace, book: RuleBook, depth: int = 0) -> list[TraceLine]:
    """The whole criteria tree as indented lines, in rule order."""
    lines = [TraceLine(depth, trace.met, node_text(trace, book))]
    for child in trace.children:
        lines += trace_lines(child, book, depth + 1)
    return lines


def missing_text(match: PatternMatch, book: RuleBook) -> str:
    """What would complete the criteria, in words."""
    if match.missing_findings is None:
        return "Adding findings cannot complete this pattern: an excluding finding is present."
    if not match.missing_findings:
        return "The criteria are complete."
    names = ", ".join(book.label(f) for f in match.missing_findings)
    return f"Would complete the criteria: {names}."


NOT_REVIEWED = "not yet reviewed by a clinician"


def review_text(stamp: BookStamp) -> str:
    """Who reviewed the rule book, only if a named clinician did."""
    if stamp.reviewed_by is None or stamp.review_date is None:
        return NOT_REVIEWED
    return f"reviewed by {stamp.reviewed_by} on {stamp.review_date.isoformat()}"


def score_text(match: PatternMatch) -> str:
    """The ordering arithmetic, e.g. '10 (criteria) + 3 (typical cancer) = 13 points'."""
    parts = " + ".join(f"{item.points:g} ({item.reason})" for item in match.score_items)
    return f"{parts} = {match.score:g} ordering points (not a probability)"
