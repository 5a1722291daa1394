"""A live class in the app, as a teacher and students use it, on SQLite and on PostgreSQL: the
teacher starts it from the Cases page, students join by link or typed code, the projector counts
them, the teacher reveals, moves on and closes, and only the teacher can. Then everything that
goes wrong: hostile links and codes, a stage that moved on, double sends and two tabs, a closed
class, a database locked or down."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import create_engine, text
from streamlit.testing.v1 import AppTest

from screener import classroom
from screener.app.class_page import CLASS_TEACHER, CODE_BOX, PRACTICE_FOLD
from screener.inputs.class_input import NO_PATTERN, AnswerProblem, CodeProblem
from screener.models import Confidence, TeacherPass, TeachingCase
from screener.present import class_words as words
from screener.rulebook import RuleBook
from screener.settings import (
    DATABASE_URL_ENV,
    SQLITE_PATH_ENV,
)
from screener.store import connect, queries
from screener.store.practice import practice_items
from screener.store.tables import PracticeItemRow
from tests.app.conftest import (
    APP,
    PAGES,
    assert_no_exception,
    button,
    open_page,
    page_text,
)
from tests.conftest import ClassDatabase
from tests.support.database import TIMEOUT_ENV
from tests.unit.engine.test_classroom_engine import other_pattern, two_stage_case

TEACHER_BUTTONS = {words.REVEAL_BUTTON, words.NEXT_BUTTON, words.CLOSE_BUTTON}


def new_app() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=30)


def start(app: AppTest, case: TeachingCase) -> TeacherPass:
    """The teacher opens the Cases page's Live class tab and starts a class for `case`."""
    open_page(app, "cases", "Live class")
    app.selectbox(key="class.start.case").set_value(case.id).run()
    button(app, words.START_BUTTON).click().run()
    assert_no_exception(app)
    assert [t.value for t in app.title] == [words.PAGE_TITLE], "the projector opens"
    teacher = app.session_state[CLASS_TEACHER]
    app.switch_page(PAGES["class"]).run()
    return teacher


def join(code: str, **extra: str) -> AppTest:
    """A student's phone opening the join link."""
    phone = new_app()
    phone.switch_page(PAGES["class"]).run()
    phone.query_params.update({"join": code, **extra})
    phone.run()
    assert_no_exception(phone)
    return phone


def send(phone: AppTest, picks: list[str], confidence: Confidence | None) -> AppTest:
    phone.multiselect[0].set_value(picks)
    if confidence is not None:
        phone.radio[0].set_value(confidence)
    button(phone, words.SEND_BUTTON).click().run()
    assert_no_exception(phone)
    return phone


def bars(app: AppTest) -> dict[str, int]:
    """The projector's bars, 'label: count' as drawn."""
    return {p.text.replace("\\", ""): p.value for p in app.progress}


def said(app: AppTest) -> str:
    return page_text(app)


@pytest.fixture
def case(book: RuleBook) -> TeachingCase:
    return two_stage_case(book)


def test_a_teacher_starts_a_class_and_the_projector_shows_its_code_and_first_stage(
    class_database: ClassDatabase, app: AppTest, case: TeachingCase
) -> None:
    teacher = start(app, case)
    text_ = said(app)
    assert f"{teacher.code[:4]}-{teacher.code[4:]}" in text_
    assert f"class?join={teacher.code}" in [c.value for c in app.code]
    assert case.title in text_ and case.vignette.split()[0] in text_
    assert words.NO_ANSWERS in text_
    assert {b.label for b in app.button} >= {words.REVEAL_BUTTON, words.NEXT_BUTTON}


def test_students_answer_on_their_phones_and_the_projector_counts_the_room(
    class_database: ClassDatabase, app: AppTest, case: TeachingCase, book: RuleBook
) -> None:
    teacher = start(app, case)
    wrong = other_pattern(book, case)
    first = join(teacher.code.lower())
    assert dict(first.query_params)["join"] == teacher.code, "the code is read as typed"
    assert {b.label for b in first.button} & TEACHER_BUTTONS == set()
    send(first, [NO_PATTERN], Confidence.GUESSING)
    assert words.SAVED["new"].split(":")[0] in said(first)
    send(join(teacher.code), [wrong], Confidence.UNSURE)
    # The third types the code into the box instead.
    third = new_app()
    open_page(third, "class")
    third.text_input(key=CODE_BOX + "join").set_value(f"{teacher.code[:4]} {teacher.code[4:]}")
    button(third, words.JOIN_BUTTON).click().run()
    send(third, [NO_PATTERN], Confidence.CERTAIN)
    app.run()
    assert "3 answers" in said(app)
    drawn = bars(app)
    assert drawn[f"{words.NO_PATTERN}: 2"] == 66
    assert drawn[f"{book.label('syndrome', wrong)}: 1"] == 33
    assert drawn[f"{words.CONFIDENCE[Confidence.CERTAIN]}: 1"] == 33
    assert drawn[f"{words.CONFIDENCE[Confidence.FAIRLY_SURE]}: 0"] == 0


def test_reveal_shows_the_answer_beside_the_spread_and_what_the_room_missed(
    class_database: ClassDatabase, app: AppTest, case: TeachingCase, book: RuleBook
) -> None:
    teacher = start(app, case)
    button(app, words.NEXT_BUTTON).click().run()
    wrong = other_pattern(book, case)
    right_phone = send(join(teacher.code), [case.answer], Confidence.CERTAIN)
    wrong_phone = send(join(teacher.code), [wrong], Confidence.CERTAIN)
    button(app, words.REVEAL_BUTTON).click().run()
    projector = said(app)
    answer = book.label("syndrome", case.answer)
    assert words.LAST_STAGE_ANSWER.format(answer=answer) in projector
    assert "1 of 2 named it." in projector
    assert "The finding the room most often missed:" in projector
    assert f"{answer}: 1 ({words.ANSWER_MARK})" in bars(app)
    right_phone.run()
    assert words.YOU_NAMED_IT in said(right_phone)
    wrong_phone.run()
    assert words.YOU_MISSED_IT in said(wrong_phone)
    assert "The finding that tells it apart from your answer:" in said(wrong_phone)
    assert not wrong_phone.multiselect, "answers to a revealed stage are closed"


def test_the_teacher_moves_on_and_closes_and_keeps_a_summary_as_a_table_and_csv(
    class_database: ClassDatabase, app: AppTest, case: TeachingCase, book: RuleBook
) -> None:
    teacher = start(app, case)
    phone = send(join(teacher.code), [NO_PATTERN], Confidence.UNSURE)
    button(app, words.NEXT_BUTTON).click().run()
    assert words.NEXT_BUTTON not in {b.label for b in app.button}, "the last stage is the last"
    phone.run()
    assert "Stage 2 of 2" in said(phone)
    send(phone, [case.answer], Confidence.FAIRLY_SURE)
    button(app, words.CLOSE_BUTTON).click().run()
    assert words.STATUS["closed"] in said(app)
    app.session_state["class.summary"] = True
    app.run()
    table = app.dataframe[0].value
    assert list(table.columns) == list(words.SUMMARY_COLUMNS)
    assert list(table["Answers"]) == ["1", "1"]
    assert list(table["Changed their mind"]) == [words.NONE_YET, "1 of 1"]
    assert words.FIRST_NAMED.format(
        answer=book.label("syndrome", case.answer), stage="Stage 2 of 2: " + case.stages[0].title
    ) in said(app)
    assert {b.label for b in app.get("download_button")} == {words.CSV_BUTTON, words.PDF_BUTTON}
    phone.run()
    assert words.REFUSAL["closed"] in said(phone)
    assert not phone.multiselect


def test_no_address_gives_a_student_the_teachers_controls_or_the_summary(
    class_database: ClassDatabase, app: AppTest, case: TeachingCase
) -> None:
    teacher = start(app, case)
    for extra in ({}, {"present": "1"}, {"key": teacher.key}, {"teacher": "1", "host": "1"}):
        phone = join(teacher.code, **extra)
        assert {b.label for b in phone.button} & TEACHER_BUTTONS == set()
        assert not phone.get("download_button")
        assert teacher.key not in said(phone)
        assert CLASS_TEACHER not in phone.session_state


@pytest.mark.parametrize(
    "join_value",
    [
        "ZZZZZZZZ",  # a code, but no class has it
        "not a code",
        "",
        "<img src=x onerror=alert(1)>",
        "A" * 5000,
        "ABCD2345&seat=../../x",
    ],
)
def test_a_bad_join_link_says_so_plainly_and_offers_the_code_box(
    class_database: ClassDatabase, join_value: str
) -> None:
    phone = join(join_value)
    assert phone.error, "a plain message"
    assert not phone.multiselect
    assert [b.label for b in phone.button if b.label == words.JOIN_BUTTON]
    for value in (join_value[:200], "onerror"):
        if value and value not in words.CODE_PROBLEM.values():
            assert value not in " ".join(e.value for e in phone.error)


@pytest.mark.parametrize(
    "seat", ["../../etc/passwd", "x", "A" * 500, "<b>seat</b>", "Vq3m0mN_1d kPzYxw9QaLg"]
)
def test_a_seat_in_the_address_that_is_not_one_is_replaced_by_a_new_seat(
    class_database: ClassDatabase, app: AppTest, case: TeachingCase, seat: str
) -> None:
    teacher = start(app, case)
    phone = join(teacher.code, seat=seat)
    given = phone.query_params["seat"]
    assert given != seat and len(given) >= 16
    send(phone, [NO_PATTERN], Confidence.CERTAIN)
    session = queries.session_by_code(connect(), teacher.code)
    assert [a.seat for a in queries.answers(connect(), session.id)] == [given]


def test_an_expired_class_says_so(class_database: ClassDatabase, case: TeachingCase) -> None:
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    teacher = classroom.start_class(case, now=past)
    phone = join(teacher.code)
    assert words.REFUSAL["expired"] in said(phone)


def test_the_code_box_refuses_anything_but_a_code(class_database: ClassDatabase) -> None:
    phone = new_app()
    open_page(phone, "class")
    for typed, problem in [
        ("", words.CODE_PROBLEM[CodeProblem.EMPTY]),
        ("my name is Jane", words.CODE_PROBLEM[CodeProblem.NOT_A_CODE]),
        ("ZZZZ-ZZZZ", words.REFUSAL["unknown_code"]),
    ]:
        phone.text_input(key=CODE_BOX + "join").set_value(typed)
        button(phone, words.JOIN_BUTTON).click().run()
        assert_no_exception(phone)
        assert problem in said(phone)
        assert "join" not in phone.query_params


def test_a_stage_that_moved_on_while_a_student_answered_is_said_and_nothing_is_lost(
    class_database: ClassDatabase, app: AppTest, case: TeachingCase
) -> None:
    teacher = start(app, case)
    phone = join(teacher.code)
    button(app, words.NEXT_BUTTON).click().run()  # while the phone still shows stage 1
    send(phone, [NO_PATTERN], Confidence.CERTAIN)
    text_ = said(phone)
    assert "moved on to Stage 2 of 2" in text_ and "not saved" in text_
    assert "Stage 2 of 2" in text_, "the new stage is there to answer"
    session = queries.session_by_code(connect(), teacher.code)
    assert queries.answers(connect(), session.id) == ()


def test_a_double_send_and_a_second_tab_count_one_answer(
    class_database: ClassDatabase, app: AppTest, case: TeachingCase, book: RuleBook
) -> None:
    teacher = start(app, case)
    phone = send(join(teacher.code), [NO_PATTERN], Confidence.UNSURE)
    send(phone, [NO_PATTERN], Confidence.UNSURE)
    assert words.SAVED["unchanged"] in said(phone)
    seat = phone.query_params["seat"]
    second_tab = join(teacher.code, seat=seat)
    assert "Your saved answer to Stage 1 of 2" in said(second_tab), "the other tab's answer"
    send(second_tab, [other_pattern(book, case)], Confidence.GUESSING)
    assert words.SAVED["changed"].split(" replaces")[0].split(":")[0] in said(second_tab)
    app.run()
    assert "1 answer" in said(app) and "2 answers" not in said(app)
    phone.run()
    assert book.label("syndrome", other_pattern(book, case)) in said(phone)


def test_an_incomplete_answer_is_asked_for_again(
    class_database: ClassDatabase, app: AppTest, case: TeachingCase
) -> None:
    teacher = start(app, case)
    phone = send(join(teacher.code), [NO_PATTERN], None)
    assert words.ANSWER_PROBLEM[AnswerProblem.NO_CONFIDENCE] in said(phone)
    send(phone, [], Confidence.CERTAIN)
    assert words.ANSWER_PROBLEM[AnswerProblem.NO_PICK] in said(phone)
    app.run()
    assert words.NO_ANSWERS in said(app)


def test_a_locked_database_says_the_answer_was_not_saved_and_sending_again_works(
    class_database: ClassDatabase,
    app: AppTest,
    case: TeachingCase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    teacher = start(app, case)
    phone = join(teacher.code)
    monkeypatch.setenv(TIMEOUT_ENV, "0.3")
    release = hold_write_lock(class_database)
    try:
        send(phone, [NO_PATTERN], Confidence.CERTAIN)
    finally:
        release()
    text_ = said(phone)
    assert words.UNAVAILABLE["busy"] in text_
    assert words.NOT_SAVED.format(button=words.SEND_BUTTON) in text_
    assert phone.multiselect[0].value == [NO_PATTERN], "the choice is still there"
    button(phone, words.SEND_BUTTON).click().run()
    assert words.SAVED["new"].split(":")[0] in said(phone)


def hold_write_lock(database: ClassDatabase):
    if database.kind == "sqlite":
        other = sqlite3.connect(database.env[SQLITE_PATH_ENV], isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        return lambda: (other.execute("ROLLBACK"), other.close())
    engine = create_engine(
        database.env[DATABASE_URL_ENV].replace("postgresql://", "postgresql+psycopg://", 1)
    )
    connection = engine.connect()
    connection.execute(text("LOCK TABLE class_sessions IN EXCLUSIVE MODE"))
    return lambda: (connection.rollback(), connection.close(), engine.dispose())


def test_with_the_database_down_the_class_says_so_and_every_other_page_works(
    monkeypatch: pytest.MonkeyPatch, app: AppTest, case: TeachingCase
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://nobody@127.0.0.1:9/nowhere")
    monkeypatch.setenv(TIMEOUT_ENV, "1")
    open_page(app, "cases", "Live class")
    app.selectbox(key="class.start.case").set_value(case.id).run()
    button(app, words.START_BUTTON).click().run()
    assert_no_exception(app)
    assert words.UNAVAILABLE["unavailable"] in said(app)
    phone = join("ABCD2345")
    assert words.UNAVAILABLE["unavailable"] in said(phone)
    for page in ("screen", "explore", "learn", "cases"):
        open_page(new_app(), page)


def test_the_teacher_takes_the_class_back_with_its_key_and_a_wrong_key_is_refused(
    class_database: ClassDatabase, app: AppTest, case: TeachingCase
) -> None:
    teacher = start(app, case)
    other = new_app()
    open_page(other, "class")
    other.text_input(key=CODE_BOX + "resume").set_value(teacher.code)
    other.text_input(key=CODE_BOX + "teacher-key").set_value("not the key")
    button(other, words.RESUME_BUTTON).click().run()
    assert words.REFUSAL["not_teacher"] in said(other)
    other.text_input(key=CODE_BOX + "teacher-key").set_value(teacher.key)
    button(other, words.RESUME_BUTTON).click().run()
    assert_no_exception(other)
    assert words.REVEAL_BUTTON in {b.label for b in other.button}


def test_a_practice_code_keeps_a_missed_stage_and_brings_it_back(
    class_database: ClassDatabase, app: AppTest, case: TeachingCase, book: RuleBook
) -> None:
    teacher = start(app, case)
    button(app, words.NEXT_BUTTON).click().run()
    phone = join(teacher.code)
    phone.session_state[PRACTICE_FOLD] = True  # the student opens "Practise what you miss"
    phone.run()
    button(phone, words.MAKE_CODE).click().run()
    code = phone.session_state["class.practice.code"]
    assert f"{code[:4]}-{code[4:8]}-{code[8:]}" in said(phone)
    send(phone, [other_pattern(book, case)], Confidence.CERTAIN)
    button(app, words.REVEAL_BUTTON).click().run()
    phone.run()
    assert words.KEPT.format(count=1) in said(phone)
    # A day later, on another device: the code is all it takes.
    later = new_app()
    open_page(later, "class")
    later.text_input(key=CODE_BOX + "review").set_value(code.lower())
    button(later, words.USE_CODE).click().run()
    assert words.NEXT_DUE.split(":")[0] in said(later), "not due yet: tomorrow"
    items = practice_items(connect(), code, dt.datetime.now(dt.UTC))
    _make_due(items[0].id)
    later.run()
    assert words.DUE_HEADING.format(
        case=case.title, stage="Stage 2 of 2: " + case.stages[0].title
    ) in said(later)
    later.multiselect[0].set_value([case.answer])
    button(later, words.CHECK_BUTTON).click().run()
    text_ = said(later)
    assert words.PRACTICE_RIGHT.format(answer=book.label("syndrome", case.answer)) in text_
    assert "comes back on" in text_


def _make_due(item_id: int) -> None:
    """A day passes for the practice item."""
    with connect().writing() as session:
        item = session.get(PracticeItemRow, item_id)
        assert item is not None
        item.missed_at -= dt.timedelta(days=1)
        item.due_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
