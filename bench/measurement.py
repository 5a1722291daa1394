"""What every benchmark returns: a figure, its spread, its baseline and the target it is held to.

The machine is shared and noisy, so every figure is a median with its 95th percentile, and where a
baseline exists it is measured in the same run and the figure is read as a ratio to it.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class Spread:
    median: float
    p95: float
    count: int


def spread(samples: Sequence[float]) -> Spread:
    """Median and 95th percentile (nearest rank, so it is always an observed value)."""
    if not samples:
        raise ValueError("no samples to summarise")
    ordered = sorted(samples)
    rank = max(1, round(0.95 * len(ordered)))
    return Spread(statistics.median(ordered), ordered[rank - 1], len(ordered))


def time_calls(call: Callable[[], object], repeats: int, *, warmup: int = 1) -> list[float]:
    """Seconds taken by each of `repeats` calls, after `warmup` untimed calls."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


@dataclass(frozen=True)
class Target:
    """The figure (or the ratio) must stay under `limit`; `text` says so in words."""

    limit: float
    on: Literal["value", "ratio"]
    text: str


@dataclass(frozen=True)
class Measurement:
    key: str
    name: str
    unit: str
    value: float
    p95: float | None
    baseline_name: str | None
    baseline_value: float | None
    target: Target
    judged_value: float | None = None
    """The figure the target is checked against when it is not the median (e.g. a mean)."""
    notes: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.baseline_value is None or self.baseline_value <= 0:
            return None
        return self.value / self.baseline_value

    @property
    def met(self) -> bool | None:
        if self.target.on == "ratio":
            return None if self.ratio is None else self.ratio < self.target.limit
        judged = self.value if self.judged_value is None else self.judged_value
        return judged < self.target.limit

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "unit": self.unit,
            "median": self.value,
            "p95": self.p95,
            "judged_value": self.judged_value,
            "baseline": self.baseline_name,
            "baseline_median": self.baseline_value,
            "ratio": self.ratio,
            "target": {"limit": self.target.limit, "on": self.target.on, "text": self.target.text},
            "met": self.met,
            "notes": self.notes,
            "details": self.details,
        }


@dataclass(frozen=True)
class NotMeasured:
    """A benchmark that could not run; the run still writes its table and then fails."""

    key: str
    name: str
    target: Target
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "target": {"limit": self.target.limit, "on": self.target.on, "text": self.target.text},
            "met": None,
            "error": self.reason,
        }
