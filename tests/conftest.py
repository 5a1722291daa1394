"""Shared fixtures: the real rule book, and a small stable one for engine and loader tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from screener.rulebook import RuleBook
from screener.settings import DATABASE_URL_ENV, SQLITE_PATH_ENV
from tests.support import books
from tests.support.database import close_pool, fresh_postgres_database

E2E_DIR = "tests/e2e"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--screenshots",
        action="store_true",
        help="browser tests save full-page screenshots in artifacts/screenshots, for a person "
        "to look over the layout (off by default: each one costs up to a second)",
    )


def is_browser_test(nodeid: str) -> bool:
    return nodeid.startswith(f"{E2E_DIR}/")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the browser tests `e2e`, send them all to one worker and put them first.

    Each test goes to xdist as a member of a group (`--dist loadgroup`): its own file, so a
    worker takes whole files, except the browser tests, which are one group: one app server and
    one chromium (whose compiled-script cache then serves every page) instead of one on each core
    (measured about 15 % faster, and with less CPU). They come first so that the longest unit of
    work starts at once while the other worker shares out everything else (`--no-loadscope-reorder`
    keeps this order)."""
    for item in items:
        browser = is_browser_test(item.nodeid)
        if browser:
            item.add_marker(pytest.mark.e2e)
        group = E2E_DIR if browser else item.nodeid.split("::", 1)[0]
        item.add_marker(pytest.mark.xdist_group(group))
    items.sort(key=lambda item: not is_browser_test(item.nodeid))


@pytest.fixture(scope="session")
def book() -> RuleBook:
    """The project's real rule book."""
    return books.real_book()


@pytest.fixture(scope="session")
def mini_book() -> RuleBook:
    """A small rule book whose syndromes exist only to exercise the engine."""
    return books.mini_book()


@pytest.fixture
def mini_rules_dir(tmp_path: Path) -> Path:
    """A writable copy of the small rule book, for tests that break it on purpose."""
    target = tmp_path / "rules"
    shutil.copytree(books.MINI_RULES, target)
    return target


@pytest.fixture(scope="session", autouse=True)
def _class_data_stays_in_a_temporary_folder(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """No test keeps class data in the user's own folder, or in a database the shell that
    started the tests names."""
    saved = {name: os.environ.get(name) for name in (SQLITE_PATH_ENV, DATABASE_URL_ENV)}
    os.environ[SQLITE_PATH_ENV] = str(tmp_path_factory.mktemp("class-data") / "classes.sqlite3")
    os.environ.pop(DATABASE_URL_ENV, None)
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@dataclass(frozen=True)
class ClassDatabase:
    """The class database a test runs on, named in this process's environment; `env` names it
    for an app server the test starts."""

    kind: str
    env: dict[str, str]


DATABASE_KINDS = ("sqlite", "postgresql")


@pytest.fixture(params=DATABASE_KINDS)
def class_database(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ClassDatabase]:
    """A fresh, empty class database: a SQLite file, then a PostgreSQL database (skipped, or
    failed under PNS_REQUIRE_POSTGRES=1, without a test cluster)."""
    if request.param == "sqlite":
        env = {SQLITE_PATH_ENV: str(tmp_path / "classes.sqlite3")}
        monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
        monkeypatch.setenv(SQLITE_PATH_ENV, env[SQLITE_PATH_ENV])
        yield ClassDatabase("sqlite", env)
        close_pool()
        return
    with fresh_postgres_database() as url:
        env = {DATABASE_URL_ENV: url}
        monkeypatch.setenv(DATABASE_URL_ENV, url)
        yield ClassDatabase("postgresql", env)
        close_pool()
