"""Validation of a broken rule book: `validate()` on a copy of the book whose syndrome files name
thousands of finding ids that do not exist (a careless or hostile edit).

Every unknown id is a located problem; "did you mean" is worked out for the first
`crosscheck.MAX_HINTS` of them only, because it compares each id with every known one. The figure
must stay in seconds however many ids there are (before the cap it grew to minutes).

Baseline: `validate()` of the same book without the unknown ids, in the same run. The ratio says
what locating thousands of problems costs on top of checking the book.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from bench.measurement import Measurement, Target, spread, time_calls
from screener.rulebook.crosscheck import MAX_HINTS
from screener.validate import validate

TARGET = Target(limit=5.0, on="value", text="< 5 s with 10,000 unknown ids")
SUPPORTING = "  supporting: ["


def write_broken_copy(rules_dir: Path, target: Path, unknown_ids: int) -> Path:
    """A copy of the book at `target` whose syndromes' supporting findings lists are padded with
    ids that do not exist, spread evenly over every such list."""
    shutil.copytree(rules_dir, target)
    files = sorted((target / "syndromes").glob("*.yaml"))
    texts = {path: path.read_text(encoding="utf-8") for path in files}
    lists = sum(text.count(SUPPORTING) for text in texts.values())
    per_list = -(-unknown_ids // lists)
    written = 0
    for path, text in texts.items():
        parts = text.split(SUPPORTING)
        for index in range(1, len(parts)):
            count = min(per_list, unknown_ids - written)
            ids = "".join(f"no_such_finding_{written + i}, " for i in range(count))
            parts[index] = ids + parts[index]
            written += count
        path.write_text(SUPPORTING.join(parts), encoding="utf-8")
    assert written == unknown_ids, "the book has too few supporting lists to pad"
    return target


def measure(rules_dir: Path, unknown_ids: int, repeats: int) -> Measurement:
    with tempfile.TemporaryDirectory() as folder:
        broken = write_broken_copy(rules_dir, Path(folder) / "rules", unknown_ids)
        problems = len(validate(broken).problems)
        samples = time_calls(lambda: validate(broken), repeats, warmup=0)
    baseline = time_calls(lambda: validate(rules_dir), repeats, warmup=0)
    figures, base = spread(samples), spread(baseline)
    return Measurement(
        key="validate_unknown_ids",
        name=f"`validate` with {unknown_ids:,} unknown ids",
        unit="s",
        value=figures.median,
        p95=figures.p95,
        baseline_name="`validate` of the same book without them",
        baseline_value=base.median,
        target=TARGET,
        notes=(
            f"{problems:,} located problems; 'did you mean' worked out for the first "
            f"{MAX_HINTS} unknown ids"
        ),
        details={
            "unknown_ids": unknown_ids,
            "problems": problems,
            "repeats": repeats,
            "samples_s": samples,
            "baseline_s": baseline,
        },
    )
