"""Without chromium the browser tests skip with how to install it, but fail when CI needs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.browser import REQUIRE_ENV, require_chromium


def test_missing_chromium_skips_with_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"apt-get install chromium"):
        require_chromium(tmp_path / "chromium")


def test_missing_chromium_fails_when_the_browser_is_required(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match=rf"{REQUIRE_ENV}=1 requires"):
        require_chromium(tmp_path / "chromium")


def test_present_chromium_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REQUIRE_ENV, "1")
    executable = tmp_path / "chromium"
    executable.write_text("#!/bin/sh\n")
    executable.chmod(0o755)
    assert require_chromium(executable) == executable
