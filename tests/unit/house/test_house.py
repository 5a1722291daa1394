"""The house rules are enforced: every check in `.pre-commit-config.yaml` (which `.ci/run` runs)
fails on a planted violation, and passes on the house as it is."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
HOOKS = {
    hook["id"]: hook
    for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"]
    for hook in repo["hooks"]
}


@pytest.fixture
def house(tmp_path: Path) -> Path:
    """A copy of the code, rule book and configuration to plant violations in."""
    for name in ("screener", "tools", "bench", ".ci"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    # The rule book lives in the package; `rules` at the top is a link to it, as in the house.
    (tmp_path / "rules").symlink_to("screener/rules")
    for name in ("pyproject.toml", ".pre-commit-config.yaml", "streamlit_app.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def run_hook(hook_id: str, where: Path, *files: str) -> subprocess.CompletedProcess[str]:
    command, *arguments = HOOKS[hook_id]["entry"].split()
    return subprocess.run(
        [str(BIN / command), *arguments, *files],
        cwd=where,
        # The copy's package comes first, ahead of the installed one.
        env={**os.environ, "PYTHONPATH": str(where), "MYPY_CACHE_DIR": str(where / ".mypy_cache")},
        capture_output=True,
        text=True,
        check=False,
    )


def plant(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


PLANTED = {
    "ruff-check": ("screener/planted.py", "import os\n", "F401"),
    "ruff-format": ("screener/planted.py", "x=[1,2]\n", "would be reformatted"),
    "mypy": ("screener/planted.py", "def f(x):\n    return x\n", "no-untyped-def"),
    "import-linter": ("screener/models/base.py", "\nimport streamlit\n", "not allowed to import"),
    "validate": ("rules/syndromes/renal.yaml", "", "unknown finding"),
    "schema": ("rules/schema/syndromes.schema.json", "", "out of date"),
    "vulture": (
        "screener/planted.py",
        "def never_called() -> None:\n    pass\n",
        "unused function",
    ),
}


def test_every_house_check_has_a_planted_violation():
    assert set(HOOKS) == set(PLANTED)


@pytest.mark.parametrize("hook_id", sorted(PLANTED))
def test_each_house_check_fails_on_its_planted_violation(house: Path, hook_id: str):
    name, text, expected = PLANTED[hook_id]
    target = house / name
    if not target.exists():
        target.write_text("")
    if hook_id == "validate":
        target.write_text(target.read_text().replace("frothy_urine", "frothy_urin", 1))
    elif hook_id == "schema":
        target.write_text("{}\n")
    else:
        plant(target, text)
    files = [name] if HOOKS[hook_id].get("pass_filenames", True) else []
    if hook_id == "mypy":
        # The hook's strict settings, on the planted module alone: a cold whole-package run costs
        # half a minute, and `.ci/run` already runs the hook itself over the whole package.
        files = [name]
    done = run_hook(hook_id, house, *files)
    assert done.returncode != 0, done.stdout + done.stderr
    assert expected in done.stdout + done.stderr


def test_the_import_contracts_hold_for_the_house_as_it_is(house: Path):
    # The other whole-project checks (validate, schema) have their own tests.
    done = run_hook("import-linter", house)
    assert done.returncode == 0, done.stdout + done.stderr
