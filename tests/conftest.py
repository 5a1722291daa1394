"""Shared fixtures: the real rule book, and a small stable one for engine and loader tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from xdist.remote import Producer
from xdist.scheduler import LoadFileScheduling

from screener.rulebook import RuleBook
from tests.support import books

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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the browser tests `e2e` and put them first: the longest unit of work (see
    `pytest_xdist_make_scheduler`) starts at once, while the other worker shares out everything
    else, rather than last, with the other worker idle until it ends (`--no-loadscope-reorder`
    keeps this order)."""
    for item in items:
        if is_browser_test(item.nodeid):
            item.add_marker(pytest.mark.e2e)
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


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> LoadFileScheduling:
    """A file per worker, except the browser tests, which all go to one worker: one app server
    and one chromium (whose compiled-script cache then serves every page) instead of one on each
    core. Measured about 15 % faster, and with less CPU, than a browser file per worker."""
    return BrowserTestsTogether(config, log)


class BrowserTestsTogether(LoadFileScheduling):
    def _split_scope(self, nodeid: str) -> str:
        if is_browser_test(nodeid):
            return E2E_DIR
        return super()._split_scope(nodeid)
