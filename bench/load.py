"""Load test: N concurrent browser sessions each screen a different case and download its PDF.

    .venv/bin/python -m bench.load                      # N = 1, 10, 50
    .venv/bin/python -m bench.load --sessions 1 10 --max-sessions 10

Not part of the test run. For each N it starts a fresh server on a loopback port, opens N
chromium contexts (one browser, at most --batch at once, all kept open so Streamlit keeps every
session), and in each one opens a case's link, waits for its result card, and downloads the PDF.
It reports p50/p95 of the two interaction times, the server's memory (RSS of the process and its
children) growth per session, and whether every session saw only its own case. Results go to
bench/results/load-latest.md and .json.
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

from playwright.async_api import Browser, async_playwright, expect
from pypdf import PdfReader

from screener.engine import screen
from screener.engine.practice import case_profile
from screener.inputs.query import profile_to_query
from screener.models import LabValue
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
class Outcome:
    screen_s: float
    pdf_s: float
    own_results: bool
    problem: str = ""


def sessions_for(count: int, book: RuleBook) -> list[Session]:
    """`count` different cases: the teaching cases in turn, each with its own sodium value."""
    made = []
    for number in range(count):
        case = case_profile(book.cases[number % len(book.cases)])
        sodium = round(136 + number * 0.01, 2)
        labs = tuple(lab for lab in case.labs if lab.analyte != "sodium")
        profile = case.model_copy(
            update={"labs": (*labs, LabValue(analyte="sodium", value=sodium, unit="mmol/L"))}
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


async def run_session(
    browser: Browser, url: str, session: Session, others: set[str], keep: list
) -> Outcome:
    context = await browser.new_context(accept_downloads=True)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    keep.append(context)
    page = await context.new_page()
    try:
        started = time.perf_counter()
        await page.goto(f"{url}/?{session.query}")
        cards = page.get_by_role("heading", level=3).filter(has_text="Pattern consistent with")
        await expect(cards.first).to_have_text(session.top_card, timeout=STEP_TIMEOUT_MS)
        await expect(page.get_by_text(session.marker).first).to_be_visible(timeout=STEP_TIMEOUT_MS)
        screen_s = time.perf_counter() - started
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
        own = session.marker in text and not any(m in body or m in text for m in others)
        return Outcome(screen_s, pdf_s, own, "" if own else f"session {session.number}: leak")
    except Exception as error:  # a failed session is reported, not fatal to the run
        return Outcome(float("nan"), float("nan"), False, f"{type(error).__name__}: {error}"[:300])


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


async def run_level(count: int, batch: int, book: RuleBook) -> dict:
    sessions = sessions_for(count, book)
    markers = {s.marker for s in sessions}
    with streamlit_server(APP) as server:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            contexts: list = []
            try:
                # Warm the server (book cache, first script run) so session 1 is not a cold start.
                warm = await browser.new_page()
                await warm.goto(server.url)
                await warm.get_by_role("button", name="Screen these findings").wait_for(
                    timeout=STEP_TIMEOUT_MS
                )
                await warm.close()
                await asyncio.sleep(SETTLE_S)
                before = tree_rss_mb(server.pid)
                started = time.perf_counter()
                outcomes: list[Outcome] = []
                for first in range(0, count, batch):
                    chunk = sessions[first : first + batch]
                    outcomes += await asyncio.gather(
                        *(
                            run_session(browser, server.url, s, markers - {s.marker}, contexts)
                            for s in chunk
                        )
                    )
                wall_s = time.perf_counter() - started
                await asyncio.sleep(SETTLE_S)
                after = tree_rss_mb(server.pid)
            finally:
                await browser.close()
    screens = [o.screen_s for o in outcomes]
    pdfs = [o.pdf_s for o in outcomes]
    return {
        "sessions": count,
        "screen_p50_s": percentile(screens, 0.5),
        "screen_p95_s": percentile(screens, 0.95),
        "pdf_p50_s": percentile(pdfs, 0.5),
        "pdf_p95_s": percentile(pdfs, 0.95),
        "wall_s": wall_s,
        "rss_before_mb": before,
        "rss_after_mb": after,
        "rss_growth_per_session_mb": (after - before) / count,
        "own_results": sum(o.own_results for o in outcomes),
        "failures": [o.problem for o in outcomes if o.problem],
    }


def write(levels: list[dict], batch: int) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    payload = {"generated": stamp, "batch": batch, "levels": levels}
    (RESULTS / "load-latest.json").write_text(json.dumps(payload, indent=2) + "\n")
    lines = [
        "# Load test (-m bench.load)",
        "",
        f"Generated {stamp}; one chromium, at most {batch} sessions opened at once, all kept "
        "open; each session opens a different case's link, waits for its top card, then "
        "downloads the PDF. Memory is the server's RSS (process and children).",
        "",
        "| Sessions | Screen p50 | Screen p95 | PDF p50 | PDF p95 | RSS before → after | "
        "Growth per session | Saw only their own case |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for level in levels:
        lines.append(
            f"| {level['sessions']} | {level['screen_p50_s']:.2f} s | {level['screen_p95_s']:.2f} s"
            f" | {level['pdf_p50_s']:.2f} s | {level['pdf_p95_s']:.2f} s"
            f" | {level['rss_before_mb']:.0f} → {level['rss_after_mb']:.0f} MB"
            f" | {level['rss_growth_per_session_mb']:.2f} MB"
            f" | {level['own_results']} of {level['sessions']} |"
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
    args = parser.parse_args(argv)
    book = load_rule_book(DEFAULT_RULES_DIR)
    levels = []
    for count in sorted({min(n, args.max_sessions) for n in args.sessions if n > 0}):
        level = asyncio.run(run_level(count, args.batch, book))
        print(json.dumps(level), flush=True)
        levels.append(level)
        write(levels, args.batch)
    bad = any(level["own_results"] != level["sessions"] for level in levels)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
