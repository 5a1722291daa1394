"""Debian's chromium under Playwright; a missing browser skips locally and fails in CI."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
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
