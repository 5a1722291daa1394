"""Write a run's results as a Markdown table and as JSON, with the command that reproduces them."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from bench.measurement import Measurement, NotMeasured

Result = Measurement | NotMeasured
Meta = dict[str, Any]


def _number(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def _ratio(ratio: float) -> str:
    # Three decimals below 10, so a ratio just under its target never prints as the target.
    return f"{ratio:,.0f}×" if ratio >= 100 else f"{ratio:.1f}×" if ratio >= 10 else f"{ratio:.3f}×"


def _with_unit(value: float | None, unit: str) -> str:
    return "–" if value is None else f"{_number(value)} {unit}"


def _met(result: Result) -> str:
    met = result.met if isinstance(result, Measurement) else None
    return {True: "yes", False: "**no**", None: "–"}[met]


def _row(result: Result) -> str:
    if isinstance(result, NotMeasured):
        reason = (result.reason.strip().splitlines() or ["error"])[0]
        cells = [result.name, "–", "–", "–", "–", result.target.text, "–"]
        cells.append(f"not measured: {reason}")
    else:
        ratio = "–" if result.ratio is None else _ratio(result.ratio)
        baseline = (
            "–"
            if result.baseline_name is None
            else f"{_with_unit(result.baseline_value, result.unit)} ({result.baseline_name})"
        )
        cells = [
            result.name,
            _with_unit(result.value, result.unit),
            _with_unit(result.p95, result.unit),
            baseline,
            ratio,
            result.target.text,
            _met(result),
            result.notes,
        ]
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _example_rows(results: list[Result]) -> list[str]:
    measured = [r for r in results if isinstance(r, Measurement)]
    examples = next((r.details["examples"] for r in measured if r.details.get("examples")), None)
    if not examples:
        return []
    lines = [
        "",
        "<details><summary>Engine: each rule example (median and p95 per call)</summary>",
        "",
        "| Rule | Example | Expect | Median | p95 | Baseline median |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {row['syndrome']} | {row['example']} | {row['expect']} | {row['median_ms']:.3f} ms | "
        f"{row['p95_ms']:.3f} ms | {row['baseline_median_ms']:.4f} ms |"
        for row in examples
    ]
    return [*lines, "", "</details>"]


def markdown(results: list[Result], machine: Meta, command: str, meta: Meta) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Reproduce with: `{command}`",
        "",
        f"Run: {meta['started']} UTC, {meta['duration_s']:.0f} s"
        + (" (quick smoke run: small sizes, figures are rough)" if meta["quick"] else "")
        + f"; rule book {meta['book']}.",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['ram_gib']} GiB RAM; "
        f"{machine['os']}; Python {machine['python']}, Streamlit {machine['streamlit']}, "
        f"pydantic {machine['pydantic']}, fpdf2 {machine['fpdf2']}, PyYAML {machine['pyyaml']}; "
        f"{machine['chromium'] or 'no chromium'}; commit {machine['commit']}.",
        "",
        "Figures are medians (p95 beside them) of several repeats; the ratio is the figure divided "
        "by its baseline, measured in the same run. Targets are goals, not tests.",
        "",
        "| Measurement | Median | p95 | Baseline | Ratio | Target | Met | Notes |",
        "|---|---|---|---|---|---|---|---|",
        *(_row(r) for r in results),
        *_example_rows(results),
        "",
    ]
    return "\n".join(lines)


def as_json(results: list[Result], machine: Meta, command: str, meta: Meta) -> str:
    document = {
        "command": command,
        **meta,
        "machine": machine,
        "results": [r.as_json() for r in results],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _write(path: Path, text: str) -> None:
    # Write beside the target and rename, so a reader never sees half a file.
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def write_results(
    folder: Path,
    stem: str,
    results: list[Result],
    machine: Meta,
    command: str,
    meta: Meta,
) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    md_path, json_path = folder / f"{stem}.md", folder / f"{stem}.json"
    _write(md_path, markdown(results, machine, command, meta))
    _write(json_path, as_json(results, machine, command, meta))
    return md_path, json_path
