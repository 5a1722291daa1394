"""Rerun: how long Streamlit takes to rerun the Screen page after one change to the case.

Measured with `AppTest` (in process, no browser). The page opens a 10-finding case from its link
(`bench_case`), so a full set of results is drawn; each timed rerun then removes or puts back one
of its findings through that finding's body-system chips, as a learner would, and the page
redraws every result. Baseline: the same one change on a bare page with one checkbox
(`bench/bare_checkbox_app.py`), which also reruns at once. The two are timed in turns, rerun by
rerun, so both see the same machine.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from unittest import mock

from streamlit.testing.v1 import AppTest

from bench.measurement import Measurement, Target, spread
from screener.inputs.query import profile_to_query
from screener.models import Profile
from screener.rulebook import RuleBook
from tests.support.servers import ROOT

TARGET = Target(limit=5.0, on="ratio", text="ratio < 5")
APP = ROOT / "streamlit_app.py"
BARE_APP = ROOT / "bench" / "bare_checkbox_app.py"
CASE_FINDINGS = 10
RUN_TIMEOUT_S = 120
CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
SYSTEM_KEY = "entry.system.{}"
"""The key of a body system's chips on the Screen page."""


def _bare_mode_warning(record: logging.LogRecord) -> bool:
    # AppTest itself sets up session state outside a script run, and Streamlit warns each time.
    return "missing ScriptRunContext" not in record.getMessage()


def bench_case(book: RuleBook, size: int = CASE_FINDINGS) -> Profile:
    """`size` findings gathered from the rule examples that show a pattern, in book order: a
    case with several cards, the same on every run for the same book."""
    found: list[str] = []
    for syndrome in book.syndromes:
        for example in syndrome.examples:
            if example.expect == "no_match":
                continue
            for finding in example.findings:
                if finding in book.enterable_findings and finding not in found:
                    found.append(finding)
                if len(found) == size:
                    return Profile(findings=tuple(found))
    return Profile(findings=tuple(found))


def _screen_page(book: RuleBook) -> Callable[[int], float]:
    """One timed change per call: the case's last finding out, then back in."""
    case = bench_case(book)
    app = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S)
    app.query_params.update(profile_to_query(case))
    app.run()
    if app.exception or not any(h.value == "Results" for h in app.header):
        raise RuntimeError("the Screen page showed no results for the benchmark case")
    finding = case.findings[-1]
    chips = SYSTEM_KEY.format(book.system_of_finding[finding].id)

    def change(turn: int) -> float:
        chosen = [f for f in app.multiselect(key=chips).value if f != finding]
        app.multiselect(key=chips).set_value(chosen if turn % 2 == 0 else [*chosen, finding])
        start = time.perf_counter()
        app.run()
        took = time.perf_counter() - start
        if app.exception:
            raise RuntimeError(f"the page raised on rerun: {app.exception[0].message}")
        return took

    return change


def _bare_page() -> Callable[[int], float]:
    app = AppTest.from_file(str(BARE_APP), default_timeout=RUN_TIMEOUT_S).run()

    def change(turn: int) -> float:
        app.checkbox(key="tick").set_value(turn % 2 == 0)
        start = time.perf_counter()
        app.run()
        return time.perf_counter() - start

    return change


def measure(book: RuleBook, repeats: int, env: Mapping[str, str], warmup: int = 3) -> Measurement:
    """`env` is what a server would get (e.g. the rule book folder); AppTest runs in process."""
    context_logger = logging.getLogger(CONTEXT_LOGGER)
    context_logger.addFilter(_bare_mode_warning)
    try:
        with mock.patch.dict(os.environ, env):
            page, bare = _screen_page(book), _bare_page()
            page_s, bare_s = [], []
            for turn in range(warmup + repeats):
                page_took, bare_took = page(turn), bare(turn)
                if turn >= warmup:
                    page_s.append(page_took)
                    bare_s.append(bare_took)
    finally:
        context_logger.removeFilter(_bare_mode_warning)
    app, baseline = spread(page_s), spread(bare_s)
    return Measurement(
        key="rerun",
        name=f"Rerun of the Screen page after one change, {CASE_FINDINGS}-finding case (AppTest)",
        unit="ms",
        value=app.median * 1e3,
        p95=app.p95 * 1e3,
        baseline_name="bare page, one checkbox (bench/bare_checkbox_app.py)",
        baseline_value=baseline.median * 1e3,
        target=TARGET,
        notes=f"{repeats} changes each, in turns, after {warmup} untimed",
        details={"repeats": repeats, "warmup": warmup, "case": list(bench_case(book).findings)},
    )
