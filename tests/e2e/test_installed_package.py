"""The package installs as a package: a wheel, installed (not editable) into a fresh virtual
environment and run from another folder, finds its rule book, validates it, screens a profile
and serves the app, disclaimer and all."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from screener.rulebook import RuleBook
from tests.e2e.flows import expect_safety_in_view
from tests.support.servers import ROOT, streamlit_server


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment holding the built wheel; its dependencies are this environment's
    (one path line), not installed again, so the test needs no network."""
    where = tmp_path_factory.mktemp("installed")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(where), str(ROOT)],
        check=True,
    )
    (wheel,) = where.glob("*.whl")
    env_dir = where / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # A plain path line: the dependencies are found, but not this checkout's editable install.
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", site, str(wheel)],
        check=True,
    )
    return env_dir / "bin"


def test_the_installed_package_validates_and_screens_from_another_folder(
    installed: Path, tmp_path: Path
) -> None:
    python = installed / "python"
    where = subprocess.run(
        [str(python), "-c", "import screener; print(screener.__file__)"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert str(ROOT) not in where, "the checkout, not the installed package, was imported"
    done = subprocess.run(
        [str(python), "-m", "screener", "validate"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "is valid" in done.stdout
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps({"findings": ["proximal_leg_weakness", "dry_mouth"]}))
    done = subprocess.run(
        [str(python), "-m", "screener", "screen", str(profile)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Educational tool, not a diagnosis.")


def test_screener_app_serves_the_app_with_its_safety_text(
    installed: Path, tmp_path: Path, browser_context: BrowserContext, book: RuleBook
) -> None:
    launcher = [str(installed / "python"), "-m", "screener", "app"]
    with streamlit_server(Path("unused"), launcher=launcher, cwd=tmp_path) as server:
        page = browser_context.new_page()
        try:
            page.goto(server.url)
            expect_safety_in_view(page, book.safety.disclaimer, book.safety.see_a_physician)
        finally:
            page.close()
