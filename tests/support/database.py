"""Class databases for tests: a SQLite file, and a fresh PostgreSQL database on the cluster
that `PNS_TEST_DATABASE_URL` names (`.ci/run` starts a throwaway one on loopback).

Without that URL the PostgreSQL tests skip with a message; where they must run
(`PNS_REQUIRE_POSTGRES=1`, as in CI), they fail instead, as the browser tests do without
Chromium.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from screener.settings import env_name
from screener.store import connect

URL_ENV = "PNS_TEST_DATABASE_URL"
REQUIRE_ENV = "PNS_REQUIRE_POSTGRES"
HINT = (
    f"set {URL_ENV}=postgresql://USER@HOST:PORT/postgres (a cluster where USER may create "
    "databases; .ci/run starts one) to run the PostgreSQL tests"
)


def postgres_admin_url() -> str:
    """The test cluster's address; without one, skip, or fail where the tests must run."""
    url = os.environ.get(URL_ENV)
    if url:
        return url
    message = f"{URL_ENV} is not set: {HINT}"
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message}. {REQUIRE_ENV}=1 requires the PostgreSQL tests to run.")
    pytest.skip(message)


def _driver(url: str) -> str:
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


@contextlib.contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty database on the test cluster, dropped afterwards (connections and all)."""
    admin = postgres_admin_url()
    name = f"pns_test_{secrets.token_hex(6)}"
    engine = create_engine(_driver(admin), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(admin).set(database=name).render_as_string(hide_password=False)
        finally:
            with engine.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


TIMEOUT_ENV = env_name("database_timeout_s")
"""The setting a test shortens to meet a locked or missing database quickly."""


def close_pool() -> None:
    """Close the pooled connections to the database the settings name (before a test drops
    it), as a server shutting down would."""
    connect().engine.dispose()
