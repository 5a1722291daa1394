"""Live class benchmark: a room of students answering one stage within a few seconds.

    .venv/bin/python -m bench.classroom                       # 200 students, SQLite
    .venv/bin/python -m bench.classroom --postgres postgresql://postgres@127.0.0.1:5432/postgres

Not part of the test run. It starts the app (`streamlit run`) on a fresh class database, opens
the teacher's projector in headless Chromium and starts a class from the Cases page. Then the
students join, each with a seat of its own: a few in Chromium pages of their own (`--browsers`),
the rest as lightweight clients (`bench/streamlit_client.py`: Streamlit's own websocket
protocol, with the phone's every-2-seconds check that the class moved on, but no rendering).
Once all have joined, each sends an answer at a moment drawn at random within `--window`
seconds, and waits for the page to say it was saved.

Reported: answers recorded (read back from the database), submit → "Saved" (p50, p95, max),
the time from the last answer saved until the projector, updating by itself, shows them all,
and the server's memory per added student (its RSS, process and children, once the first
student has joined and once all have, over N − 1). Results go to
bench/results/classroom-latest.md and .json.

Targets (issue 26): every answer recorded; p95 submit → saved < 1 s; the projector complete
within 3 s of the last answer.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright, expect

from bench.load import percentile, tree_rss_mb
from bench.machine import machine_info
from bench.streamlit_client import StreamlitClient
from screener.engine.classroom import stage_tally
from screener.models import Confidence
from screener.present import class_words as words
from screener.rulebook import DEFAULT_RULES_DIR, RuleBook, load_rule_book
from screener.settings import DATABASE_URL_ENV, SQLITE_PATH_ENV
from screener.store import connect, queries
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.support.database import URL_ENV, fresh_postgres_database
from tests.support.servers import streamlit_server

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
APP = ROOT / "streamlit_app.py"
STEP_TIMEOUT_MS = 120_000
SETTLE_S = 2.0
JOIN_BATCH = 20
"""Students connecting at once (a room does not press Enter in the same millisecond)."""


def two_stage_case(book: RuleBook):
    return next(c for c in book.cases if c.stage_tops[0] is None and len(c.stage_profiles) == 2)


async def start_class(page: Page, url: str, title: str) -> str:
    await page.goto(f"{url}/cases")
    await page.get_by_role("tab", name="Live class").click()
    await page.get_by_role("combobox", name=words.START_CASE).click()
    await page.keyboard.type(title)
    await page.get_by_role("option").filter(has_text=title).click()
    await page.get_by_role("button", name=words.START_BUTTON).click()
    code = page.get_by_role("heading", level=2).filter(has_text="-")
    await expect(code).to_be_visible(timeout=STEP_TIMEOUT_MS)
    return (await code.inner_text()).strip().replace("-", "")


class LightStudent:
    """A phone played by the protocol client."""

    def __init__(self, url: str, code: str) -> None:
        self.client = StreamlitClient(url, "class", f"join={code}")

    async def join(self) -> None:
        await self.client.open()
        self.client.widget("button", words.SEND_BUTTON)

    async def answer(self, picks: list[str], confidence: str) -> float:
        """Send the answer; seconds until the page says it was saved."""
        client = self.client
        saved = client.watch(lambda d: d.kind == "alert" and d.text.startswith("Saved"))
        loop = asyncio.get_running_loop()
        started = loop.time()
        await client.submit_form(
            client.widget("button", words.SEND_BUTTON),
            [
                (client.widget("multiselect", words.PICK_LABEL), "string_array_value", picks),
                (client.widget("radio", words.CONFIDENCE_LABEL), "string_value", confidence),
            ],
        )
        drawn_before, received_before = len(client.drawn), len(client.received)
        try:
            return await asyncio.wait_for(saved, STEP_TIMEOUT_MS / 1000) - started
        except TimeoutError:
            drew = [f"{d.kind}: {d.text[:40]}" for d in client.drawn[drawn_before:]]
            got = client.received[received_before:][:12]
            raise TimeoutError(
                f"no 'Saved' in {STEP_TIMEOUT_MS / 1000:.0f} s; drew {drew}; received {got}"
            ) from None


class BrowserStudent:
    """A phone played by a Chromium page of its own."""

    def __init__(self, browser: Browser, url: str, code: str) -> None:
        self.browser, self.url, self.code = browser, url, code
        self.page: Page | None = None

    async def join(self) -> None:
        context = await self.browser.new_context(viewport={"width": 390, "height": 844})
        context.set_default_timeout(STEP_TIMEOUT_MS)
        self.page = await context.new_page()
        await self.page.goto(f"{self.url}/class?join={self.code}")
        await self.page.get_by_role("button", name=words.SEND_BUTTON).wait_for()

    async def answer(self, picks: list[str], confidence: str) -> float:
        page = self.page
        assert page is not None
        box = page.get_by_role("combobox", name=words.PICK_LABEL)
        for pick in picks:
            await box.click()
            await page.keyboard.type(pick[:24])
            await page.get_by_role("option", name=pick, exact=True).click()
        await page.keyboard.press("Escape")
        await page.get_by_text(confidence, exact=True).click()
        loop = asyncio.get_running_loop()
        started = loop.time()
        await page.get_by_role("button", name=words.SEND_BUTTON).click()
        await page.get_by_text("Saved: ").wait_for()
        return loop.time() - started


async def run(
    url: str, server_pid: int, book: RuleBook, students: int, browsers: int, window: float
) -> dict:
    case = two_stage_case(book)
    choices = [
        [words.NO_PATTERN],
        [book.label("syndrome", case.answer)],
        [book.label("syndrome", s.id) for s in book.syndromes if s.category == case.category][:2],
    ]
    levels = [words.CONFIDENCE[level] for level in Confidence]
    rng = random.Random(26)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            projector = await (
                await browser.new_context(viewport={"width": 1400, "height": 1000})
            ).new_page()
            projector.set_default_timeout(STEP_TIMEOUT_MS)
            code = await start_class(projector, url, case.title)
            room: list[LightStudent | BrowserStudent] = [
                BrowserStudent(browser, url, code) for _ in range(browsers)
            ] + [LightStudent(url, code) for _ in range(students - browsers)]
            await room[0].join()
            await asyncio.sleep(SETTLE_S)
            rss_first = tree_rss_mb(server_pid)
            join_started = time.perf_counter()
            for first in range(1, len(room), JOIN_BATCH):
                await asyncio.gather(*(s.join() for s in room[first : first + JOIN_BATCH]))
            joined_s = time.perf_counter() - join_started
            await asyncio.sleep(SETTLE_S)
            rss_all = tree_rss_mb(server_pid)

            loop = asyncio.get_running_loop()

            async def all_shown() -> float:
                """When the projector, counting by itself, first shows every answer."""
                await projector.get_by_text(f"{students} answers", exact=True).wait_for(
                    timeout=STEP_TIMEOUT_MS
                )
                return loop.time()

            complete = asyncio.create_task(all_shown())
            start = loop.time() + 0.5
            offsets = sorted(rng.uniform(0, window) for _ in room)
            rng.shuffle(offsets)

            async def one(student, offset: float) -> tuple[float, float, str]:
                await asyncio.sleep(max(0.0, start + offset - loop.time()))
                try:
                    took = await student.answer(rng.choice(choices), rng.choice(levels))
                except Exception as error:  # reported, not fatal to the run
                    return float("nan"), loop.time(), f"{type(error).__name__}: {error}"[:200]
                return took, loop.time(), ""

            outcomes = await asyncio.gather(
                *(one(s, offset) for s, offset in zip(room, offsets, strict=True))
            )
            last_saved = max(at for took, at, _ in outcomes if took == took)
            projector_after_s = await complete - last_saved
            sent_over_s = max(at for _, at, _ in outcomes) - start
            for student in room:
                if isinstance(student, LightStudent):
                    await student.client.close()
        finally:
            await browser.close()
    session = queries.session_by_code(connect(), code)
    assert session is not None
    recorded = queries.answers(connect(), session.id, 0)
    tally = stage_tally(case, 0, recorded, book)
    latencies = [took for took, _, _ in outcomes if took == took]
    return {
        "students": students,
        "browsers": browsers,
        "light_clients": students - browsers,
        "window_s": window,
        "answers_sent_over_s": sent_over_s,
        "recorded": len(recorded),
        "distinct_seats": len({a.seat for a in recorded}),
        "counted_on_projector": tally.answered,
        "submit_to_saved_p50_s": percentile(latencies, 0.5),
        "submit_to_saved_p95_s": percentile(latencies, 0.95),
        "submit_to_saved_max_s": max(latencies) if latencies else float("nan"),
        "browser_submit_to_saved_p50_s": percentile(
            [
                t
                for (t, _, _), s in zip(outcomes, room, strict=True)
                if isinstance(s, BrowserStudent)
            ],
            0.5,
        ),
        "projector_complete_after_last_answer_s": projector_after_s,
        "join_all_s": joined_s,
        "rss_first_student_mb": rss_first,
        "rss_all_students_mb": rss_all,
        "rss_per_added_student_mb": (rss_all - rss_first) / max(1, students - 1),
        "failures": [problem for _, _, problem in outcomes if problem],
    }


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def write(levels: list[dict], meta: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "classroom-latest.json").write_text(
        json.dumps({**meta, "runs": levels}, indent=2) + "\n"
    )
    lines = [
        "# Live class (-m bench.classroom)",
        "",
        f"Generated {meta['generated']} at `{meta['commit']}` on {meta['machine']}. The app on a "
        "fresh class database; the teacher's projector in headless Chromium; students join, then "
        "each answers once at a random moment within the window. Lightweight clients speak "
        "Streamlit's websocket protocol (with the phone's every-2-seconds check), the rest are "
        "Chromium pages. Targets: every answer recorded; p95 submit → saved < 1 s; projector "
        "complete within 3 s of the last answer.",
        "",
        "| Database | Students (Chromium + light) | Answers sent over | Recorded | Submit → saved "
        "p50 / p95 / max | Chromium p50 | Projector complete after the last answer | RSS per "
        "added student |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run_ in levels:
        lines.append(
            f"| {run_['database']} | {run_['students']} ({run_['browsers']} + "
            f"{run_['light_clients']}) | {run_['answers_sent_over_s']:.1f} s"
            f" | {run_['recorded']} of {run_['students']}"
            f" ({_met(run_['recorded'] == run_['students'])})"
            f" | {run_['submit_to_saved_p50_s']:.2f} / {run_['submit_to_saved_p95_s']:.2f}"
            f" ({_met(run_['submit_to_saved_p95_s'] < 1.0)})"
            f" / {run_['submit_to_saved_max_s']:.2f} s"
            f" | {run_['browser_submit_to_saved_p50_s']:.2f} s"
            f" | {run_['projector_complete_after_last_answer_s']:.2f} s"
            f" ({_met(run_['projector_complete_after_last_answer_s'] < 3.0)})"
            f" | {run_['rss_per_added_student_mb']:.2f} MB |"
        )
    failures = [f for run_ in levels for f in run_["failures"]]
    if failures:
        lines += ["", "## Failed answers", "", *(f"- {f}" for f in failures[:50])]
    (RESULTS / "classroom-latest.md").write_text("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--browsers", type=int, default=5, help="students in Chromium pages")
    parser.add_argument("--window", type=float, default=10.0, help="seconds to answer in")
    parser.add_argument(
        "--postgres",
        metavar="ADMIN_URL",
        help="also run on a fresh database of this PostgreSQL cluster",
    )
    args = parser.parse_args(argv)
    book = load_rule_book(DEFAULT_RULES_DIR)
    info = machine_info(ROOT)
    meta = {
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": info.get("commit", "unknown"),
        "machine": f"{info.get('cpu', '?')}, {info.get('cores', '?')} cores",
        "command": " ".join(["python -m bench.classroom", *(argv or sys.argv[1:])]),
    }
    runs = []
    databases = ["sqlite"] + (["postgresql"] if args.postgres else [])
    for database in databases:
        with ExitStack() as stack:
            if database == "sqlite":
                folder = stack.enter_context(tempfile.TemporaryDirectory())
                env = {SQLITE_PATH_ENV: str(Path(folder) / "classes.sqlite3")}
                os.environ.pop(DATABASE_URL_ENV, None)
            else:
                os.environ[URL_ENV] = args.postgres
                env = {DATABASE_URL_ENV: stack.enter_context(fresh_postgres_database())}
            os.environ.update(env)
            server = stack.enter_context(streamlit_server(APP, env))
            result = asyncio.run(
                run(server.url, server.pid, book, args.students, args.browsers, args.window)
            )
        result["database"] = database
        print(json.dumps(result), flush=True)
        runs.append(result)
        write(runs, meta)
    bad = any(r["recorded"] != r["students"] for r in runs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
