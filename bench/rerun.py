"""Rerun: how long Streamlit takes to rerun the Screen page after the learner submits the form.

Measured with `AppTest` (in process, no browser): the case of the first rule's first positive
example is screened once, then each timed rerun toggles one of its findings and submits again, so
every rerun redraws a full set of results. Baseline: the same toggle-and-submit on a bare page
with one form and one checkbox (`bench/bare_form_app.py`).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from unittest import mock

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Button, Checkbox

from bench.measurement import Measurement, Target, spread
from screener.rulebook import RuleBook
from tests.support.servers import ROOT

TARGET = Target(limit=3.0, on="ratio", text="ratio < 3")
APP = ROOT / "streamlit_app.py"
BARE_FORM_APP = ROOT / "bench" / "bare_form_app.py"
SUBMIT = "Screen these findings"
RUN_TIMEOUT_S = 120
CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


def _bare_mode_warning(record: logging.LogRecord) -> bool:
    # AppTest itself sets up session state outside a script run, and Streamlit warns each time.
    return "missing ScriptRunContext" not in record.getMessage()


def _submit_button(app: AppTest, label: str) -> Button:
    return next(b for b in app.button if b.label == label)


def _finding_box(app: AppTest, finding: str) -> Checkbox:
    # The Screen page keys each finding's checkbox "screen.<revision>.finding.<id>".
    return next(c for c in app.checkbox if c.key and c.key.endswith(f".finding.{finding}"))


def _timed_reruns(
    app: AppTest, toggle: Callable[[int], None], label: str, count: int
) -> list[float]:
    samples = []
    for turn in range(count):
        toggle(turn)
        _submit_button(app, label).click()
        start = time.perf_counter()
        app.run()
        samples.append(time.perf_counter() - start)
        if app.exception:
            raise RuntimeError(f"the page raised on rerun: {app.exception[0].message}")
    return samples


def screen_case(book: RuleBook) -> tuple[str, ...]:
    """Findings of the first positive example in the book: a case that shows results."""
    example = next(e for s in book.syndromes for e in s.examples if e.expect != "no_match")
    return example.findings


def _screen_page_reruns(book: RuleBook, count: int) -> list[float]:
    app = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S).run()
    findings = screen_case(book)
    for finding in findings:
        _finding_box(app, finding).set_value(True)
    _submit_button(app, SUBMIT).click()
    app.run()
    if not any(h.value == "Results" for h in app.header):
        raise RuntimeError("the Screen page showed no results after a submit")
    return _timed_reruns(
        app,
        lambda turn: _finding_box(app, findings[-1]).set_value(turn % 2 == 1),
        SUBMIT,
        count,
    )


def _bare_form_reruns(count: int) -> list[float]:
    app = AppTest.from_file(str(BARE_FORM_APP), default_timeout=RUN_TIMEOUT_S).run()
    return _timed_reruns(
        app, lambda turn: app.checkbox(key="tick").set_value(turn % 2 == 0), "Submit", count
    )


def measure(book: RuleBook, repeats: int, env: Mapping[str, str], warmup: int = 2) -> Measurement:
    """`env` is what a server would get (e.g. the rule book folder); AppTest runs in process."""
    context_logger = logging.getLogger(CONTEXT_LOGGER)
    context_logger.addFilter(_bare_mode_warning)
    try:
        with mock.patch.dict(os.environ, env):
            app = spread(_screen_page_reruns(book, warmup + repeats)[warmup:])
            bare = spread(_bare_form_reruns(warmup + repeats)[warmup:])
    finally:
        context_logger.removeFilter(_bare_mode_warning)
    return Measurement(
        key="rerun",
        name="Rerun of the Screen page after a submit (AppTest)",
        unit="ms",
        value=app.median * 1e3,
        p95=app.p95 * 1e3,
        baseline_name="bare page, one form, one checkbox (bench/bare_form_app.py)",
        baseline_value=bare.median * 1e3,
        target=TARGET,
        notes=f"{repeats} reruns each after {warmup} untimed",
        details={"repeats": repeats, "warmup": warmup},
    )
