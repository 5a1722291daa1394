"""The lock file pins what the tests ran with: both install commands go through it, it pins
every dependency pyproject.toml declares at a version pyproject allows, and this environment
runs those versions (so a dependency changed without a new lock fails here, not on a teacher's
laptop)."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[3]
LOCK = ROOT / "requirements-lock.txt"


def _pins() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = Version(version)
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    return [Requirement(line) for line in lines]


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_each_install_command_goes_through_the_lock(name: str) -> None:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    assert "-c requirements-lock.txt" in lines


def test_the_lock_pins_only_exact_versions() -> None:
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            assert "==" in line and ";" not in line and "@" not in line, line


@pytest.mark.parametrize("requirement", _declared(), ids=str)
def test_every_declared_dependency_is_pinned_where_pyproject_allows(
    requirement: Requirement,
) -> None:
    pinned = _pins().get(canonicalize_name(requirement.name))
    assert pinned is not None, f"{requirement.name} is not in requirements-lock.txt"
    assert requirement.specifier.contains(pinned, prereleases=True), (
        f"the lock pins {requirement.name}=={pinned}, outside pyproject's {requirement.specifier}"
    )


@pytest.mark.parametrize("requirement", _declared(), ids=str)
def test_this_environment_runs_the_locked_version(requirement: Requirement) -> None:
    installed = Version(metadata.version(requirement.name))
    assert installed == _pins()[canonicalize_name(requirement.name)], (
        f"{requirement.name} {installed} is installed but the lock pins another version: "
        "reinstall with the README's test command, or regenerate the lock"
    )
