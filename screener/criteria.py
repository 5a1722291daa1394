"""Evaluate a criteria tree against a set of findings, keeping the reasoning as a trace."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from screener.models import AllOf, AnyOf, AtLeast, Criterion, NodeTrace, NoneOf, Points


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _cheapest(children: list[NodeTrace], count: int) -> tuple[str, ...] | None:
    """The fewest findings that make `count` more of these unmet children hold."""
    options = [c.completion for c in children if not c.met and c.completion is not None]
    if len(options) < count:
        return None
    # Stable sort keeps the rule's own order among equally short options: same input, same output.
    options.sort(key=len)
    return _unique(f for option in options[:count] for f in option)


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
    if isinstance(criterion, NoneOf):
        children = [evaluate(c, present) for c in criterion.none_of]
        hits = sum(c.met for c in children)
        return NodeTrace(
            kind="none_of",
            met=hits == 0,
            needed=0,
            satisfied=hits,
            progress=float(hits == 0),
            # Adding findings can never un-present one that excludes the pattern.
            completion=() if hits == 0 else None,
            children=tuple(children),
        )
    if isinstance(criterion, AllOf):
        children = [evaluate(c, present) for c in criterion.all_of]
        met = all(c.met for c in children)
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
        return NodeTrace(
            kind="all_of",
            met=met,
            needed=len(children),
            satisfied=sum(c.met for c in children),
            progress=progress,
            completion=() if met else completion,
            children=tuple(children),
        )
    if isinstance(criterion, AnyOf):
        children = [evaluate(c, present) for c in criterion.any_of]
        met = any(c.met for c in children)
        return NodeTrace(
            kind="any_of",
            met=met,
            needed=1,
            satisfied=sum(c.met for c in children),
            progress=max(c.progress for c in children),
            completion=() if met else _cheapest(children, 1),
            children=tuple(children),
        )
    if isinstance(criterion, AtLeast):
        n = criterion.at_least.n
        children = [evaluate(c, present) for c in criterion.at_least.of]
        satisfied = sum(c.met for c in children)
        best = sorted((c.progress for c in children), reverse=True)[:n]
        return NodeTrace(
            kind="at_least",
            met=satisfied >= n,
            needed=n,
            satisfied=satisfied,
            progress=sum(best) / n,
            completion=() if satisfied >= n else _cheapest(children, n - satisfied),
            children=tuple(children),
        )
    if isinstance(criterion, Points):
        spec = criterion.points
        children = [evaluate(item.when, present) for item in spec.of]
        weights = [item.points for item in spec.of]
        scored = sum(w for c, w in zip(children, weights, strict=True) if c.met)
        partial = sum(w * c.progress for c, w in zip(children, weights, strict=True))
        return NodeTrace(
            kind="points",
            met=scored >= spec.at_least,
            needed=spec.at_least,
            satisfied=scored,
            progress=min(1.0, partial / spec.at_least),
            completion=()
            if scored >= spec.at_least
            else _cheapest_points(children, weights, spec.at_least - scored),
            children=tuple(children),
            weights=tuple(weights),
        )
    raise TypeError(f"not a criterion: {criterion!r}")


def _cheapest_points(
    children: list[NodeTrace], weights: list[int], missing: int
) -> tuple[str, ...] | None:
    """Findings that add at least `missing` points, taking the most points per finding first."""
    options = [
        (c.completion, w)
        for c, w in zip(children, weights, strict=True)
        if not c.met and c.completion is not None
    ]
    # Stable sort keeps the rule's order among equally good options: same input, same output.
    options.sort(key=lambda option: -option[1] / max(1, len(option[0] or ())))
    chosen: list[str] = []
    for completion, weight in options:
        if missing <= 0:
            break
        chosen += completion or ()
        missing -= weight
    return _unique(chosen) if missing <= 0 else None


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


def all_findings(trace: NodeTrace) -> tuple[str, ...]:
    """Every finding the tree mentions, in rule order."""
    if trace.kind == "finding":
        return (trace.finding,) if trace.finding else ()
    return _unique(f for child in trace.children for f in all_findings(child))


def finding_paths(criterion: Criterion, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, str]]:
    """Every finding id in a criteria tree, with its path as written in a rule file."""
    if isinstance(criterion, str):
        yield path, criterion
    elif isinstance(criterion, AllOf):
        for j, child in enumerate(criterion.all_of):
            yield from finding_paths(child, (*path, "all_of", j))
    elif isinstance(criterion, AnyOf):
        for j, child in enumerate(criterion.any_of):
            yield from finding_paths(child, (*path, "any_of", j))
    elif isinstance(criterion, AtLeast):
        for j, child in enumerate(criterion.at_least.of):
            yield from finding_paths(child, (*path, "at_least", "of", j))
    elif isinstance(criterion, NoneOf):
        for j, child in enumerate(criterion.none_of):
            yield from finding_paths(child, (*path, "none_of", j))
    elif isinstance(criterion, Points):
        for j, item in enumerate(criterion.points.of):
            yield from finding_paths(item.when, (*path, "points", "of", j, "when"))


def criterion_findings(criterion: Criterion) -> frozenset[str]:
    return frozenset(finding for _, finding in finding_paths(criterion))
