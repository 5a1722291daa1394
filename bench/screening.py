"""Engine speed: `screen()` on every rule example, and on a batch of generated profiles.

Baseline: the least work any screening must do, a set-membership check of every finding that
every rule (syndromes and red flags) mentions against the profile's findings, in plain Python.
The ratio says how much the engine's reasoning, traces and result models cost on top of that.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from bench.measurement import Measurement, Target, spread, time_calls
from bench.profiles import generate_profiles
from screener.engine import screen
from screener.engine.selftest import example_profile
from screener.models import Profile, finding_paths
from screener.rulebook import RuleBook

TARGET = Target(limit=1.0, on="value", text="< 1 ms per profile")
BASELINE = "set-membership loop over every rule's findings"


def rule_findings(book: RuleBook) -> list[tuple[str, ...]]:
    """Every finding each syndrome and red flag mentions, in rule order."""
    criteria = [s.criteria for s in book.syndromes] + [f.when for f in book.red_flags]
    return [tuple(f for _, f in finding_paths(c)) for c in criteria]


def membership_screen(profile: Profile, rules: Sequence[tuple[str, ...]]) -> list[int]:
    present = set(profile.findings)
    return [sum(1 for finding in rule if finding in present) for rule in rules]


def _per_call(calls: Sequence[Callable[[], object]]) -> list[float]:
    samples = []
    for call in calls:
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def measure_examples(book: RuleBook, repeats: int) -> Measurement:
    """Median and p95 per call of `screen()` on each rule example, and over all of them."""
    rules = rule_findings(book)
    per_example = []
    engine_all: list[float] = []
    baseline_all: list[float] = []
    for syndrome in book.syndromes:
        for index, example in enumerate(syndrome.examples):
            profile = example_profile(example)
            engine = time_calls(lambda p=profile: screen(p, book), repeats)
            baseline = time_calls(lambda p=profile: membership_screen(p, rules), repeats)
            engine_all += engine
            baseline_all += baseline
            figures = spread(engine)
            per_example.append(
                {
                    "syndrome": syndrome.id,
                    "example": index + 1,
                    "expect": example.expect,
                    "median_ms": figures.median * 1e3,
                    "p95_ms": figures.p95 * 1e3,
                    "baseline_median_ms": spread(baseline).median * 1e3,
                }
            )
    engine_figures = spread(engine_all)
    slowest = max(per_example, key=lambda row: row["median_ms"])
    return Measurement(
        key="engine_examples",
        name="Engine: `screen()` per rule example",
        unit="ms",
        value=engine_figures.median * 1e3,
        p95=engine_figures.p95 * 1e3,
        baseline_name=BASELINE,
        baseline_value=spread(baseline_all).median * 1e3,
        target=TARGET,
        notes=(
            f"{len(per_example)} examples × {repeats} calls; slowest example "
            f"{slowest['syndrome']} #{slowest['example']} at {slowest['median_ms']:.2f} ms"
        ),
        details={"repeats": repeats, "examples": per_example},
    )


def measure_batch(book: RuleBook, count: int) -> Measurement:
    """Throughput of `screen()` over `count` generated profiles, each call timed on its own."""
    profiles = generate_profiles(book, count)
    rules = rule_findings(book)
    for profile in profiles[: min(len(profiles), 50)]:
        screen(profile, book)
    engine = _per_call([lambda p=profile: screen(p, book) for profile in profiles])
    baseline = _per_call([lambda p=profile: membership_screen(p, rules) for profile in profiles])
    engine_figures = spread(engine)
    mean_ms = sum(engine) / len(engine) * 1e3
    per_second = len(engine) / sum(engine)
    return Measurement(
        key="engine_batch",
        name=f"Engine: batch of {count:,} generated profiles, per profile",
        unit="ms",
        value=engine_figures.median * 1e3,
        p95=engine_figures.p95 * 1e3,
        baseline_name=BASELINE,
        baseline_value=spread(baseline).median * 1e3,
        target=Target(limit=1.0, on="value", text="< 1 ms per profile (mean)"),
        judged_value=mean_ms,
        notes=f"{per_second:,.0f} profiles/s; mean {mean_ms:.3f} ms per profile",
        details={
            "profiles": count,
            "profiles_per_second": per_second,
            "mean_ms": mean_ms,
            "baseline_profiles_per_second": len(baseline) / sum(baseline),
            "syndromes": len(book.syndromes),
            "red_flags": len(book.red_flags),
        },
    )
