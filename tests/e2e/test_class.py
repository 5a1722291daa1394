"""A live class in real browsers, on SQLite and on PostgreSQL: a teacher and three students,
each in a browser context of their own, run a two-stage case on two app processes that share
the database; the projector counts the room by itself; no student can move the class or open
its export. Then the app is killed mid-class (SIGKILL) and restarted: no saved answer is lost.
And the benchmark's lightweight client still answers as a phone does.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.classroom import LightStudent
from screener import classroom
from screener.models import TeachingCase
from screener.present import class_words as words
from screener.rulebook import RuleBook
from screener.settings import SQLITE_PATH_ENV
from screener.store import connect, queries
from tests.conftest import ClassDatabase
from tests.e2e.conftest import STEP_TIMEOUT_MS, Screenshots
from tests.e2e.flows import lead_sentence
from tests.support.database import close_pool
from tests.support.servers import ROOT, free_port, streamlit_server
from tests.unit.engine.test_classroom_engine import other_pattern, two_stage_case

APP = ROOT / "streamlit_app.py"
PHONE = {"width": 390, "height": 844}
CODE = re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")


@contextlib.contextmanager
def person(browser: Browser, viewport: dict[str, int]) -> Iterator[Page]:
    """A page in a browser context of its own, that must end without a traceback on screen."""
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    try:
        yield page
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_text("Traceback")).to_have_count(0)
    finally:
        context.close()


def start_class(page: Page, url: str, case: TeachingCase) -> str:
    """The teacher starts a class on the Cases page; returns its code as the projector shows
    it."""
    page.goto(f"{url}/cases")
    page.get_by_role("tab", name="Live class").click()
    page.get_by_role("combobox", name=words.START_CASE).click()
    # The list is long and drawn only in part: typing narrows it to the case.
    page.keyboard.type(case.title)
    page.get_by_role("option").filter(has_text=case.title).click()
    page.get_by_role("button", name=words.START_BUTTON).click()
    code = page.get_by_role("heading", level=2).filter(has_text=CODE)
    expect(code).to_be_visible()
    qr = page.get_by_test_id("stImage").filter(has_text=words.QR_CAPTION)
    expect(qr.get_by_role("img")).to_be_visible()
    shown = code.inner_text().strip()
    address = f"{url}/class?join={shown.replace('-', '')}"
    expect(page.get_by_test_id("stCode").filter(has_text=address)).to_be_visible()
    return shown


def answer(page: Page, picks: list[str], confidence: str) -> None:
    """A student picks their leading pattern(s) and how sure they are, and sends it."""
    box = page.get_by_role("combobox", name=words.PICK_LABEL)
    for pick in picks:
        box.click()
        page.keyboard.type(pick[:24])
        page.get_by_role("option", name=pick, exact=True).click()
    page.keyboard.press("Escape")
    page.get_by_text(confidence, exact=True).click()
    page.get_by_role("button", name=words.SEND_BUTTON).click()
    expect(page.get_by_text("Saved: ")).to_be_visible()


def stage_heading(case: TeachingCase, index: int) -> str:
    return f"Stage {index + 1} of 2: " + ("Presentation" if index == 0 else case.stages[0].title)


@pytest.fixture
def two_servers(class_database: ClassDatabase) -> Iterator[tuple[str, str]]:
    """Two app processes sharing the class database."""
    with (
        streamlit_server(APP, class_database.env) as first,
        streamlit_server(APP, class_database.env) as second,
    ):
        yield first.url, second.url


def test_a_teacher_and_three_students_run_a_two_stage_case_across_two_app_processes(
    browser: Browser,
    two_servers: tuple[str, str],
    book: RuleBook,
    screenshot: Screenshots,
) -> None:
    case = two_stage_case(book)
    wrong = book.label("syndrome", other_pattern(book, case))
    right = book.label("syndrome", case.answer)
    first, second = two_servers
    with (
        person(browser, {"width": 1400, "height": 1000}) as teacher,
        person(browser, PHONE) as one,
        person(browser, PHONE) as two,
        person(browser, PHONE) as three,
    ):
        code = start_class(teacher, first, case)
        students = [(one, first), (two, first), (three, second)]  # the third on the other process
        for phone, url in students:
            phone.goto(f"{url}/class?join={code}")
            expect(phone.get_by_role("heading", name=stage_heading(case, 0))).to_be_visible()
        answer(one, [words.NO_PATTERN], words.CONFIDENCE["guessing"])
        answer(two, [wrong], words.CONFIDENCE["unsure"])
        answer(three, [words.NO_PATTERN], words.CONFIDENCE["certain"])
        # The projector counts by itself: nobody touches the teacher's page.
        expect(teacher.get_by_text("3 answers", exact=True)).to_be_visible()
        expect(teacher.get_by_text(f"{words.NO_PATTERN}: 2", exact=True)).to_be_visible()
        expect(teacher.get_by_text(f"{wrong}: 1", exact=True)).to_be_visible()
        expect(teacher.get_by_text(f"{words.CONFIDENCE['certain']}: 1")).to_be_visible()
        screenshot(teacher, "class-projector-stage-1")

        # No student can move the class or open its export, whatever they open.
        for phone, _ in students:
            for control in (words.NEXT_BUTTON, words.REVEAL_BUTTON, words.CLOSE_BUTTON):
                expect(phone.get_by_role("button", name=control)).to_have_count(0)
            expect(phone.get_by_text(words.SUMMARY_FOLD)).to_have_count(0)
        two.goto(f"{first}/class?present=1&join={code}&teacher=1")
        expect(two.get_by_role("button", name=words.SEND_BUTTON)).to_be_visible()
        expect(two.get_by_role("button", name=words.NEXT_BUTTON)).to_have_count(0)

        teacher.get_by_role("button", name=words.NEXT_BUTTON).click()
        for phone, _ in students:
            # Each phone finds the new stage by itself.
            expect(phone.get_by_role("heading", name=stage_heading(case, 1))).to_be_visible()
        answer(one, [right], words.CONFIDENCE["fairly_sure"])
        answer(two, [right, wrong], words.CONFIDENCE["certain"])
        answer(three, [wrong], words.CONFIDENCE["certain"])
        expect(teacher.get_by_text("3 answers", exact=True)).to_be_visible()
        expect(teacher.get_by_text(f"{right}: 2", exact=True)).to_be_visible()
        expect(teacher.get_by_text(f"{wrong}: 2", exact=True)).to_be_visible()
        expect(teacher.get_by_text(f"{words.CONFIDENCE['certain']}: 2")).to_be_visible()
        teacher.get_by_role("button", name=words.REVEAL_BUTTON).click()
        expect(teacher.get_by_text(f"{right}: 2 ({words.ANSWER_MARK})")).to_be_visible()
        expect(teacher.get_by_text("2 of 3 named it.")).to_be_visible()
        expect(three.get_by_text(words.YOU_MISSED_IT)).to_be_visible()

        # Presentation mode keeps the disclaimer and the physician prompt on screen.
        teacher.get_by_text(words.PRESENT_TOGGLE).click()
        expect(teacher).to_have_url(re.compile(r"present=1"))
        strip = teacher.locator(".st-key-safety-lines")
        expect(strip).to_contain_text(lead_sentence(book.safety.see_a_physician))
        screenshot(teacher, "class-projector-presenting", full_page=False)


def test_an_app_killed_mid_class_and_restarted_keeps_every_saved_answer(
    browser: Browser, class_database: ClassDatabase, book: RuleBook
) -> None:
    case = two_stage_case(book)
    teacher = classroom.start_class(case)
    port = free_port()
    with person(browser, PHONE) as phone:
        with streamlit_server(APP, class_database.env, port=port) as server:
            phone.goto(f"{server.url}/class?join={teacher.code}")
            answer(phone, [words.NO_PATTERN], words.CONFIDENCE["certain"])
            os.killpg(server.pid, signal.SIGKILL)
        with streamlit_server(APP, class_database.env, port=port) as server:
            # The phone reconnects with its address, and so with its seat.
            phone.reload()
            saved = words.YOUR_ANSWER.format(
                stage=stage_heading(case, 0),
                patterns=words.NO_PATTERN,
                confidence=words.CONFIDENCE["certain"],
            )
            expect(phone.get_by_text(saved)).to_be_visible()
            with person(browser, {"width": 1400, "height": 1000}) as projector:
                projector.goto(f"{server.url}/class")
                projector.get_by_text(words.RESUME_HEADING).click()
                projector.get_by_label(words.RESUME_CODE).fill(teacher.code)
                projector.get_by_label(words.RESUME_KEY).fill(teacher.key)
                projector.get_by_role("button", name=words.RESUME_BUTTON).click()
                expect(projector.get_by_text("1 answer", exact=True)).to_be_visible()
    session = queries.session_by_code(connect(), teacher.code)
    assert session is not None
    assert [a.patterns for a in queries.answers(connect(), session.id)] == [()]


def test_the_benchmarks_lightweight_client_answers_as_a_phone_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, book: RuleBook
) -> None:
    """bench.classroom's stand-in for most phones: its answer is saved, and said to be."""
    env = {SQLITE_PATH_ENV: str(tmp_path / "classes.sqlite3")}
    monkeypatch.setenv(SQLITE_PATH_ENV, env[SQLITE_PATH_ENV])
    teacher = classroom.start_class(two_stage_case(book))

    async def answer(url: str) -> float:
        student = LightStudent(url, teacher.code)
        await student.join()
        try:
            return await student.answer([words.NO_PATTERN], words.CONFIDENCE["unsure"])
        finally:
            await student.client.close()

    with streamlit_server(APP, env) as server, ThreadPoolExecutor(1) as thread:
        # A thread of its own: Playwright's sync API keeps an event loop running in this one.
        took = thread.submit(asyncio.run, answer(server.url)).result()
    assert took > 0
    session = queries.session_by_code(connect(), teacher.code)
    assert session is not None
    (kept,) = queries.answers(connect(), session.id)
    assert (kept.patterns, kept.confidence) == ((), "unsure")
    close_pool()
