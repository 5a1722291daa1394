"""The database: a SQLite file by default, PostgreSQL when `PNS_DATABASE_URL` names one.

Its tables are brought up to date by the Alembic migrations the first time a process uses it
(several processes starting at once take turns: an advisory lock on PostgreSQL, SQLite's write
lock on a file). Every failure to reach, lock or migrate it becomes `StoreUnavailable`, which the
pages turn into a plain message; the next call tries again.

SQLite runs in WAL mode, so the projector reads while students write, with `synchronous=FULL`,
so an answer reported saved survives a crash of the machine, not only of the app.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from screener import settings
from screener.store.errors import StoreUnavailable

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_WRITE = "pns_write"
"""Execution option: this transaction writes (SQLite takes its write lock at BEGIN)."""
_MIGRATION_LOCK = 726_354_101
"""PostgreSQL advisory lock id held while migrating, so processes take turns."""
_LOCKED = ("database is locked", "database table is locked", "lock timeout", "55P03")

_log = logging.getLogger(__name__)


def database_url(config: settings.Settings) -> URL:
    """The URL to connect to: the setting's, with psycopg 3 as PostgreSQL's driver, or the
    SQLite file. Raises `settings.SettingsError` for an address of anything else."""
    if config.database_url is None:
        return URL.create("sqlite", database=str(config.sqlite_path))
    try:
        url = make_url(config.database_url)
    except ArgumentError:
        url = None
    if url is not None and url.get_backend_name() in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if url is not None and url.get_backend_name() == "sqlite":
        return url
    raise settings.SettingsError(
        f"A setting cannot be used: {settings.DATABASE_URL_ENV} must be the address of a "
        "PostgreSQL database (postgresql://user@host:port/name) or of a SQLite file"
    )


def _sqlite_engine(url: URL, timeout_s: float) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"timeout": timeout_s, "check_same_thread": False}, pool_pre_ping=False
    )

    @event.listens_for(engine, "connect")
    def _connect(connection: Any, _record: object) -> None:
        # pysqlite's own transaction handling begins late and never for a SELECT; the "begin"
        # listener below begins every transaction itself instead.
        connection.isolation_level = None
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(timeout_s * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # A writing transaction takes the write lock at once, so what it read cannot change
        # before it writes (a stage moving on while an answer is checked); readers never wait.
        writing = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


def _postgresql_engine(url: URL, timeout_s: float) -> Engine:
    milliseconds = int(timeout_s * 1000)
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=10,
        pool_timeout=timeout_s,
        connect_args={
            "connect_timeout": max(1, round(timeout_s)),
            "options": f"-c lock_timeout={milliseconds} -c statement_timeout={milliseconds * 4}",
        },
    )


def unavailable(error: BaseException) -> StoreUnavailable:
    """The plain-words error for a database failure: busy (locked, try again) or unavailable."""
    text = str(getattr(error, "orig", None) or error)
    code = getattr(getattr(error, "orig", None), "sqlstate", None) or ""
    busy = any(marker in text or marker == code for marker in _LOCKED)
    # The driver's own words, for whoever runs the server (never a user's input: the store
    # is given only ids, codes and tokens the app made).
    _log.warning("class database %s: %s", "busy" if busy else "unavailable", text.strip())
    return StoreUnavailable("busy" if busy else "unavailable", "the class database")


class Database:
    """One database, its connection pool, and whether this process has migrated it."""

    def __init__(self, url: URL, timeout_s: float) -> None:
        self.url = url
        self.timeout_s = timeout_s
        self.dialect = url.get_backend_name()
        if self.dialect == "sqlite":
            self.engine = _sqlite_engine(url, timeout_s)
        else:
            self.engine = _postgresql_engine(url, timeout_s)
        self._writer = self.engine.execution_options(**{_WRITE: True})
        self._ready = False
        self._ready_lock = threading.Lock()

    def _migrate(self) -> None:
        # Alembic loads only when a class feature is first used, never on the app's cold start.
        from alembic import command
        from alembic.config import Config
        from alembic.migration import MigrationContext
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        head = ScriptDirectory.from_config(config).get_current_head()
        # Most starts find the tables current: a read says so without waiting for writers.
        with self.engine.connect() as connection:
            if MigrationContext.configure(connection).get_current_revision() == head:
                return
        with self._writer.begin() as connection:
            if self.dialect == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def ready(self) -> None:
        """Bring the tables up to date, once per process. Raises `StoreUnavailable`."""
        if self._ready:
            return
        with self._ready_lock:
            if self._ready:
                return
            try:
                self._migrate()
            except (SQLAlchemyError, OSError) as error:
                raise unavailable(error) from None
            self._ready = True

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only transaction. Raises `StoreUnavailable`."""
        self.ready()
        try:
            with Session(self.engine) as session, session.begin():
                yield session
        except IntegrityError:
            raise
        except (DBAPIError, SQLAlchemyError, OSError) as error:
            raise unavailable(error) from None

    @contextlib.contextmanager
    def writing(self) -> Iterator[Session]:
        """A transaction that writes, committed on leaving. Raises `StoreUnavailable`; an
        `IntegrityError` (a row another writer just added) is left to the caller."""
        self.ready()
        try:
            with Session(self._writer) as session, session.begin():
                yield session
        except IntegrityError:
            raise
        except (DBAPIError, SQLAlchemyError, OSError) as error:
            raise unavailable(error) from None


_open: dict[tuple[str, float], Database] = {}
_open_lock = threading.Lock()


def connect(config: settings.Settings | None = None) -> Database:
    """The database the settings name, opened once per process. Raises `StoreUnavailable`, or
    `settings.SettingsError` for settings that cannot be used."""
    config = config or settings.current()
    url = database_url(config)
    key = (url.render_as_string(hide_password=False), config.database_timeout_s)
    with _open_lock:
        found = _open.get(key)
        if found is None:
            try:
                found = Database(url, config.database_timeout_s)
            except (SQLAlchemyError, OSError) as error:
                raise unavailable(error) from None
            _open[key] = found
    return found
