"""Run every benchmark and write `bench/results/latest.md` and `latest.json`.

    .venv/bin/python -m bench.run            # full run, a few minutes
    .venv/bin/python -m bench.run --quick    # smoke run with tiny sizes (writes quick.*)
    .venv/bin/python -m bench.run --only pdf # some benchmarks only (writes partial.*)

Benchmarks are not tests: a figure over its target does not fail the run. A benchmark that cannot
run at all does: the table is still written, with the reason, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import sys
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import (
    book_load,
    cold_start,
    gesture,
    handout,
    memory,
    pdf_build,
    phenopacket,
    rerun,
    screening,
    scripts,
    validation,
)
from bench.machine import machine_info
from bench.measurement import Measurement, NotMeasured, Target
from bench.report import Result, write_results
from screener.rulebook import (
    DEFAULT_RULES_DIR,
    RuleBook,
    load_rule_book,
)
from screener.settings import RULES_DIR_ENV

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Sizes:
    example_repeats: int
    batch_profiles: int
    load_repeats: int
    rerun_repeats: int
    gesture_repeats: int
    cold_start_repeats: int
    pdf_repeats: int
    memory_sessions: int
    unknown_ids: int
    validation_repeats: int


FULL = Sizes(
    example_repeats=10,
    batch_profiles=10_000,
    load_repeats=5,
    rerun_repeats=30,
    gesture_repeats=30,
    cold_start_repeats=4,
    pdf_repeats=5,
    memory_sessions=20,
    unknown_ids=10_000,
    validation_repeats=3,
)
QUICK = Sizes(
    example_repeats=3,
    batch_profiles=200,
    load_repeats=1,
    rerun_repeats=3,
    gesture_repeats=2,
    cold_start_repeats=1,
    pdf_repeats=2,
    memory_sessions=2,
    unknown_ids=500,
    validation_repeats=1,
)


@dataclass(frozen=True)
class Context:
    book: RuleBook
    rules_dir: Path
    sizes: Sizes
    env: Mapping[str, str]


@dataclass(frozen=True)
class Benchmark:
    key: str
    name: str
    target: Target
    run: Callable[[Context], list[Measurement]]


BENCHMARKS = (
    Benchmark(
        "engine",
        "Engine: `screen()`",
        screening.TARGET,
        lambda c: [
            screening.measure_examples(c.book, c.sizes.example_repeats),
            screening.measure_batch(c.book, c.sizes.batch_profiles),
        ],
    ),
    Benchmark(
        "phenopacket",
        "Phenopacket of 50 terms",
        phenopacket.TARGET,
        lambda c: [phenopacket.measure(c.book, c.sizes.example_repeats * 3)],
    ),
    Benchmark(
        "load",
        "Rule book load, cold",
        book_load.TARGET,
        lambda c: [book_load.measure(c.rules_dir, c.sizes.load_repeats)],
    ),
    Benchmark(
        "validate",
        "Validation of a book with unknown ids",
        validation.TARGET,
        lambda c: [
            validation.measure(c.rules_dir, c.sizes.unknown_ids, c.sizes.validation_repeats)
        ],
    ),
    Benchmark(
        "rerun",
        "Rerun of the Screen page",
        rerun.TARGET,
        lambda c: rerun.measure(c.book, c.sizes.rerun_repeats, c.env),
    ),
    Benchmark(
        "gesture",
        "One change on the Screen page in chromium",
        gesture.TARGET,
        lambda c: [gesture.measure(c.book, c.sizes.gesture_repeats, c.env)],
    ),
    Benchmark(
        "cold_start",
        "Cold start",
        cold_start.TARGET,
        lambda c: [cold_start.measure(c.book.safety.disclaimer, c.sizes.cold_start_repeats, c.env)],
    ),
    Benchmark(
        "pdf",
        "PDF summary",
        pdf_build.TARGET,
        lambda c: pdf_build.measure(c.book, c.sizes.pdf_repeats),
    ),
    Benchmark(
        "handout",
        "Class handout",
        handout.TARGET,
        lambda c: handout.measure(c.book, c.sizes.pdf_repeats),
    ),
    Benchmark(
        "scripts",
        "Illness-script deck of a category",
        scripts.TARGET,
        lambda c: scripts.measure(c.book, c.sizes.pdf_repeats),
    ),
    Benchmark(
        "memory",
        "Memory per session",
        memory.TARGET,
        lambda c: [memory.measure(c.book, c.sizes.memory_sessions, c.env)],
    ),
)
KEYS = tuple(b.key for b in BENCHMARKS)


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    parser.add_argument(
        "--only",
        type=lambda text: text.split(","),
        default=list(KEYS),
        metavar="KEYS",
        help=f"comma-separated subset of: {', '.join(KEYS)}",
    )
    parser.add_argument(
        "--rules", type=Path, default=DEFAULT_RULES_DIR, help="rule book folder (default: rules/)"
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "results", help="folder for the results"
    )
    arguments = parser.parse_args(argv)
    unknown = sorted(set(arguments.only) - set(KEYS))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(KEYS)}")
    return arguments


def run_benchmarks(
    context: Context, keys: list[str], log: Callable[[str], None]
) -> tuple[list[Result], dict[str, float]]:
    results: list[Result] = []
    durations: dict[str, float] = {}
    for benchmark in BENCHMARKS:
        if benchmark.key not in keys:
            continue
        log(f"{benchmark.name} …")
        start = time.perf_counter()
        try:
            results += benchmark.run(context)
        except Exception as error:
            log(traceback.format_exc())
            message = f"{type(error).__name__}: {error}"
            results.append(NotMeasured(benchmark.key, benchmark.name, benchmark.target, message))
        durations[benchmark.key] = time.perf_counter() - start
        log(f"  {durations[benchmark.key]:.1f} s")
    return results, durations


def main(argv: list[str]) -> int:
    arguments = _arguments(argv)
    rules_dir = arguments.rules.resolve()
    # The servers and the in-process AppTest read the same rule book as the engine benchmarks.
    env = {RULES_DIR_ENV: str(rules_dir)}
    book = load_rule_book(rules_dir)
    sizes = QUICK if arguments.quick else FULL
    context = Context(book=book, rules_dir=rules_dir, sizes=sizes, env=env)

    started = dt.datetime.now(dt.UTC)
    start = time.perf_counter()
    results, durations = run_benchmarks(
        context, arguments.only, lambda line: print(line, file=sys.stderr, flush=True)
    )
    # The command as run from the repository root, whatever the current folder was.
    python = os.path.relpath(sys.executable, ROOT)
    command = shlex.join([python, "-m", "bench.run", *argv])
    meta = {
        "started": started.strftime("%Y-%m-%d %H:%M"),
        "duration_s": time.perf_counter() - start,
        "durations_s": durations,
        "quick": arguments.quick,
        "book": f"{book.info.version} ({book.content_hash[:12]}): {len(book.syndromes)} "
        f"syndromes, {len(book.findings)} findings, "
        f"{sum(len(s.examples) for s in book.syndromes)} rule examples",
        "sizes": asdict(sizes),
    }
    # Only a full run replaces the committed table; smoke and partial runs write beside it.
    if arguments.quick:
        stem = "quick"
    elif (
        set(arguments.only) != set(KEYS) or arguments.rules.resolve() != DEFAULT_RULES_DIR.resolve()
    ):
        stem = "partial"
    else:
        stem = "latest"
    md_path, json_path = write_results(
        arguments.out, stem, results, machine_info(ROOT), command, meta
    )
    print(md_path.read_text(encoding="utf-8"))
    print(f"Wrote {md_path} and {json_path}", file=sys.stderr)
    return 1 if any(isinstance(r, NotMeasured) for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
