"""Memory: the server's resident memory after 1 and after N browser sessions.

Each session is its own chromium context that opens the Screen page from the benchmark case's link
(`bench.rerun.bench_case`), waits for its results, then stays open (Streamlit keeps a session per
open connection). The figure is the growth per added session, (RSS after N − RSS after 1) / (N − 1).
Baseline: the same on the bare one-checkbox page (`bench/bare_checkbox_app.py`), ticking it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Browser, BrowserContext, Page

from bench.measurement import Measurement, Target
from bench.rerun import APP, BARE_APP, bench_case
from screener.inputs.query import profile_to_query
from screener.rulebook import RuleBook
from tests.support.chromium import chromium
from tests.support.servers import rss_mb, streamlit_server

TARGET = Target(limit=5.0, on="value", text="< 5 MB per added session")
SETTLE_S = 1.5
STEP_TIMEOUT_MS = 60_000


def _open_screen_case(page: Page, url: str, query: str) -> None:
    page.goto(f"{url}/?{query}")
    page.get_by_role("heading", name="Results").wait_for(timeout=STEP_TIMEOUT_MS)


def _tick_bare_page(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_text("A finding", exact=True).click()
    page.get_by_text("Ticked", exact=True).wait_for(timeout=STEP_TIMEOUT_MS)


def _settled_rss(pid: int) -> float:
    time.sleep(SETTLE_S)
    return rss_mb(pid)


def _rss_after_sessions(
    browser: Browser,
    script: Path,
    visit: Callable[[Page, str], None],
    sessions: int,
    env: Mapping[str, str],
) -> tuple[float, float]:
    """RSS (MB) after the first session and after the last one, all kept open."""
    contexts: list[BrowserContext] = []
    try:
        with streamlit_server(script, env) as server:
            first = 0.0
            for count in range(1, sessions + 1):
                context = browser.new_context()
                contexts.append(context)
                visit(context.new_page(), server.url)
                if count == 1:
                    first = _settled_rss(server.pid)
            return first, _settled_rss(server.pid)
    finally:
        for context in contexts:
            context.close()


def measure(book: RuleBook, sessions: int, env: Mapping[str, str]) -> Measurement:
    if sessions < 2:
        raise ValueError("growth per session needs at least 2 sessions")
    query = urlencode(profile_to_query(bench_case(book)), safe=",:/")
    with chromium() as browser:
        app_first, app_last = _rss_after_sessions(
            browser,
            APP,
            lambda page, url: _open_screen_case(page, url, query),
            sessions,
            env,
        )
        bare_first, bare_last = _rss_after_sessions(
            browser, BARE_APP, _tick_bare_page, sessions, env
        )
    per_session = (app_last - app_first) / (sessions - 1)
    bare_per_session = (bare_last - bare_first) / (sessions - 1)
    return Measurement(
        key="memory",
        name=f"Memory: server RSS per added session (1 → {sessions} sessions)",
        unit="MB",
        value=per_session,
        p95=None,
        baseline_name="bare one-checkbox page, same sessions",
        baseline_value=bare_per_session,
        target=TARGET,
        notes=(
            f"RSS {app_first:.0f} MB after 1 session, {app_last:.0f} MB after {sessions} "
            f"(bare page: {bare_first:.0f} → {bare_last:.0f} MB)"
        ),
        details={
            "sessions": sessions,
            "rss_after_1_mb": app_first,
            "rss_after_n_mb": app_last,
            "bare_rss_after_1_mb": bare_first,
            "bare_rss_after_n_mb": bare_last,
        },
    )
