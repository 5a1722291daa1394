"""Debian's chromium under Playwright; a missing browser skips locally and fails in CI."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

from tests.support.chromium import CHROMIUM as CHROMIUM_PATH

CHROMIUM = Path(CHROMIUM_PATH)
REQUIRE_ENV = "PNS_REQUIRE_BROWSER"
INSTALL_HINT = "install it with `apt-get install chromium` (Debian/Ubuntu) to run the browser tests"


def require_chromium(executable: Path = CHROMIUM) -> Path:
    """The browser's path; without it, skip, or fail where the browser tests must run."""
    if executable.is_file() and os.access(executable, os.X_OK):
        return executable
    unavailable(f"Chromium is not at {executable}: {INSTALL_HINT}")


def unavailable(message: str) -> NoReturn:
    """Skip the browser tests, or fail them when the environment demands they run."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message}. {REQUIRE_ENV}=1 requires the browser tests to run.")
    pytest.skip(message)
