"""The class store on SQLite and on PostgreSQL: what a class keeps, what it refuses, and what
it does when the database is locked or down. Every test runs on both databases."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from screener import settings
from screener.models import REVIEW_AFTER_DAYS, Confidence, TeacherPass
from screener.settings import DATABASE_URL_ENV, SQLITE_PATH_ENV
from screener.store import ClassRefused, Miss, StoreUnavailable, connect, queries
from screener.store import practice as practice_store
from screener.store.tables import Base
from tests.conftest import ClassDatabase
from tests.support.database import TIMEOUT_ENV, close_pool

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
SEATS = [f"seat-{n:012d}" for n in range(40)]


@pytest.fixture
def db(class_database: ClassDatabase):
    return connect()


def _start(db, stages: int = 2, now: dt.datetime = NOW):
    return queries.create_session(db, "case_x", stages, now, retention_days=30)


def test_the_migrations_build_exactly_the_tables_the_models_describe(db) -> None:
    db.ready()
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() is not None


def test_a_session_starts_at_its_first_stage_with_a_code_only_the_teacher_can_act_on(
    db,
) -> None:
    session, teacher = _start(db)
    assert (session.stage, session.revealed, session.closed) == (0, False, False)
    assert session.expires_at == NOW + dt.timedelta(days=30)
    assert queries.session_by_code(db, teacher.code) == session
    student = TeacherPass(code=teacher.code, key="a guess at the key")
    for act in (
        lambda: queries.advance(db, student, 0, NOW),
        lambda: queries.reveal(db, student, 0, NOW),
        lambda: queries.close(db, student, NOW),
        lambda: queries.teacher_session(db, student, NOW),
    ):
        with pytest.raises(ClassRefused) as refused:
            act()
        assert refused.value.reason == "not_teacher"
    assert queries.session_by_code(db, teacher.code) == session


def test_the_database_keeps_no_secret_it_could_be_used_with(db) -> None:
    _, teacher = _start(db)
    code = practice_store.new_practice_code(db, NOW, 30)
    with db.engine.connect() as connection:
        rows = [
            str(value)
            for table in ("class_sessions", "practice_codes")
            for row in connection.execute(text(f"SELECT * FROM {table}"))
            for value in row
        ]
    assert not any(teacher.key in value or code in value for value in rows)


def test_an_answer_is_kept_once_per_seat_and_stage_and_can_be_changed(db) -> None:
    session, _ = _start(db)
    save = queries.save_answer
    first = save(db, session.code, SEATS[0], 0, ("lems",), Confidence.FAIRLY_SURE, NOW)
    assert first.outcome == "new"
    # A double press, or the same answer from a second tab: kept once.
    again = save(db, session.code, SEATS[0], 0, ("lems",), Confidence.FAIRLY_SURE, NOW)
    assert again.outcome == "unchanged"
    later = NOW + dt.timedelta(seconds=30)
    changed = save(db, session.code, SEATS[0], 0, ("lems", "pcd"), Confidence.GUESSING, later)
    assert changed.outcome == "changed"
    save(db, session.code, SEATS[1], 0, (), Confidence.CERTAIN, NOW)
    kept = queries.answers(db, session.id)
    assert [(a.seat, a.patterns, a.confidence) for a in kept] == [
        (SEATS[0], ("lems", "pcd"), Confidence.GUESSING),
        (SEATS[1], (), Confidence.CERTAIN),
    ]
    assert kept[0].saved_at == later
    assert queries.seat_answers(db, session.id, SEATS[0]) == {0: kept[0]}


def test_answers_close_when_the_stage_is_revealed_moves_on_or_the_class_closes(db) -> None:
    session, teacher = _start(db, stages=3)

    def answer(stage: int) -> None:
        queries.save_answer(db, session.code, SEATS[0], stage, ("lems",), Confidence.CERTAIN, NOW)

    answer(0)
    queries.reveal(db, teacher, 0, NOW)
    with pytest.raises(ClassRefused) as refused:
        answer(0)
    assert (refused.value.reason, refused.value.stage) == ("revealed", 0)
    queries.advance(db, teacher, 0, NOW)
    with pytest.raises(ClassRefused) as refused:
        answer(0)
    assert (refused.value.reason, refused.value.stage) == ("moved_on", 1)
    answer(1)
    queries.close(db, teacher, NOW)
    with pytest.raises(ClassRefused) as refused:
        answer(1)
    assert refused.value.reason == "closed"
    # What was saved before is all still there.
    assert [(a.stage, a.patterns) for a in queries.answers(db, session.id)] == [
        (0, ("lems",)),
        (1, ("lems",)),
    ]


def test_a_double_press_of_next_stage_moves_the_class_one_stage(db) -> None:
    _, teacher = _start(db, stages=3)
    assert queries.advance(db, teacher, 0, NOW).stage == 1
    assert queries.advance(db, teacher, 0, NOW).stage == 1
    assert queries.advance(db, teacher, 1, NOW).stage == 2
    assert queries.advance(db, teacher, 2, NOW).stage == 2, "the last stage is the last"


def test_an_expired_session_is_refused_and_purged_with_its_answers(db) -> None:
    old, old_teacher = _start(db, now=NOW - dt.timedelta(days=31))
    queries.save_answer(
        db, old.code, SEATS[0], 0, ("lems",), Confidence.CERTAIN, NOW - dt.timedelta(days=31)
    )
    current, _ = _start(db)
    queries.save_answer(db, current.code, SEATS[0], 0, ("lems",), Confidence.CERTAIN, NOW)
    with pytest.raises(ClassRefused) as refused:
        queries.save_answer(db, old.code, SEATS[1], 0, ("lems",), Confidence.CERTAIN, NOW)
    assert refused.value.reason == "expired"
    with pytest.raises(ClassRefused):
        queries.teacher_session(db, old_teacher, NOW)
    code = practice_store.new_practice_code(db, NOW - dt.timedelta(days=40), 30)
    purged = queries.purge(db, NOW)
    assert (purged.sessions, purged.answers, purged.practice_codes) == (1, 1, 1)
    assert queries.session_by_code(db, old.code) is None
    assert len(queries.answers(db, current.id)) == 1
    with pytest.raises(ClassRefused):
        practice_store.check_practice_code(db, code, NOW)


def test_a_room_answering_at_once_has_every_answer_kept(db) -> None:
    session, _ = _start(db)

    def answer(seat: str) -> str:
        return queries.save_answer(
            db, session.code, seat, 0, ("lems",), Confidence.UNSURE, NOW
        ).outcome

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(answer, SEATS))
    assert outcomes == ["new"] * len(SEATS)
    assert {a.seat for a in queries.answers(db, session.id, 0)} == set(SEATS)


def test_an_answer_racing_next_stage_is_either_kept_under_its_stage_or_refused(db) -> None:
    """Whatever the order, no answer reported saved is lost, and none lands on a stage it was
    not given for."""
    session, teacher = _start(db)
    saved: list[str] = []
    refused: list[str] = []
    go = threading.Event()

    def answer(seat: str) -> None:
        go.wait()
        try:
            queries.save_answer(db, session.code, seat, 0, ("lems",), Confidence.UNSURE, NOW)
            saved.append(seat)
        except ClassRefused as error:
            assert (error.reason, error.stage) == ("moved_on", 1)
            refused.append(seat)

    threads = [threading.Thread(target=answer, args=(seat,)) for seat in SEATS[:20]]
    for thread in threads:
        thread.start()
    go.set()
    queries.advance(db, teacher, 0, NOW)
    for thread in threads:
        thread.join()
    assert len(saved) + len(refused) == 20
    kept = queries.answers(db, session.id)
    assert sorted(a.seat for a in kept) == sorted(saved)
    assert {a.stage for a in kept} <= {0}


def test_practice_items_come_back_after_one_three_and_seven_days(db) -> None:
    code = practice_store.new_practice_code(db, NOW, 30)
    miss = Miss(case_id="case_x", stage=1, answer="lems", finding="dry_mouth")
    assert practice_store.keep_misses(db, code, [miss, miss], NOW, 30) == 1
    assert practice_store.keep_misses(db, code, [miss], NOW, 30) == 0, "kept once"
    (item,) = practice_store.practice_items(db, code, NOW)
    assert item.due_at == NOW + dt.timedelta(days=1)
    # Before it is due, going over it changes nothing.
    assert practice_store.record_review(db, code, item.id, NOW).reviews_done == 0
    dues = []
    for days in REVIEW_AFTER_DAYS:
        moment = NOW + dt.timedelta(days=days)
        reviewed = practice_store.record_review(db, code, item.id, moment)
        dues.append(reviewed.due_at)
    assert dues == [NOW + dt.timedelta(days=3), NOW + dt.timedelta(days=7), None]
    assert practice_store.practice_items(db, code, NOW + dt.timedelta(days=8)) == ()


def test_a_review_done_late_waits_a_day_before_the_next(db) -> None:
    code = practice_store.new_practice_code(db, NOW, 30)
    practice_store.keep_misses(
        db, code, [Miss(case_id="c", stage=0, answer="lems", finding=None)], NOW, 30
    )
    (item,) = practice_store.practice_items(db, code, NOW)
    late = NOW + dt.timedelta(days=5)
    assert practice_store.record_review(db, code, item.id, late).due_at == late + dt.timedelta(
        days=1
    )


def test_an_unknown_practice_code_is_refused(db) -> None:
    with pytest.raises(ClassRefused) as refused:
        practice_store.practice_items(db, "ABCDEFGHJKMN", NOW)
    assert refused.value.reason == "unknown_practice_code"


# --- Locked and down --------------------------------------------------------------------------


def test_a_database_locked_past_the_timeout_is_busy_and_saves_nothing_until_sent_again(
    class_database: ClassDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TIMEOUT_ENV, "0.3")
    db = connect()
    session, _ = _start(db)
    release = _hold_session_lock(class_database, session.id)
    try:
        with pytest.raises(StoreUnavailable) as busy:
            queries.save_answer(db, session.code, SEATS[0], 0, ("lems",), Confidence.CERTAIN, NOW)
        assert busy.value.why == "busy"
    finally:
        release()
    assert queries.answers(db, session.id) == ()
    sent_again = queries.save_answer(
        db, session.code, SEATS[0], 0, ("lems",), Confidence.CERTAIN, NOW
    )
    assert sent_again.outcome == "new"
    close_pool()


def _hold_session_lock(database: ClassDatabase, session_id: int):
    """Another writer holding the class's lock; returns the function that lets it go."""
    if database.kind == "sqlite":
        other = sqlite3.connect(database.env[SQLITE_PATH_ENV], isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        return lambda: (other.execute("ROLLBACK"), other.close())
    engine = create_engine(
        database.env[DATABASE_URL_ENV].replace("postgresql://", "postgresql+psycopg://", 1)
    )
    connection = engine.connect()
    connection.execute(
        text("SELECT id FROM class_sessions WHERE id = :id FOR UPDATE"), {"id": session_id}
    )
    return lambda: (connection.rollback(), connection.close(), engine.dispose())


@pytest.mark.parametrize("kind", ["postgresql", "sqlite"])
def test_a_database_that_cannot_be_reached_is_unavailable(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if kind == "postgresql":
        # A closed port on loopback: nothing listens there.
        monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://nobody@127.0.0.1:9/nowhere")
    else:
        blocker = tmp_path / "a-file"
        blocker.write_text("not a folder")
        monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
        monkeypatch.setenv(SQLITE_PATH_ENV, str(blocker / "classes.sqlite3"))
    monkeypatch.setenv(TIMEOUT_ENV, "1")
    with pytest.raises(StoreUnavailable) as down:
        _start(connect())
    assert down.value.why == "unavailable"


@pytest.mark.parametrize("url", ["mysql://someone@somewhere/db", "not an address at all"])
def test_a_database_url_that_is_not_postgresql_or_sqlite_is_refused_naming_it(url: str) -> None:
    config = settings.Settings(database_url=url)
    with pytest.raises(settings.SettingsError, match=settings.DATABASE_URL_ENV):
        connect(config)


def test_sqlite_runs_in_wal_mode_with_full_sync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SQLITE_PATH_ENV, str(tmp_path / "classes.sqlite3"))
    db = connect()
    db.ready()
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    close_pool()
