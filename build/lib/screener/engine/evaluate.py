"""Evaluate a criteria tree against a set of findings, keeping the reasoning as a trace."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from screener.models import Criterion, NodeTrace


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _cheapest(
    children: list[NodeTrace], weights: tuple[int, ...], missing: int
) -> tuple[str, ...] | None:
    """The fewest findings that add `missing` more (children or points) to unmet children.

    Options giving the most per finding come first; a stable sort keeps the rule's own order
    among equal ones, so the same input always gives the same answer.
    """
    options = [
        (c.completion, w)
        for c, w in zip(children, weights, strict=True)
        if not c.met and c.completion is not None
    ]
    options.sort(key=lambda option: -option[1] / max(1, len(option[0] or ())))
    chosen: list[str] = []
    for completion, weight in options:
        if missing <= 0:
            break
        chosen += completion or ()
        missing -= weight
    return _unique(chosen) if missing <= 0 else None


def evaluate(criterion: Criterion, present: frozenset[str]) -> NodeTrace:
    """How `criterion` fares against the `present` findings."""
    if isinstance(criterion, str):
        met = criterion in present
        return NodeTrace(
            kind="finding",
            finding=criterion,
            met=met,
            needed=1,
            satisfied=int(met),
            progress=float(met),
            completion=() if met else (criterion,),
        )
    children = [evaluate(child, present) for child in criterion.children]
    weights = criterion.weights
    satisfied = sum(w for c, w in zip(children, weights, strict=True) if c.met)
    needed = criterion.needed
    kind = criterion.kind
    if kind == "none_of":
        met = satisfied == 0
        # Adding findings can never un-present one that excludes the pattern.
        return NodeTrace(
            kind=kind,
            met=met,
            needed=0,
            satisfied=satisfied,
            progress=float(met),
            completion=() if met else None,
            children=tuple(children),
        )
    met = satisfied >= needed
    if kind == "all_of":
        positive = [c for c in children if c.kind != "none_of"]
        excluded = any(c.kind == "none_of" and not c.met for c in children)
        # An exclusion that holds trivially says nothing about how much of the pattern is present.
        progress = (
            0.0
            if excluded
            else (sum(c.progress for c in positive) / len(positive) if positive else 1.0)
        )
        completions = [c.completion for c in children if not c.met]
        completion = (
            None
            if None in completions
            else _unique(f for option in completions for f in option or ())
        )
    elif kind == "points":
        partial = sum(w * c.progress for c, w in zip(children, weights, strict=True))
        progress = min(1.0, partial / needed)
        completion = _cheapest(children, weights, needed - satisfied)
    else:  # any_of, at_least
        best = sorted((c.progress for c in children), reverse=True)[:needed]
        progress = sum(best) / needed
        completion = _cheapest(children, weights, needed - satisfied)
    return NodeTrace(
        kind=kind,
        met=met,
        needed=needed,
        satisfied=satisfied,
        progress=progress,
        completion=() if met else completion,
        children=tuple(children),
        weights=weights if kind == "points" else None,
    )


def counted_findings(trace: NodeTrace) -> tuple[str, ...]:
    """The present findings that count towards the pattern (not those inside exclusions)."""
    return _unique(_counted(trace))


def _counted(trace: NodeTrace) -> Iterator[str]:
    if trace.kind == "finding":
        if trace.met and trace.finding:
            yield trace.finding
    elif trace.kind != "none_of":
        for child in trace.children:
            yield from _counted(child)
