"""Shared fixtures: the real rule book, and a small stable one for engine and loader tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from screener.rulebook import RuleBook
from tests.support import books


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--screenshots",
        action="store_true",
        help="browser tests save full-page screenshots in artifacts/screenshots, for a person "
        "to look over the layout (off by default: each one costs up to a second)",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests first: they are the longest files, so in a parallel run (a file per
    worker, in this order: see `--no-loadscope-reorder` in pyproject.toml) they start while the
    other worker shares out everything else, and no worker is left alone with one at the end."""
    items.sort(key=lambda item: "e2e" not in Path(str(item.fspath)).parts)


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
