"""Cold start: seconds from `streamlit run` to the first paint of the disclaimer in chromium.

The browser is started beforehand and kept; each repeat spawns a fresh server (one untimed warm-up
first, so both apps find compiled bytecode and a warm disk cache), waits for /_stcore/health,
opens the page and waits until the text is visible. Baseline: the same for a one-line app
(`bench/bare_app.py`).

To explain a slow start, `eager_imports` lists the packages the app imports on its first page that
a bare app does not, with their import times (`python -X importtime`).

Run as a module, this file is the import-listing child: `python -m bench.cold_start SCRIPT`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from playwright.sync_api import Browser

from bench.measurement import Measurement, Target, spread
from tests.support.chromium import chromium
from tests.support.servers import ROOT, streamlit_server

TARGET = Target(limit=1.5, on="ratio", text="ratio < 1.5")
APP = ROOT / "streamlit_app.py"
BARE_APP = ROOT / "bench" / "bare_app.py"
BARE_TEXT = "A bare Streamlit app."
PAINT_TIMEOUT_MS = 60_000


def disclaimer_marker(disclaimer: str) -> str:
    """The disclaimer's opening words, up to the first character Markdown might escape."""
    match = re.match(r"[\w ,]+", disclaimer)
    return (match.group(0) if match else disclaimer).strip()


def _time_to_paint(browser: Browser, script: Path, text: str, env: Mapping[str, str]) -> float:
    context = browser.new_context()
    try:
        page = context.new_page()
        with streamlit_server(script, env) as server:
            page.goto(server.url, wait_until="commit")
            page.get_by_text(text).first.wait_for(state="visible", timeout=PAINT_TIMEOUT_MS)
            return time.perf_counter() - server.started_at
    finally:
        context.close()


def _imports_child(script: str) -> dict[str, list[str]]:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(script, default_timeout=120)
    before = set(sys.modules)
    app.run()
    if app.exception:
        raise RuntimeError(f"{script} raised on its first run: {app.exception[0].message}")
    return {"new_modules": sorted(set(sys.modules) - before)}


def _first_page_imports(script: Path, env: Mapping[str, str]) -> tuple[set[str], dict[str, float]]:
    """Top-level packages first imported while `script` draws its first page; ms per module."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bench.cold_start", str(script)],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"import listing failed for {script}:\n{completed.stderr[-2000:]}")
    new_modules = json.loads(completed.stdout.strip().splitlines()[-1])["new_modules"]
    cumulative: dict[str, float] = {}
    for line in completed.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            cumulative.setdefault(parts[2].strip(), int(parts[1]) / 1e3)
    return {name.split(".")[0] for name in new_modules}, cumulative


def eager_imports(env: Mapping[str, str]) -> list[dict[str, float | str]]:
    """Packages the app's first page imports beyond a bare app, slowest first."""
    app_packages, times = _first_page_imports(APP, env)
    bare_packages, _ = _first_page_imports(BARE_APP, env)
    extra = sorted(app_packages - bare_packages)
    rows = [{"package": name, "import_ms": times.get(name, 0.0)} for name in extra]
    return sorted(rows, key=lambda row: -float(row["import_ms"]))


def measure(disclaimer: str, repeats: int, env: Mapping[str, str]) -> Measurement:
    marker = disclaimer_marker(disclaimer)
    app_times, bare_times = [], []
    with chromium() as browser:
        _time_to_paint(browser, APP, marker, env)
        _time_to_paint(browser, BARE_APP, BARE_TEXT, env)
        for _ in range(repeats):
            app_times.append(_time_to_paint(browser, APP, marker, env))
            bare_times.append(_time_to_paint(browser, BARE_APP, BARE_TEXT, env))
    app = spread(app_times)
    bare = spread(bare_times)
    imports = eager_imports(env)
    slowest = ", ".join(f"{row['package']} {row['import_ms']:.0f} ms" for row in imports[:4])
    return Measurement(
        key="cold_start",
        name="Cold start: `streamlit run` to the disclaimer painted",
        unit="s",
        value=app.median,
        p95=app.p95,
        baseline_name="one-line app (bench/bare_app.py)",
        baseline_value=bare.median,
        target=TARGET,
        notes=f"first page imports beyond a bare app: {slowest or 'none'}",
        details={
            "repeats": repeats,
            "app_s": app_times,
            "bare_s": bare_times,
            "eager_imports": imports,
        },
    )


if __name__ == "__main__":
    print(json.dumps(_imports_child(sys.argv[1])))
