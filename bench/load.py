"""Load test: N concurrent browser sessions each open a different case's link, then its PDF.

    .venv/bin/python -m bench.load                      # N = 1, 10, 50
    .venv/bin/python -m bench.load --sessions 1 10 --max-sessions 10

Not part of the test run. For each N it starts a fresh server on a loopback port and warms it
(rule book, first script run). Then, in one chromium, it opens N contexts (at most --batch at once,
all kept open so Streamlit keeps every session); each opens a case's link and waits until its top
card and its own sodium value are drawn: that time is "open". When every session is open, each
downloads its PDF ("PDF", a second phase, so PDF building does not slow the opening it follows).
N = 1 is repeated --single-repeats times, one session after another, for a p95 to compare with.

Memory is the server's RSS (process and children): after the first session is open, and after
the last; "per added session" is the growth between the two over N − 1 sessions, so the first
session's one-time costs (caches, the first screening) are not spread over the rest. Every
session must see only its own case, on the page and in its PDF. Results go to
bench/results/load-latest.md and .json.

Baseline, in the same run: the same opening (N = 1 repeated, then N at once in the same batches)
on the bare one-checkbox page (`bench/bare_checkbox_app.py`), so a ratio that comes from one
chromium drawing many pages on this machine shows there too.

Targets (issue 11): open p95 at N = 50 ≤ 5 × the open p95 at N = 1; < 5 MB per added session.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from playwright.async_api import Browser, Page, async_playwright, expect
from pypdf import PdfReader

from screener.engine import screen
from screener.inputs.query import profile_to_query
from screener.models import LabValue
from screener.present.picker import PICKER_LABEL
from screener.rulebook import (
    DEFAULT_RULES_DIR,
    RuleBook,
    load_rule_book,
)
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.support.servers import streamlit_server

ROOT = Path(__file__).resolve().parent.parent

RESULTS = ROOT / "bench" / "results"
APP = ROOT / "streamlit_app.py"
BARE_APP = ROOT / "bench" / "bare_checkbox_app.py"
STEP_TIMEOUT_MS = 120_000
SETTLE_S = 2.0


@dataclass(frozen=True)
class Session:
    number: int
    query: str
    top_card: str
    marker: str
    """A sodium value only this session entered: it must show on its page and in its PDF."""


@dataclass
class Opened:
    session: Session
    page: Page | None
    open_s: float
    problem: str = ""


@dataclass
class Downloaded:
    pdf_s: float
    own_results: bool
    problem: str = ""


def sessions_for(count: int, book: RuleBook) -> list[Session]:
    """`count` different cases: the teaching cases in turn, each with its own normal sodium
    value (cases with a sodium of their own, at any stage, are left out: a link reads only the
    first value of an analyte)."""
    profiles = [c.profile for c in book.cases]
    cases = [p for p in profiles if not any(lab.analyte == "sodium" for lab in p.labs)]
    made = []
    for number in range(count):
        case = cases[number % len(cases)]
        sodium = round(136 + number * 0.01, 2)
        profile = case.model_copy(
            update={"labs": (*case.labs, LabValue(analyte="sodium", value=sodium, unit="mmol/L"))}
        )
        top = screen(profile, book).matches[0]
        made.append(
            Session(
                number=number,
                query=urlencode(profile_to_query(profile), safe=",:/"),
                top_card=f"1. {book.safety.not_a_diagnosis_label}: {top.name}",
                marker=f"Sodium {sodium:g} mmol/L",
            )
        )
    return made


async def open_session(browser: Browser, url: str, session: Session) -> Opened:
    context = await browser.new_context(accept_downloads=True)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    page = await context.new_page()
    try:
        started = time.perf_counter()
        await page.goto(f"{url}/?{session.query}")
        cards = page.get_by_role("heading", level=3).filter(has_text="Pattern consistent with")
        await expect(cards.first).to_have_text(session.top_card, timeout=STEP_TIMEOUT_MS)
        await expect(page.get_by_text(session.marker).first).to_be_visible(timeout=STEP_TIMEOUT_MS)
        return Opened(session, page, time.perf_counter() - started)
    except Exception as error:  # a failed session is reported, not fatal to the run
        return Opened(session, page, float("nan"), f"{type(error).__name__}: {error}"[:300])


async def download_pdf(opened: Opened, others: set[str]) -> Downloaded:
    page = opened.page
    if page is None or opened.problem:
        return Downloaded(float("nan"), False, opened.problem)
    try:
        started = time.perf_counter()
        async with page.expect_download(timeout=STEP_TIMEOUT_MS) as info:
            await page.get_by_role("button", name="Download a PDF summary").click()
        download = await info.value
        pdf = Path(await download.path()).read_bytes()
        pdf_s = time.perf_counter() - started
        text = " ".join(
            " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages
        )
        body = await page.inner_text("main")
        own = opened.session.marker in text and not any(m in body or m in text for m in others)
        problem = "" if own else f"session {opened.session.number}: leak"
        return Downloaded(pdf_s, own, problem)
    except Exception as error:
        return Downloaded(float("nan"), False, f"{type(error).__name__}: {error}"[:300])


def tree_rss_mb(pid: int) -> float:
    """RSS of `pid` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            continue
    return total


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(v for v in values if v == v)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def _in_batches(calls: list, batch: int) -> list:
    done = []
    for first in range(0, len(calls), batch):
        done += await asyncio.gather(*(call() for call in calls[first : first + batch]))
    return done


async def run_level(count: int, batch: int, book: RuleBook, single_repeats: int) -> dict:
    # N = 1 opens as many different cases as the repeats, one after another.
    sessions = sessions_for(single_repeats if count == 1 else count, book)
    markers = {s.marker for s in sessions}
    with streamlit_server(APP) as server:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                # Warm the server (book cache, first script run) so session 1 is not a cold start.
                warm = await browser.new_page()
                await warm.goto(server.url)
                await warm.get_by_role("combobox", name=PICKER_LABEL).wait_for(
                    timeout=STEP_TIMEOUT_MS
                )
                await warm.close()
                await asyncio.sleep(SETTLE_S)
                before = tree_rss_mb(server.pid)
                started = time.perf_counter()
                if count == 1:
                    # One session at a time, each kept open, for a p95 of its own.
                    opened = [await open_session(browser, server.url, s) for s in sessions]
                    after_first = after_all = None
                else:
                    opened = [await open_session(browser, server.url, sessions[0])]
                    await asyncio.sleep(SETTLE_S)
                    after_first = tree_rss_mb(server.pid)
                    opened += await _in_batches(
                        [lambda s=s: open_session(browser, server.url, s) for s in sessions[1:]],
                        batch,
                    )
                    await asyncio.sleep(SETTLE_S)
                    after_all = tree_rss_mb(server.pid)
                wall_s = time.perf_counter() - started
                downloads = await _in_batches(
                    [lambda o=o: download_pdf(o, markers - {o.session.marker}) for o in opened],
                    batch,
                )
            finally:
                await browser.close()
    opens = [o.open_s for o in opened]
    pdfs = [d.pdf_s for d in downloads]
    per_session = (
        (after_all - after_first) / (count - 1)
        if after_all is not None and after_first is not None
        else None
    )
    return {
        "sessions": count,
        "samples": len(opened),
        "open_p50_s": percentile(opens, 0.5),
        "open_p95_s": percentile(opens, 0.95),
        "pdf_p50_s": percentile(pdfs, 0.5),
        "pdf_p95_s": percentile(pdfs, 0.95),
        "wall_s": wall_s,
        "rss_before_mb": before,
        "rss_after_first_mb": after_first,
        "rss_after_all_mb": after_all,
        "rss_growth_per_added_session_mb": per_session,
        "own_results": sum(d.own_results for d in downloads),
        "failures": [o.problem for o in opened if o.problem]
        + [
            d.problem
            for d in downloads
            if d.problem and d.problem not in (o.problem for o in opened)
        ],
    }


async def _open_bare(browser: Browser, url: str) -> float:
    context = await browser.new_context()
    page = await context.new_page()
    started = time.perf_counter()
    await page.goto(url)
    await page.get_by_text("A finding", exact=True).wait_for(timeout=STEP_TIMEOUT_MS)
    return time.perf_counter() - started


async def run_bare_level(count: int, batch: int, single_repeats: int) -> dict:
    """The same opening on the bare page: p50 and p95, with every page kept open."""
    with streamlit_server(BARE_APP) as server:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                await _open_bare(browser, server.url)
                if count == 1:
                    opens = [await _open_bare(browser, server.url) for _ in range(single_repeats)]
                else:
                    opens = [await _open_bare(browser, server.url)]
                    opens += await _in_batches(
                        [lambda: _open_bare(browser, server.url)] * (count - 1), batch
                    )
            finally:
                await browser.close()
    return {"bare_open_p50_s": percentile(opens, 0.5), "bare_open_p95_s": percentile(opens, 0.95)}


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def write(levels: list[dict], batch: int) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    single = next((lv for lv in levels if lv["sessions"] == 1), None)
    for level in levels:
        level["open_p95_over_single"] = (
            level["open_p95_s"] / single["open_p95_s"] if single else None
        )
        level["bare_open_p95_over_single"] = (
            level["bare_open_p95_s"] / single["bare_open_p95_s"] if single else None
        )
    payload = {"generated": stamp, "batch": batch, "levels": levels}
    (RESULTS / "load-latest.json").write_text(json.dumps(payload, indent=2) + "\n")
    lines = [
        "# Load test (-m bench.load)",
        "",
        f"Generated {stamp}; one chromium on the same machine, at most {batch} sessions opened "
        "at once, all kept open; each session opens a different case's link and waits for its "
        "top card (open), then, once all are open, downloads its PDF. N = 1 is one session at "
        "a time, repeated. Memory is the server's RSS (process and children). Targets: open "
        "p95 ≤ 5 × the N = 1 open p95; < 5 MB per added session.",
        "",
        "| Sessions | Open p50 | Open p95 | Open p95 ÷ N = 1 | Bare page: open p95 (÷ N = 1) "
        "| PDF p50 | PDF p95 | RSS: first session → last | Per added session "
        "| Saw only their own case |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for level in levels:
        ratio = level["open_p95_over_single"]
        bare = level["bare_open_p95_over_single"]
        growth = level["rss_growth_per_added_session_mb"]
        lines.append(
            f"| {level['sessions']} ({level['samples']} opened) | {level['open_p50_s']:.2f} s"
            f" | {level['open_p95_s']:.2f} s | {'–' if ratio is None else f'{ratio:.2f}×'}"
            f" | {level['bare_open_p95_s']:.2f} s"
            f" ({'–' if bare is None else f'{bare:.2f}×'})"
            f" | {level['pdf_p50_s']:.2f} s | {level['pdf_p95_s']:.2f} s"
            f" | {_mb(level['rss_after_first_mb'])} → {_mb(level['rss_after_all_mb'])} MB"
            f" | {'–' if growth is None else f'{growth:.2f} MB'}"
            f" | {level['own_results']} of {level['samples']} |"
        )
    failures = [f for level in levels for f in level["failures"]]
    if failures:
        lines += ["", "## Failed sessions", "", *(f"- {f}" for f in failures)]
    (RESULTS / "load-latest.md").write_text("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--max-sessions", type=int, default=50, help="cap on any N")
    parser.add_argument("--batch", type=int, default=10, help="sessions opened at once")
    parser.add_argument(
        "--single-repeats", type=int, default=5, help="sessions opened one by one for N = 1"
    )
    args = parser.parse_args(argv)
    book = load_rule_book(DEFAULT_RULES_DIR)
    levels = []
    for count in sorted({min(n, args.max_sessions) for n in args.sessions if n > 0}):
        level = asyncio.run(run_level(count, args.batch, book, args.single_repeats))
        level |= asyncio.run(run_bare_level(count, args.batch, args.single_repeats))
        print(json.dumps(level), flush=True)
        levels.append(level)
        write(levels, args.batch)
    bad = any(level["own_results"] != level["samples"] for level in levels)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
