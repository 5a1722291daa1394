"""The full test run's wall time against an earlier commit's, measured in turns on this machine.

    .venv/bin/python -m bench.test_run --baseline 483835c --baseline-args="-p no:xdist"
    .venv/bin/python -m bench.test_run --baseline 483835c --rounds 3 --baseline-args="-p no:xdist"

Not part of the test run (it runs the whole suite, twice a round). The baseline commit is checked
out in a temporary git worktree; both suites run with this interpreter, from their own checkout,
with `PNS_REQUIRE_BROWSER=1`, as `python -m pytest -q` (the README's test command once
installed). Runs alternate, baseline first, so the drift of a shared machine falls on both sides.
A run that does not pass stops the benchmark: a failing suite has no time worth comparing.

`--baseline-args` are added to the baseline's command only, to run it as it ran in its own day:
483835c, the commit issue 12 measures against, had no pytest-xdist among its requirements, so
`-p no:xdist` keeps the plugin, installed here for today's suite, out of its run.

Results: bench/results/test-run-latest.md and .json: each run's wall and CPU time (the test
process and the processes it waited for), the medians, and current ÷ baseline.
Target (issue 12): the current run at least a third faster than the baseline (ratio ≤ 0.667).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.machine import machine_info

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TARGET_RATIO = 2 / 3


@dataclass(frozen=True)
class Run:
    side: str
    wall_s: float
    cpu_s: float
    summary: str


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_suite(side: str, checkout: Path, extra: list[str]) -> Run:
    env = {**os.environ, "PNS_REQUIRE_BROWSER": "1"}
    command = [sys.executable, "-m", "pytest", "-q", *extra]
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    lines = done.stdout.strip().splitlines()
    summary = lines[-1].strip("= ") if lines else ""
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-30:])
        raise SystemExit(f"the {side} suite did not pass in {checkout}:\n{tail}")
    return Run(side, wall, _children_cpu() - cpu, summary)


def _worktree(ref: str, place: Path) -> Path:
    checkout = place / "baseline"
    done = subprocess.run(
        ["git", "worktree", "add", "--detach", "--quiet", str(checkout), ref],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"cannot check out the baseline {ref!r}: {done.stderr.strip()}")
    return checkout


def _median_wall(runs: list[Run], side: str) -> float:
    return statistics.median(r.wall_s for r in runs if r.side == side)


def write(
    runs: list[Run], baseline: str, baseline_args: list[str], out: Path = RESULTS
) -> dict[str, object]:
    wall = {side: _median_wall(runs, side) for side in ("baseline", "current")}
    ratio = wall["current"] / wall["baseline"]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    payload = {
        "generated": stamp,
        "baseline": baseline,
        "baseline_args": baseline_args,
        "machine": machine_info(ROOT),
        "runs": [asdict(r) for r in runs],
        "median_wall_s": wall,
        "ratio": ratio,
        "target_ratio": TARGET_RATIO,
        "met": ratio <= TARGET_RATIO,
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "test-run-latest.json").write_text(json.dumps(payload, indent=2) + "\n")
    lines = [
        "# Full test run against a baseline commit (-m bench.test_run)",
        "",
        f"Generated {stamp} at {payload['machine']['commit']}, on "
        f"{payload['machine']['cores']} cores; baseline {baseline}"
        + (f" (run with `{shlex.join(baseline_args)}`)" if baseline_args else "")
        + "; runs alternate, baseline first. CPU is the test process and what it waited for.",
        "",
        "| Run | Suite | Wall | CPU | Result |",
        "|---:|---|---:|---:|---|",
        *(
            f"| {n} | {r.side} | {r.wall_s:.1f} s | {r.cpu_s:.1f} s | {r.summary} |"
            for n, r in enumerate(runs, start=1)
        ),
        "",
        f"Median wall: baseline {wall['baseline']:.1f} s, current {wall['current']:.1f} s; "
        f"current ÷ baseline = {ratio:.3f} (target ≤ {TARGET_RATIO:.3f}, a third faster): "
        f"{'met' if payload['met'] else 'not met'}.",
    ]
    (out / "test-run-latest.md").write_text("\n".join(lines) + "\n")
    return payload


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", required=True, help="the commit to compare against")
    parser.add_argument("--rounds", type=int, default=2, help="baseline-current pairs")
    parser.add_argument(
        "--baseline-args", default="", help="extra pytest arguments for the baseline only"
    )
    args = parser.parse_args(argv)
    baseline_args = shlex.split(args.baseline_args)
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="pns-baseline-") as place:
        checkout = _worktree(args.baseline, Path(place))
        try:
            for _ in range(max(1, args.rounds)):
                for side, where, extra in (
                    ("baseline", checkout, baseline_args),
                    ("current", ROOT, []),
                ):
                    runs.append(run_suite(side, where, extra))
                    print(f"{side}: {runs[-1].wall_s:.1f} s ({runs[-1].summary})", flush=True)
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT, check=False
            )
    payload = write(runs, args.baseline, baseline_args)
    print(f"current ÷ baseline = {payload['ratio']:.3f}; bench/results/test-run-latest.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
