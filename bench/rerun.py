"""Rerun: how long Streamlit takes to rerun the Screen page after one change to the case.

Measured with `AppTest` (in process, no browser). The page opens a 10-finding case from its link
(`bench_case`), so a full set of results is drawn; each timed rerun then takes out or puts back one
of its findings, as a learner would: out by clicking its chip, back by choosing it in the picker.
A change reruns only the parts of the
page it touches (`st.fragment`: the results, and the summary when it changes), so that is what is
timed, as in the browser. The whole page is also timed once per turn, unchanged, for comparison
(what a link or the browser's Back costs). Baseline: one change on a bare page with one checkbox
(`bench/bare_checkbox_app.py`), which reruns in full. All three are timed in turns, so all see the
same machine.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from collections.abc import Callable, Mapping
from unittest import mock

from streamlit.testing.v1 import AppTest

from bench.measurement import Measurement, Target, spread
from screener.app.pages import BY_KEY
from screener.engine import screen
from screener.inputs.form import pick_token
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
CHIPS_KEY = "entry.chips.{}"
"""The key of a body system's chips on the Screen page."""
PICKER_KEY = "entry.pick"


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


def _screen_page(book: RuleBook) -> Callable[[int], tuple[float, float]]:
    """One timed change per call (the last finding the top card counts out, then back in),
    and one timed rerun of the whole page."""
    case = bench_case(book)
    app = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S)
    app.query_params.update(profile_to_query(case))
    app.run()
    if app.exception or not any(h.value == "Results" for h in app.header):
        raise RuntimeError("the Screen page showed no results for the benchmark case")
    finding = screen(case, book).matches[0].counted_findings[-1]
    chips = CHIPS_KEY.format(book.system_of_finding[finding].id)

    def timed_run() -> float:
        start = time.perf_counter()
        app.run()
        took = time.perf_counter() - start
        if app.exception:
            raise RuntimeError(f"the page raised on rerun: {app.exception[0].message}")
        return took

    def change(turn: int) -> tuple[float, float]:
        # A whole-page run first: AppTest keeps only what the last run drew, and a change
        # redraws only part of the page.
        page = timed_run()
        if turn % 2 == 0:
            app.pills(key=chips).unselect(finding)
        else:
            app.selectbox(key=PICKER_KEY).set_value(pick_token("finding", finding))
        return timed_run(), page

    return change


REVEAL_CASE = "case_stairs_and_dry_mouth"
REVEAL_STAGE = 1
"""A staged case's second stage, where the learner's commit reveals a pattern and its card."""


def _reveal(book: RuleBook) -> Callable[[int], float]:
    """One timed commit-and-reveal per call on the Cases stepper (a one-pattern differential,
    compared finding by finding); between calls the answer is taken back, untimed."""
    case = book.case_by_id.get(REVEAL_CASE) or next(c for c in book.cases if c.stages)
    stage = min(REVEAL_STAGE, len(case.stages))
    app = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S)
    app.switch_page(BY_KEY["cases"].script).run()
    app.session_state["cases.tab"] = "Step through a case"
    app.run()
    app.selectbox(key="cases.step.case").set_value(case.id).run()
    app.radio(key=f"cases.step.stage.{case.id}").set_value(stage).run()
    form = f"cases.step.commit.{case.id}.{stage}"

    def change(turn: int) -> float:
        app.session_state["cases.step.answers"] = {}
        app.run()
        app.selectbox(key=f"{form}.0.pattern").set_value(case.answer)
        app.radio(key=f"{form}.confidence").set_value("fairly_sure")
        submit = next(b for b in app.get("form_submit_button") if b.label == "Commit and reveal")
        submit.click()
        start = time.perf_counter()
        app.run()
        took = time.perf_counter() - start
        if app.exception or not any("beside the rule book" in m.value for m in app.markdown):
            raise RuntimeError("the commit did not reveal the stage")
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


def measure(
    book: RuleBook, repeats: int, env: Mapping[str, str], warmup: int = 3
) -> list[Measurement]:
    """`env` is what a server would get (e.g. the rule book folder); AppTest runs in process."""
    context_logger = logging.getLogger(CONTEXT_LOGGER)
    context_logger.addFilter(_bare_mode_warning)
    try:
        with mock.patch.dict(os.environ, env):
            page, bare = _screen_page(book), _bare_page()
            reveal = _reveal(book) if book.cases else None
            change_s, page_s, bare_s, reveal_s = [], [], [], []
            for turn in range(warmup + repeats):
                if turn == warmup:
                    # Streamlit collects garbage after every run; in one process shared by both
                    # apps and the harness, leave it only what the runs themselves make (as
                    # the app's own server does with `book_state.freeze_long_lived`).
                    gc.collect()
                    gc.freeze()
                (change_took, page_took), bare_took = page(turn), bare(turn)
                reveal_took = reveal(turn) if reveal is not None else None
                if turn >= warmup and reveal_took is not None:
                    reveal_s.append(reveal_took)
                if turn >= warmup:
                    change_s.append(change_took)
                    page_s.append(page_took)
                    bare_s.append(bare_took)
    finally:
        gc.unfreeze()
        context_logger.removeFilter(_bare_mode_warning)
    change, whole, baseline = spread(change_s), spread(page_s), spread(bare_s)
    details = {"repeats": repeats, "warmup": warmup, "case": list(bench_case(book).findings)}
    common = {
        "unit": "ms",
        "baseline_name": "bare page, one checkbox (bench/bare_checkbox_app.py)",
        "baseline_value": baseline.median * 1e3,
        "target": TARGET,
        "details": details,
    }
    revealed = (
        [
            Measurement(
                key="rerun_reveal",
                name="Commit and reveal on the Cases stepper, one stage (AppTest)",
                value=spread(reveal_s).median * 1e3,
                p95=spread(reveal_s).p95 * 1e3,
                notes="the learner's one-pattern differential committed, then the stage's "
                "patterns, the comparison finding by finding and the chart drawn; issue 25 "
                "asks for no higher a ratio than a change on the Screen page",
                **common,
            )
        ]
        if reveal_s
        else []
    )
    return [
        Measurement(
            key="rerun",
            name=f"Rerun of the Screen page after one change, {CASE_FINDINGS}-finding case "
            "(AppTest)",
            value=change.median * 1e3,
            p95=change.p95 * 1e3,
            notes=f"{repeats} changes (a chip out, then back in), in turns with the baseline, "
            f"after {warmup} untimed; the change reruns the results fragment (and the summary "
            "when it changes), as in the browser",
            **common,
        ),
        Measurement(
            key="rerun_page",
            name="Rerun of the whole Screen page, same case (AppTest; a link, Back or Forward)",
            value=whole.median * 1e3,
            p95=whole.p95 * 1e3,
            notes="frame, page and every fragment; for comparison with the change above",
            **common,
        ),
        *revealed,
    ]
