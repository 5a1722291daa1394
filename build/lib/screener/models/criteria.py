"""Criteria trees: a finding id (a leaf) or a combinator over child criteria.

Every combinator has the same shape, a `kind`, its `children` and where each child sits in a rule
file, so one walker (`walk`) serves checking ids, evaluation, the criteria in words and tests.
In a rule file a combinator is a mapping with exactly one key:

    all_of: [a, b]                  every child holds
    any_of: [a, b]                  at least one holds
    at_least: {n: 2, of: [a, b, c]} at least n hold
    none_of: [x]                    no child holds (an exclusion)
    points: {at_least: 5, of: [{points: 2, when: a}, ...]}   a weighted score
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from screener.models.base import Count, FindingId, Frozen

Kind = Literal["finding", "all_of", "any_of", "at_least", "none_of", "points"]
PathPart = str | int
Path = tuple[PathPart, ...]


class Combinator(Frozen):
    """The shape every combinator shares."""

    kind: ClassVar[Kind]

    @property
    def children(self) -> tuple[Criterion, ...]:
        raise NotImplementedError

    def child_path(self, index: int) -> Path:
        """Where child `index` sits below this node in a rule file."""
        raise NotImplementedError

    @property
    def weights(self) -> tuple[int, ...]:
        """What each child adds when it holds: 1, except in a points score."""
        return (1,) * len(self.children)

    @property
    def needed(self) -> int:
        """How much must hold: children (or points); for none_of, how many may be present."""
        raise NotImplementedError


class AllOf(Combinator):
    kind: ClassVar[Kind] = "all_of"
    all_of: tuple[Criterion, ...] = Field(min_length=1)

    @property
    def children(self) -> tuple[Criterion, ...]:
        return self.all_of

    def child_path(self, index: int) -> Path:
        return ("all_of", index)

    @property
    def needed(self) -> int:
        return len(self.all_of)


class AnyOf(Combinator):
    kind: ClassVar[Kind] = "any_of"
    any_of: tuple[Criterion, ...] = Field(min_length=1)

    @property
    def children(self) -> tuple[Criterion, ...]:
        return self.any_of

    def child_path(self, index: int) -> Path:
        return ("any_of", index)

    @property
    def needed(self) -> int:
        return 1


class AtLeastSpec(Frozen):
    n: Count = Field(ge=1)
    of: tuple[Criterion, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _satisfiable(self) -> AtLeastSpec:
        if self.n > len(self.of):
            raise ValueError(f"at_least needs {self.n} but lists only {len(self.of)}")
        return self


class AtLeast(Combinator):
    kind: ClassVar[Kind] = "at_least"
    at_least: AtLeastSpec

    @property
    def children(self) -> tuple[Criterion, ...]:
        return self.at_least.of

    def child_path(self, index: int) -> Path:
        return ("at_least", "of", index)

    @property
    def needed(self) -> int:
        return self.at_least.n


class NoneOf(Combinator):
    kind: ClassVar[Kind] = "none_of"
    none_of: tuple[Criterion, ...] = Field(min_length=1)

    @property
    def children(self) -> tuple[Criterion, ...]:
        return self.none_of

    def child_path(self, index: int) -> Path:
        return ("none_of", index)

    @property
    def needed(self) -> int:
        return 0


class PointsItem(Frozen):
    points: Count = Field(ge=1, le=100)
    when: Criterion


class PointsSpec(Frozen):
    at_least: Count = Field(
        ge=1, description="Points needed; each item adds its points if it holds."
    )
    of: tuple[PointsItem, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _satisfiable(self) -> PointsSpec:
        total = sum(item.points for item in self.of)
        if self.at_least > total:
            raise ValueError(f"points needs {self.at_least} but its items add up to only {total}")
        return self


class Points(Combinator):
    """A weighted count, as in a clinical score (e.g. the ISTH overt-DIC score)."""

    kind: ClassVar[Kind] = "points"
    points: PointsSpec

    @property
    def children(self) -> tuple[Criterion, ...]:
        return tuple(item.when for item in self.points.of)

    def child_path(self, index: int) -> Path:
        return ("points", "of", index, "when")

    @property
    def weights(self) -> tuple[int, ...]:
        return tuple(item.points for item in self.points.of)

    @property
    def needed(self) -> int:
        return self.points.at_least


COMBINATORS: dict[str, type[Combinator]] = {
    model.kind: model for model in (AllOf, AnyOf, AtLeast, NoneOf, Points)
}


def _criterion_kind(value: Any) -> str | None:
    # Choosing the branch by shape gives one precise error instead of one per union member.
    if isinstance(value, str):
        return "finding"
    if isinstance(value, Combinator):
        return value.kind
    if isinstance(value, dict) and len(value) == 1:
        key = next(iter(value))
        return key if key in COMBINATORS else None
    return None


Criterion = Annotated[
    Annotated[FindingId, Tag("finding")]
    | Annotated[AllOf, Tag("all_of")]
    | Annotated[AnyOf, Tag("any_of")]
    | Annotated[AtLeast, Tag("at_least")]
    | Annotated[NoneOf, Tag("none_of")]
    | Annotated[Points, Tag("points")],
    Discriminator(
        _criterion_kind,
        custom_error_type="criterion",
        custom_error_message=(
            "a criterion is a finding id, or a mapping with exactly one key: "
            + ", ".join(COMBINATORS)
        ),
    ),
]
"""A finding id (a leaf) or one of the combinators."""


def walk(node: Any, path: Path = (), depth: int = 0) -> Iterator[tuple[int, Path, Any]]:
    """Every node of a tree, parents before children, as (depth, path, node).

    The one walker for every tree with this shape: a criteria tree (path as written in a rule
    file) or the trace of one (`NodeTrace`, path of child indexes).
    """
    yield depth, path, node
    children = () if isinstance(node, str) else node.children
    for index, child in enumerate(children):
        step = node.child_path(index) if isinstance(node, Combinator) else (index,)
        yield from walk(child, (*path, *step), depth + 1)


def finding_paths(criterion: Criterion, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every finding id in a tree, with its path as written in a rule file."""
    for _, at, node in walk(criterion, path):
        if isinstance(node, str):
            yield at, node


def criterion_findings(criterion: Criterion) -> frozenset[str]:
    return frozenset(finding for _, finding in finding_paths(criterion))


def holds_with_nothing_present(criterion: Criterion) -> bool:
    """Whether a tree holds before anything is entered (only possible through none_of)."""
    if isinstance(criterion, str):
        return False
    if isinstance(criterion, NoneOf):
        return True
    held = [holds_with_nothing_present(child) for child in criterion.children]
    scored = sum(w for h, w in zip(held, criterion.weights, strict=True) if h)
    return scored >= criterion.needed


for _model in (AllOf, AnyOf, AtLeastSpec, AtLeast, NoneOf, PointsItem, PointsSpec, Points):
    _model.model_rebuild()
