"""Rule book load, cold: the first `load_rule_book()` in a fresh Python process.

Baseline: the same files read as plain data with the same parser the loader uses (libyaml's C
safe loader, `yaml.CSafeLoader`; the pure-Python one only where libyaml is missing, as in the
loader), also in a fresh process. Imports are timed apart and left out of both figures (they are
reported in the notes), so the ratio is the cost of the safe, located parsing, validation and
cross-checks over reading the same YAML as plain data.

Run as a module, this file is the child process:
`python -m bench.book_load load RULES_DIR` or `python -m bench.book_load yaml FILE...`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from bench.measurement import Measurement, Target, spread

ROOT = Path(__file__).resolve().parent.parent
TARGET = Target(limit=300.0, on="value", text="< 300 ms for the full book")


def rule_files(rules_dir: Path) -> list[Path]:
    """The files `load_rule_book` reads, in the order it reads them."""
    from screener.rulebook.loader import file_names

    return [rules_dir / name for name in file_names(rules_dir)]


def _child(mode: str, paths: list[str]) -> dict[str, float]:
    # Imports happen inside the timed child on purpose: they are what "cold" pays first.
    start = time.perf_counter()
    if mode == "load":
        from screener.rulebook import load_rule_book

        imported = time.perf_counter()
        load_rule_book(paths[0])
    else:
        import yaml

        # The loader's own choice of parser (`screener.rulebook.safe_yaml`), so like is timed
        # against like.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        imported = time.perf_counter()
        for path in paths:
            yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)
    done = time.perf_counter()
    return {"import_s": imported - start, "load_s": done - imported}


def _run_child(mode: str, arguments: list[str]) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, "-m", "bench.book_load", mode, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{mode} child failed:\n{completed.stderr.strip()}")
    return json.loads(completed.stdout)


def measure(rules_dir: Path, repeats: int) -> Measurement:
    """`repeats` fresh processes each for the loader and the baseline, interleaved."""
    files = rule_files(rules_dir)
    loads, baselines = [], []
    for _ in range(repeats):
        loads.append(_run_child("load", [str(rules_dir)]))
        baselines.append(_run_child("yaml", [str(p) for p in files]))
    load = spread([run["load_s"] * 1e3 for run in loads])
    baseline = spread([run["load_s"] * 1e3 for run in baselines])
    imports = spread([run["import_s"] * 1e3 for run in loads]).median
    size = sum(p.stat().st_size for p in files)
    return Measurement(
        key="book_load",
        name="Rule book load, cold (fresh process)",
        unit="ms",
        value=load.median,
        p95=load.p95,
        baseline_name="the same files as plain data with the loader's parser "
        "(`yaml.CSafeLoader`), fresh process",
        baseline_value=baseline.median,
        target=TARGET,
        notes=(
            f"{len(files)} files, {size / 1024:.0f} KiB; importing the loader takes a further "
            f"{imports:.0f} ms (not counted)"
        ),
        details={
            "repeats": repeats,
            "files": len(files),
            "bytes": size,
            "import_median_ms": imports,
            "load_ms": [run["load_s"] * 1e3 for run in loads],
            "baseline_ms": [run["load_s"] * 1e3 for run in baselines],
        },
    )


if __name__ == "__main__":
    print(json.dumps(_child(sys.argv[1], sys.argv[2:])))
