"""Shared fixtures: the real rule book, and a small stable one for engine and loader tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
