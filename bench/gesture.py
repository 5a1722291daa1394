"""Gesture: in headless chromium, from one change to the case until the top card shows it.

The Screen page opens the benchmark case's link (`bench.rerun.bench_case`, 10 findings). Each
timed gesture takes out, then puts back, a finding the top card counts, by clicking its chip (a
click takes a finding out, a second click puts it back). The time
runs in the page itself, from the gesture's pointer-down or Enter to the moment the top card's
text changes (a MutationObserver), so Playwright's own round trips are not in it. Baseline: the
same measurement on a bare one-checkbox page (`bench/bare_checkbox_app.py`), from clicking the
checkbox to its text changing. Both servers run at once and the gestures alternate, so both see
the same machine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from playwright.sync_api import Browser, Page, expect

from bench.measurement import Measurement, Target, spread
from bench.rerun import APP, BARE_APP, bench_case
from screener.engine import screen
from screener.inputs.query import profile_to_query
from screener.models import Profile
from screener.rulebook import RuleBook
from tests.support.chromium import chromium
from tests.support.servers import streamlit_server

TARGET = Target(limit=2.0, on="ratio", text="ratio < 2")
STEP_TIMEOUT_MS = 60_000
TOP_CARD = ".st-key-card-1"
BARE_TEXT = ".st-key-state"

_WATCH = """(selector) => {
  const text = () => document.querySelector(selector)?.textContent ?? null;
  const before = text();
  const clock = {start: null, end: null};
  window.__gesture = clock;
  const start = () => { if (clock.start === null) clock.start = performance.now(); };
  document.addEventListener("pointerdown", start, {capture: true, once: true});
  document.addEventListener("keydown", (e) => { if (e.key === "Enter") start(); },
                            {capture: true});
  const observer = new MutationObserver(() => {
    if (clock.start !== null && text() !== before) {
      clock.end = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def _timed(page: Page, selector: str, gesture: Callable[[], None]) -> float:
    """Seconds from the gesture to `selector`'s text changing, measured in the page."""
    page.evaluate(_WATCH, selector)
    gesture()
    page.wait_for_function(
        "() => window.__gesture.end !== null", timeout=STEP_TIMEOUT_MS, polling=10
    )
    took: float = page.evaluate("() => window.__gesture.end - window.__gesture.start")
    return took / 1000


def gesture_finding(case: Profile, book: RuleBook) -> str:
    """The last finding the top card counts."""
    return screen(case, book).matches[0].counted_findings[-1]


def _screen_gestures(page: Page, url: str, book: RuleBook) -> Callable[[int], float]:
    case = bench_case(book)
    finding = gesture_finding(case, book)
    system = book.system_of_finding[finding].label
    page.goto(f"{url}/?{urlencode(profile_to_query(case), safe=',:/')}")
    page.locator(TOP_CARD).wait_for(timeout=STEP_TIMEOUT_MS)
    chip = page.get_by_role("toolbar", name=system, exact=True).get_by_role(
        "button", name=book.findings[finding].label, exact=True
    )

    def gesture(turn: int) -> float:
        took = _timed(page, TOP_CARD, chip.click)
        expect(chip).to_have_attribute("aria-pressed", "false" if turn % 2 == 0 else "true")
        page.wait_for_load_state("networkidle")
        return took

    return gesture


def _bare_gestures(page: Page, url: str) -> Callable[[int], float]:
    page.goto(url)
    box = page.get_by_text("A finding", exact=True)
    box.wait_for(timeout=STEP_TIMEOUT_MS)

    def gesture(turn: int) -> float:
        return _timed(page, BARE_TEXT, box.click)

    return gesture


def _measure_with(
    browser: Browser, book: RuleBook, repeats: int, warmup: int, env: Mapping[str, str]
) -> tuple[list[float], list[float]]:
    with streamlit_server(APP, env) as app, streamlit_server(BARE_APP, env) as bare:
        screen_page = browser.new_context().new_page()
        bare_page = browser.new_context().new_page()
        try:
            screen_gesture = _screen_gestures(screen_page, app.url, book)
            bare_gesture = _bare_gestures(bare_page, bare.url)
            screen_s, bare_s = [], []
            for turn in range(warmup + repeats):
                screen_took, bare_took = screen_gesture(turn), bare_gesture(turn)
                if turn >= warmup:
                    screen_s.append(screen_took)
                    bare_s.append(bare_took)
            return screen_s, bare_s
        finally:
            screen_page.context.close()
            bare_page.context.close()


def measure(book: RuleBook, repeats: int, env: Mapping[str, str], warmup: int = 4) -> Measurement:
    with chromium() as browser:
        screen_s, bare_s = _measure_with(browser, book, repeats, warmup, env)
    app, baseline = spread(screen_s), spread(bare_s)
    return Measurement(
        key="gesture",
        name="One change on the Screen page to the top card updated (headless chromium)",
        unit="ms",
        value=app.median * 1e3,
        p95=app.p95 * 1e3,
        baseline_name="bare one-checkbox page, click to its text changed",
        baseline_value=baseline.median * 1e3,
        target=TARGET,
        notes=(
            f"{repeats} gestures each, in turns, after {warmup} untimed; a chip clicked out, then "
            "back in; timed in the page"
        ),
        details={"repeats": repeats, "warmup": warmup, "screen_ms": [s * 1e3 for s in screen_s]},
    )
