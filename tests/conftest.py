"""Shared fixtures: the real rule book, and a small stable one for engine and loader tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from screener.book import RuleBook
from screener.loader import DEFAULT_RULES_DIR, load_rule_book

MINI_RULES = Path(__file__).parent / "fixtures" / "mini_rules"


@pytest.fixture(scope="session")
def book() -> RuleBook:
    """The project's real rule book."""
    return load_rule_book(DEFAULT_RULES_DIR)


@pytest.fixture(scope="session")
def mini_book() -> RuleBook:
    """A small rule book whose syndromes exist only to exercise the engine."""
    return load_rule_book(MINI_RULES)


@pytest.fixture
def mini_rules_dir(tmp_path: Path) -> Path:
    """A writable copy of the small rule book, for tests that break it on purpose."""
    target = tmp_path / "rules"
    shutil.copytree(MINI_RULES, target)
    return target
