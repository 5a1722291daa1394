"""Criteria in words: a rule's tree as a reader browses it, and a trace of how a profile fared.

Both are walked by the one tree walker (`screener.models.walk`).
"""

from __future__ import annotations

from dataclasses import dataclass

from screener.models import (
    Criterion,
    IdKind,
    NodeTrace,
    PatternMatch,
    Points,
    ScoreItem,
    ScoreKind,
    walk,
)
from screener.present import words
from screener.rulebook import RuleBook


@dataclass(frozen=True)
class WordsLine:
    depth: int
    text: str
    met: bool | None = None
    """For a trace: whether this part holds. For a rule: None."""


def _mark(met: bool) -> str:
    return "[met]" if met else "[not met]"


def trace_node_text(trace: NodeTrace, book: RuleBook) -> str:
    """One line for one node, e.g. 'At least 1 of these 3: 2 present, 1 needed [met]'."""
    count = len(trace.children)
    if trace.kind == "finding":
        state = "present" if trace.met else "not entered"
        return f"{book.label('finding', trace.finding or '')}: {state}"
    if trace.kind == "all_of":
        return f"All of these: {trace.satisfied} of {trace.needed} hold {_mark(trace.met)}"
    if trace.kind == "any_of":
        return f"Any one of these: {trace.satisfied} hold {_mark(trace.met)}"
    if trace.kind == "at_least":
        return (
            f"At least {trace.needed} of these {count}: {trace.satisfied} present, "
            f"{trace.needed} needed {_mark(trace.met)}"
        )
    if trace.kind == "points":
        return (
            f"A score of at least {trace.needed} points: {trace.satisfied} points "
            f"{_mark(trace.met)}"
        )
    if trace.met:
        return "None of these may be present: none is [met]"
    return f"None of these may be present: {trace.satisfied} present, which rules the pattern out"


def trace_lines(trace: NodeTrace, book: RuleBook) -> list[WordsLine]:
    """How a profile fared against a whole tree, in rule order. The items of a points score
    say what each adds, e.g. 'Fibrinogen low: present (1 point)'."""
    lines = []
    nodes: dict[tuple[object, ...], NodeTrace] = {}
    for depth, path, node in walk(trace):
        nodes[path] = node
        text = trace_node_text(node, book)
        parent = nodes.get(path[:-1]) if path else None
        if parent is not None and parent.weights:
            text += f" ({_points(parent.weights[int(path[-1])])})"
        lines.append(WordsLine(depth, text, node.met))
    return lines


def rule_node_text(criterion: Criterion, book: RuleBook) -> str:
    if isinstance(criterion, str):
        return book.label("finding", criterion)
    count = len(criterion.children)
    return {
        "all_of": f"All {count} of these",
        "any_of": "Any one of these",
        "at_least": f"At least {criterion.needed} of these {count}",
        "none_of": "None of these may be present",
        "points": f"A score of at least {criterion.needed} points from these",
    }[criterion.kind]


def rule_lines(criterion: Criterion, book: RuleBook) -> list[WordsLine]:
    """A rule's tree as indented plain-words lines, in rule order."""
    weights: dict[tuple[object, ...], int] = {}
    lines = []
    for depth, path, node in walk(criterion):
        text = rule_node_text(node, book)
        if path in weights:
            text += f" ({_points(weights[path])})"
        if isinstance(node, Points):
            for index, item in enumerate(node.points.of):
                weights[(*path, *node.child_path(index))] = item.points
        lines.append(WordsLine(depth, text))
    return lines


def _points(count: int) -> str:
    return f"{count} point{'s' if count != 1 else ''}"


def missing_text(match: PatternMatch, book: RuleBook) -> str:
    """What would complete the criteria (or, key missing, what to ask for), in words."""
    if not match.key_met:
        asks = ", ".join(book.label("finding", f) for f in match.key_completion or ())
        antibodies = ", ".join(
            book.label("antibody", a)
            for a in book.syndrome_by_id[match.syndrome].antibodies
            if book.antibody_by_id[a].points_to_cancer
        )
        ask = f" Ask about or look for: {asks}." if asks else ""
        also = (
            f" A linked antibody ({antibodies}) would count as the key too." if antibodies else ""
        )
        return f"The criteria hold, but not the rule's key (specific) feature.{ask}{also}"
    if match.missing_findings is None:
        return "Adding findings cannot complete this pattern: an excluding finding is present."
    if not match.missing_findings:
        return "The criteria are complete."
    names = ", ".join(book.label("finding", f) for f in match.missing_findings)
    return f"Would complete the criteria: {names}."


SCORE_ITEM: dict[ScoreKind, tuple[IdKind, str]] = {
    "criteria": ("syndrome", "criteria"),
    "supporting": ("finding", "supporting"),
    "typical_cancer": ("cancer", "typical cancer known"),
    "reported_cancer": ("cancer", "reported cancer known"),
    "antibody": ("antibody", "linked antibody"),
}
"""What each part of the ordering points counts, and the kind of id it names."""


def score_item_text(item: ScoreItem, book: RuleBook) -> str:
    """What one part of the ordering points counts, e.g. 'typical cancer known: Thymoma'."""
    if item.kind == "criteria":
        return (
            f"criteria {round(100 * (item.progress or 0))}% complete "
            f"({words.number(item.out_of or 0)} points when complete)"
        )
    kind, said = SCORE_ITEM[item.kind]
    return f"{said}: {book.label(kind, item.item or '')}"


def score_text(match: PatternMatch, book: RuleBook) -> str:
    """The ordering arithmetic, e.g. '10 (criteria …) + 3 (typical cancer known: …) = 13 …'."""
    parts = " + ".join(
        f"{item.points:g} ({score_item_text(item, book)})" for item in match.score_items
    )
    return f"{parts} = {match.score:g} ordering points (not a probability)"
