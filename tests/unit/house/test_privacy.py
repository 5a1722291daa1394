"""Privacy: a full screening writes nothing the user entered to disk or to a log, a learner's
summary statement goes to no log, file or request, usage statistics are off, and the app has no
field for names, dates or uploads."""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from screener.app.class_page import CODE_BOX
from screener.app.pages import PAGES, AppPage
from screener.present import class_words
from screener.rulebook import RuleBook

ROOT = Path(__file__).resolve().parents[3]
APP = ROOT / "streamlit_app.py"
APP_PAGES = ROOT / "screener" / "app"
# A search word and a lab value nobody else would type, so finding them anywhere means a leak.
SEARCH_PROBE = "zqxprivacyprobe"
SODIUM_PROBE = 131.73519
PROBES = (SEARCH_PROBE.encode(), b"131.73519", b"131.735")
MAX_SCANNED_BYTES = 5_000_000
CLOCK_SLACK_NS = 1_000_000_000
IDENTIFIER_WIDGETS = ("text_area", "date_input", "camera_input", "chat_input")
UPLOADS = {"screen": 1}
"""The one upload the app takes: a Phenopacket on the Screen page (`screener/app/interop.py`),
read once and not kept."""


def _written_since(roots: list[Path], since_ns: int, max_depth: int) -> Iterator[Path]:
    """Files under `roots` whose content or metadata changed at `since_ns` or later (the inode's
    change time, which no program can set back), not counting `.git` and `.venv`."""
    for root in roots:
        for folder, dirs, names in os.walk(root):
            depth = len(Path(folder).relative_to(root).parts)
            dirs[:] = [d for d in dirs if d not in {".git", ".venv"} and depth < max_depth]
            for name in names:
                path = Path(folder) / name
                try:
                    stat = path.stat()
                except OSError:
                    continue
                if stat.st_ctime_ns >= since_ns and stat.st_size <= MAX_SCANNED_BYTES:
                    yield path


@pytest.fixture
def disk_watch(tmp_path: Path) -> Iterator[None]:
    """Fails the test if a file written during it, in the repo, the tmp dir or $HOME, holds a
    probe. One walk, after the test: the change times say what was written."""
    roots = [ROOT, Path(tempfile.gettempdir()), Path.home()]
    # A file system stamps times from a clock that may lag the system's by a tick.
    started = time.time_ns() - CLOCK_SLACK_NS
    yield
    leaks = []
    for path in _written_since(roots, started, max_depth=6):
        if tmp_path in path.parents:
            continue
        try:
            content = path.read_bytes()
        except OSError:
            continue
        if any(probe in content for probe in PROBES):
            leaks.append(path)
    assert leaks == [], f"user input written to {leaks}"


@pytest.fixture
def debug_logs() -> Iterator[list[str]]:
    """Every record the streamlit and screener loggers emit, at DEBUG level."""
    from streamlit import logger as st_logger

    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Keep(level=logging.DEBUG)
    # Streamlit's loggers do not propagate, so the handler joins each one (and any made later).
    previous = st_logger._global_log_level
    st_logger.set_log_level("debug")
    loggers = [logging.getLogger("screener"), *st_logger._loggers.values()]
    levels = {log: log.level for log in loggers}
    for log in loggers:
        log.addHandler(handler)
        log.setLevel(logging.DEBUG)
    try:
        yield records
    finally:
        for log in [*loggers, *st_logger._loggers.values()]:
            log.removeHandler(handler)
            log.setLevel(levels.get(log, previous))
        st_logger._global_log_level = previous


def _assert_no_probe(text: str, where: str) -> None:
    for probe in PROBES:
        assert probe.decode() not in text, f"user input in {where}"


def test_a_screening_in_the_app_leaves_no_trace(
    disk_watch: None, debug_logs: list[str], capfd: pytest.CaptureFixture[str]
) -> None:
    app = AppTest.from_file(str(APP), default_timeout=30)
    app.run()
    # The picker filters in the browser: what is typed into it never reaches the server.
    app.selectbox(key="entry.pick").set_value("finding:seizures").run()
    app.selectbox(key="entry.pick").set_value("lab:sodium").run()
    app.text_input(key="entry.lab.sodium").input(str(SODIUM_PROBE)).run()
    assert not app.exception
    shown = "\n".join(m.value for m in app.markdown)
    assert "131.735" in shown, "the probe value was screened"
    out, err = capfd.readouterr()
    _assert_no_probe(out + err, "stdout/stderr")
    _assert_no_probe("\n".join(debug_logs), "the log")
    assert debug_logs, "the DEBUG capture saw nothing, so it proves nothing"


def test_whatever_is_typed_into_a_class_code_box_leaves_no_trace(
    disk_watch: None, debug_logs: list[str], capfd: pytest.CaptureFixture[str]
) -> None:
    """A student who types their name where the class code goes: refused, and kept nowhere."""
    app = AppTest.from_file(str(APP), default_timeout=30)
    app.switch_page(next(p.script for p in PAGES if p.key == "class")).run()
    for box in ("join", "review"):
        app.text_input(key=CODE_BOX + box).set_value(f"Jane {SEARCH_PROBE}")
        labels = (class_words.JOIN_BUTTON, class_words.USE_CODE)
        next(b for b in app.button if b.label in labels).click()
        app.run()
    app.query_params["join"] = SEARCH_PROBE
    app.run()
    assert not app.exception
    assert app.error, "each was refused with a message"
    out, err = capfd.readouterr()
    _assert_no_probe(out + err, "stdout/stderr")
    _assert_no_probe("\n".join(debug_logs), "the log")


@pytest.fixture
def no_requests(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every network connection the test opens (there should be none), by address."""
    opened: list[object] = []
    original = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        opened.append(address)
        original(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return opened


def test_a_learners_summary_statement_stays_in_the_page(
    disk_watch: None,
    debug_logs: list[str],
    capfd: pytest.CaptureFixture[str],
    no_requests: list[object],
    book: RuleBook,
) -> None:
    """The one free sentence the app takes (a teaching case's summary statement) is shown back
    on the page and goes to no log, no file and no request."""
    case = book.case_by_id["case_stairs_and_dry_mouth"]
    app = AppTest.from_file(str(APP), default_timeout=30)
    app.switch_page(next(p.script for p in PAGES if p.key == "cases")).run()
    app.session_state["cases.tab"] = "Step through a case"
    app.run()
    app.selectbox(key="cases.step.case").set_value(case.id).run()
    form = f"cases.step.commit.{case.id}.0"
    app.text_input(key=f"{form}.summary").input(f"Jane Doe, {SEARCH_PROBE}, weak and dry.")
    app.radio(key=f"{form}.confidence").set_value("guessing")
    next(b for b in app.get("form_submit_button") if b.label == "Commit and reveal").click().run()
    for _ in case.stages:
        next(b for b in app.button if b.label == "Next stage").click().run()
        next(b for b in app.button if b.label == "Skip to the answer").click().run()
    assert not app.exception
    assert any(SEARCH_PROBE in m.value for m in app.markdown), "the page shows it back"
    out, err = capfd.readouterr()
    _assert_no_probe(out + err, "stdout/stderr")
    _assert_no_probe("\n".join(debug_logs), "the log")
    assert no_requests == [], "the app opened a connection"


def test_a_screening_on_the_command_line_leaves_no_trace(disk_watch: None) -> None:
    profile = {
        "findings": ["seizures"],
        "labs": [{"analyte": "sodium", "value": SODIUM_PROBE, "unit": "mmol/L"}],
    }
    run = subprocess.run(
        [sys.executable, "-m", "screener", "screen", "-"],
        input=json.dumps(profile),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "131.735" in run.stdout, "the report shows the value the user asked about"
    _assert_no_probe(run.stderr, "stderr")


def test_usage_statistics_are_off_in_streamlits_own_config() -> None:
    probe = (
        "from streamlit import config; config.get_config_options(force_reparse=True); "
        "print(config.get_option('browser.gatherUsageStats'))"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert run.stdout.strip() == "False"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.key)
def test_no_page_asks_for_identifiers(page: AppPage) -> None:
    app = AppTest.from_file(str(APP), default_timeout=30)
    app.switch_page(page.script).run()
    assert not app.exception
    for widget in IDENTIFIER_WIDGETS:
        assert len(app.get(widget)) == 0, widget
    assert len(app.get("file_uploader")) == UPLOADS.get(page.key, 0)
    # A search box is the most free text a page may have (the Screen page's picker has none:
    # it filters in the browser, and what is typed never reaches the server). The Live class
    # page's boxes take a code or a key only (read strictly, never kept: see below).
    assert len([box for box in app.text_input if not (box.key or "").startswith(CODE_BOX)]) <= 1


def test_the_app_code_has_no_identifier_widgets() -> None:
    source = "\n".join(p.read_text() for p in [APP, *APP_PAGES.rglob("*.py")])
    for widget in IDENTIFIER_WIDGETS:
        assert not re.search(rf"\bst\.{widget}\(", source), widget
    boxes = re.findall(r"\bst\.text_input\(", source)
    code_box = re.search(
        r"def _code_box\(.*?\n    return st\.text_input\(.*?key=CODE_BOX \+ name", source, re.S
    )
    assert code_box, "the Live class page's text boxes are its code boxes"
    # The one free sentence: a teaching case's summary statement, kept in the session only
    # (`test_a_learners_summary_statement_stays_in_the_page`).
    summary_box = re.search(
        r"st\.text_input\(\s*teaching\.SUMMARY_LABEL,\s*max_chars=SUMMARY_LENGTH", source
    )
    assert summary_box, "the summary statement's box is limited to one sentence"
    assert len(boxes) <= 3, "free text could carry identifiers"
    uploads = [p.name for p in APP_PAGES.rglob("*.py") if "st.file_uploader(" in p.read_text()]
    assert uploads == ["interop.py"]
    assert source.count("st.file_uploader(") == 1
