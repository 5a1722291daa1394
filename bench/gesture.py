"""Gesture: in headless chromium, from one change to the case until the top card shows it.

The Screen page opens the benchmark case's link (`bench.rerun.bench_case`, 10 findings). Each
timed gesture takes out, then puts back, a finding the top card counts, by clicking its chip (a
click takes a finding out, a second click puts it back). The time
runs in the page itself, from the gesture's pointer-down or Enter to the moment the top card's
text changes (a MutationObserver), so Playwright's own round trips are not in it. Baseline: the
same measurement on a bare one-checkbox page (`bench/bare_checkbox_app.py`), from clicking the
checkbox to its text changing. Reference, not the baseline: the same click on a bare one-pills
page (`bench/bare_pills_app.py`), the widget the chips are drawn with, which tells how much of the
time is the widget's own. The servers run at once and the gestures alternate, so all see the same
machine.
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
from tests.support.servers import ROOT, streamlit_server

TARGET = Target(limit=2.0, on="ratio", text="ratio < 2")
PILLS_APP = ROOT / "bench" / "bare_pills_app.py"
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
) -> dict[str, list[float]]:
    with (
        streamlit_server(APP, env) as app,
        streamlit_server(BARE_APP, env) as bare,
        streamlit_server(PILLS_APP, env) as pills,
    ):
        pages = {name: browser.new_context().new_page() for name in ("screen", "bare", "pills")}
        try:
            gestures = {
                "screen": _screen_gestures(pages["screen"], app.url, book),
                "bare": _bare_gestures(pages["bare"], bare.url),
                "pills": _bare_gestures(pages["pills"], pills.url),
            }
            timings: dict[str, list[float]] = {name: [] for name in gestures}
            for turn in range(warmup + repeats):
                for name, gesture in gestures.items():
                    took = gesture(turn)
                    if turn >= warmup:
                        timings[name].append(took)
            return timings
        finally:
            for page in pages.values():
                page.context.close()


def measure(book: RuleBook, repeats: int, env: Mapping[str, str], warmup: int = 4) -> Measurement:
    with chromium() as browser:
        timings = _measure_with(browser, book, repeats, warmup, env)
    app, baseline, pills = (spread(timings[name]) for name in ("screen", "bare", "pills"))
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
            f"back in; timed in the page. Reference: the same click on a bare one-pills page "
            f"(the chips' widget) takes {pills.median * 1e3:.1f} ms, "
            f"{pills.median / baseline.median:.2f}× the checkbox page; the Screen page is "
            f"{app.median / pills.median:.2f}× that"
        ),
        details={
            "repeats": repeats,
            "warmup": warmup,
            "screen_ms": [s * 1e3 for s in timings["screen"]],
            "pills_ms": [s * 1e3 for s in timings["pills"]],
            "pills_median_ms": pills.median * 1e3,
        },
    )
