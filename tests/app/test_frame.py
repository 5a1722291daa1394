"""The frame: the safety wording on every page, and the error page for a broken rule book."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from screener.app import book_state, components, entry, results
from screener.app.pages import PAGES as APP_PAGES
from screener.models import Profile, SafetyText
from screener.present import words
from screener.rulebook import DEFAULT_RULES_DIR, RuleBook
from screener.settings import RULES_DIR_ENV
from tests.app.conftest import (
    APP,
    CHIPS,
    PAGES,
    assert_framed,
    assert_no_exception,
    button,
    chips,
    open_link,
    page_text,
    shown,
)

PAGE_TITLES = {page.key: page.title for page in APP_PAGES}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_with_the_disclaimer_and_see_a_physician(
    app: AppTest, book: RuleBook, page: str
) -> None:
    app.switch_page(PAGES[page]).run()
    assert_no_exception(app)
    seen = list(shown(app))
    assert_framed(seen, book.safety.disclaimer, book.safety.see_a_physician)
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
    assert_framed(seen, book.safety.disclaimer, book.safety.see_a_physician)
    assert ("title", "The screener is unavailable") in seen
    assert any("could not be loaded" in e.value for e in at.error)
    problems = " ".join(text for kind, text in seen if kind == "markdown")
    assert f"syndromes/{broken_rules.name}" in problems
    assert "no_such_field" in problems
    # No screening is offered while the book is broken.
    assert not [box for box in at.selectbox if box.key == "entry.pick"]


HOSTILE_SAFETY = {
    # One of each way a file fails: YAML syntax, a value YAML cannot build, a construct rule
    # files refuse, bytes that are not text, and a folder where the file should be.
    "cut_short": "disclaimer: [",
    "invalid_date": "disclaimer: 2024-02-30\n",
    "merge_key": "<<: {disclaimer: x}\n",
    "not_utf8": b"disclaimer: caf\xe9\n",
    "a_folder": None,
}


@pytest.mark.parametrize("content", HOSTILE_SAFETY.values(), ids=HOSTILE_SAFETY.keys())
def test_a_broken_safety_file_still_shows_a_disclaimer_and_see_a_physician(
    broken_rules: Path, content: str | bytes | None
) -> None:
    safety = broken_rules.parents[1] / "safety.yaml"
    if content is None:
        safety.unlink()
        safety.mkdir()
    else:
        safety.write_bytes(content.encode() if isinstance(content, str) else content)
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert_no_exception(at)
    seen = list(shown(at))
    assert_framed(seen, words.FALLBACK_DISCLAIMER, words.FALLBACK_SEE_A_PHYSICIAN)
    assert ("title", "The screener is unavailable") in seen
    assert "rules/safety.yaml" in page_text(at)


def test_whatever_goes_wrong_reading_the_safety_file_the_frame_shows(
    broken_rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(folder: str) -> None:
        raise RecursionError(folder)

    monkeypatch.setattr(book_state, "load_safety_text", failing)
    monkeypatch.setattr(book_state, "load_rule_book", failing)
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert_no_exception(at)
    seen = list(shown(at))
    assert_framed(seen, words.FALLBACK_DISCLAIMER, words.FALLBACK_SEE_A_PHYSICIAN)
    assert "could not be read (RecursionError" in page_text(at)


def _counted_reads(monkeypatch: pytest.MonkeyPatch, loader: str) -> list[str]:
    """The folders `book_state`'s `loader` reads from here on, one entry per read."""
    reads: list[str] = []
    load = getattr(book_state, loader)

    def counted_load(folder: str) -> RuleBook | SafetyText:
        reads.append(folder)
        return load(folder)

    monkeypatch.setattr(book_state, loader, counted_load)
    return reads


def test_a_broken_book_is_read_once_until_its_files_change(
    broken_rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _counted_reads(monkeypatch, "load_rule_book")
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    at.run()
    AppTest.from_file(str(APP), default_timeout=30).run()
    assert len(reads) == 1
    broken_rules.write_text(broken_rules.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    at.run()
    assert len(reads) == 2
    assert_no_exception(at)
    assert ("title", "The screener is unavailable") in list(shown(at))


def test_the_safety_text_is_read_again_when_its_own_file_changes_and_only_then(
    broken_rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _counted_reads(monkeypatch, "load_safety_text")
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    broken_rules.write_text(broken_rules.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    at.run()
    assert len(reads) == 1, "another rule file changed, not the safety text"
    safety = broken_rules.parents[1] / "safety.yaml"
    reworded = safety.read_text(encoding="utf-8").replace(
        "Educational tool, not a diagnosis.", "Educational tool, never a diagnosis."
    )
    assert reworded != safety.read_text(encoding="utf-8")
    safety.write_text(reworded, encoding="utf-8")
    at.run()
    assert len(reads) == 2
    assert "never a diagnosis" in page_text(at)


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


# --- Nothing that fails hides the safety frame ------------------------------------------------


def _framed_failure_page(at: AppTest, book: RuleBook) -> None:
    """The app's own page for an unexpected error: the safety frame first, then the words."""
    assert_no_exception(at)
    seen = list(shown(at))
    assert_framed(seen, book.safety.disclaimer, book.safety.see_a_physician)
    assert ("title", words.FAILURE_HEADING) in seen


def test_a_chip_click_a_stopped_run_left_behind_is_ignored_not_a_crash(
    app: AppTest, book: RuleBook
) -> None:
    # A quick click just after Step back can stop the step's run half-way, after it dropped the
    # chips' values to reload them and before it drew them again. The click, on the case before
    # the step, then reaches its callback with no value under its key.
    open_link(app, Profile(findings=("ptosis", "dry_mouth")))
    app.pills(key=CHIPS + "eyes").unselect("ptosis")
    del app.session_state[CHIPS + "eyes"]
    app.run()
    assert_no_exception(app)
    seen = list(shown(app))
    assert_framed(seen, book.safety.disclaimer, book.safety.see_a_physician)
    assert chips(app) == {"eyes": ["ptosis"], "autonomic_digestive": ["dry_mouth"]}


def test_an_error_in_a_callback_shows_the_framed_error_page(
    app: AppTest, book: RuleBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_link(app, Profile(findings=("ptosis", "dry_mouth")))

    def failing(*args: object) -> None:
        raise RuntimeError("a mistake in the code")

    monkeypatch.setattr(entry, "with_system_findings", failing)
    app.pills(key=CHIPS + "eyes").unselect("ptosis").run()
    _framed_failure_page(app, book)
    # The next run draws the page again.
    monkeypatch.undo()
    button(app, words.FAILURE_TRY_AGAIN).click().run()
    assert_no_exception(app)
    assert ("title", PAGE_TITLES["screen"]) in list(shown(app))


@pytest.mark.parametrize("page", PAGES)
def test_an_error_drawing_any_page_shows_the_framed_error_page(
    app: AppTest, book: RuleBook, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    def failing(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a mistake in the code")

    # Halfway down each page: after its title, inside the Screen page's results fragment.
    monkeypatch.setattr(components, "link_notices", failing)
    monkeypatch.setattr(results, "results_side", failing)
    app.query_params["unknown"] = "1"
    app.switch_page(PAGES[page]).run()
    _framed_failure_page(app, book)
    assert ("title", PAGE_TITLES[page]) not in list(shown(app))
