"""The package's public surface is deliberate: `screener` exports what its docstring names, every
name a package exports exists, and every error the core defines sits in the one error tree."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

import screener
from screener.errors import ScreenerError
from screener.rulebook import load_rule_book

SKIPPED = ("screener.app", "screener.store.migrations", "screener.__main__")
"""Modules that do something on import: the pages draw, Alembic's env runs a migration, the
command line starts."""


def _core_modules() -> list[ModuleType]:
    names = [
        info.name
        for info in pkgutil.walk_packages(screener.__path__, prefix="screener.")
        if not info.name.startswith(SKIPPED)
    ]
    return [importlib.import_module(name) for name in names]


def test_the_package_exports_exactly_its_documented_surface() -> None:
    assert sorted(screener.__all__) == [
        "DEFAULT_RULES_DIR",
        "Profile",
        "ProfileError",
        "RuleBook",
        "RuleBookError",
        "ScreenerError",
        "ScreeningResult",
        "ScreeningView",
        "build_view",
        "load_rule_book",
        "screen",
    ]


@pytest.mark.parametrize(
    "module", [m for m in _core_modules() if hasattr(m, "__all__")], ids=lambda m: m.__name__
)
def test_every_exported_name_exists_and_is_the_screeners_own(module: ModuleType) -> None:
    for name in module.__all__:
        member = getattr(module, name)
        owner = getattr(member, "__module__", None)
        if inspect.isclass(member) or inspect.isfunction(member):
            assert owner is not None and owner.startswith("screener"), (module.__name__, name)


def test_every_error_the_core_defines_is_a_screener_error() -> None:
    errors = {
        f"{cls.__module__}.{cls.__qualname__}": cls
        for module in _core_modules()
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, BaseException) and cls.__module__.startswith("screener")
    }
    assert len(errors) >= 10
    outside = [name for name, cls in errors.items() if not issubclass(cls, ScreenerError)]
    assert outside == []


def test_a_broken_rule_book_is_a_screener_error_that_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "book.yaml").write_text("version: [unclosed\n", encoding="utf-8")
    with pytest.raises(ScreenerError) as caught:
        load_rule_book(tmp_path)
    assert "book.yaml" in str(caught.value)


def test_the_readmes_python_example_prints_what_its_comments_say(
    capsys: pytest.CaptureFixture[str],
) -> None:
    readme = (Path(screener.__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### From Python", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    promised = [
        line.split("print(", 1)[1].split("#", 1)[1].strip()
        for line in code.splitlines()
        if "print(" in line
    ]
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out.splitlines() == promised
