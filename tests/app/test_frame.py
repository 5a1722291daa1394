"""The frame: the safety wording on every page, and the error page for a broken rule book."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from screener.app.components import UNAVAILABLE
from screener.app.pages import PAGES as APP_PAGES
from screener.app.state import RULES_DIR_ENV
from screener.rulebook import DEFAULT_RULES_DIR, RuleBook
from tests.app.conftest import APP, PAGES, assert_no_exception, shown

PAGE_TITLES = {page.key: page.title for page in APP_PAGES}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_with_the_disclaimer_and_see_a_physician(
    app: AppTest, book: RuleBook, page: str
) -> None:
    app.run()
    app.switch_page(PAGES[page]).run()
    assert_no_exception(app)
    seen = list(shown(app))
    assert seen[0] == ("warning", book.safety.disclaimer)
    assert seen[1] == ("info", book.safety.see_a_physician)
    assert ("title", PAGE_TITLES[page]) in seen


@pytest.fixture
def broken_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the rule book with one syndrome file naming a finding that does not exist."""
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    target = sorted((rules / "syndromes").glob("*.yaml"))[0]
    text = target.read_text(encoding="utf-8")
    first_id = text.split("\n- id: ", 1)[1].split("\n", 1)[0].strip()
    target.write_text(
        text.replace(f"- id: {first_id}", f"- id: {first_id}\n  no_such_field: 1", 1),
        encoding="utf-8",
    )
    monkeypatch.setenv(RULES_DIR_ENV, str(rules))
    return target


def test_a_broken_rule_book_shows_the_error_page_naming_the_file(
    broken_rules: Path, book: RuleBook
) -> None:
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert_no_exception(at)
    seen = list(shown(at))
    assert seen[0] == ("warning", book.safety.disclaimer)
    assert seen[1] == ("info", book.safety.see_a_physician)
    assert ("title", "The screener is unavailable") in seen
    assert any("could not be loaded" in e.value for e in at.error)
    problems = " ".join(text for kind, text in seen if kind == "markdown")
    assert f"syndromes/{broken_rules.name}" in problems
    assert "no_such_field" in problems
    # No screening is offered while the book is broken.
    assert not [box for box in at.selectbox if box.key == "entry.pick"]


def test_without_even_the_safety_file_a_fixed_see_a_physician_message_shows(
    broken_rules: Path,
) -> None:
    (broken_rules.parents[1] / "safety.yaml").write_text("disclaimer: [", encoding="utf-8")
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert_no_exception(at)
    assert at.error[0].value == UNAVAILABLE
    assert "safety.yaml" in " ".join(text for _, text in shown(at))


def test_the_pdf_library_is_not_loaded_until_a_pdf_is_asked_for() -> None:
    # A fresh interpreter, because other tests import the PDF module on purpose.
    script = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"at = AppTest.from_file({str(APP)!r}, default_timeout=60).run()\n"
        "at.selectbox(key='entry.pick').set_value('finding:seizures').run()\n"
        "assert at.get('download_button'), 'no download button'\n"
        "print(sorted(m for m in sys.modules if m.startswith(('fpdf', 'screener.pdf'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=APP.parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
