"""Untrusted text in the app: what a link or a broken rule file says is quoted as the characters
written, never as a link, a colour, an icon or an emoji."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from screener.inputs.numbers import shown
from screener.report.csv_table import FORMULA_STARTS
from screener.settings import RULES_DIR_ENV
from tests.app.conftest import APP, PAGES, assert_no_exception, open_page
from tests.support.books import MINI_RULES
from tests.support.rendering import INVITING, as_shown, live_parts
from tests.support.rule_files import replace_in

BAIT = " ".join(INVITING)


def _elements(at: AppTest) -> list[str]:
    return [str(node.value) for node in at.main if node.type in {"markdown", "warning", "error"}]


def test_a_crafted_link_is_quoted_literally_in_its_notice(app: AppTest) -> None:
    app.query_params.update({"f": f"seizures,{INVITING[0]}", "sex": INVITING[3], BAIT: "1"})
    app.run()
    assert_no_exception(app)
    (notice,) = [w.value for w in app.warning if "Parts of the link were ignored" in w.value]
    assert live_parts(notice) == []
    shown = as_shown(notice)
    assert f"unknown finding '{INVITING[0]}'" in shown
    assert f"unknown sex '{INVITING[3]}'" in shown
    assert f"unknown parameter '{BAIT[:40]}…'" in shown


CRAFTED = (
    "x\n\n[Verify account](https://evil.example/x)\n\n![i](https://evil.example/p.png)\n"
    "# Heading\n| a | b |\n|---|---|\n    code\n`tick` <b>bold</b> :red[alarm] :rocket:"
)
"""A value that, written as it is into Markdown, would make a link, an image, a heading, a
table, code, HTML, a colour and an emoji."""
READS = {"screen": "f", "explore": "rule", "cases": "case", "class": "join", "learn": "section"}
"""A parameter each page is given: one it reads, or one it does not."""


@pytest.mark.parametrize("page", PAGES)
def test_every_page_quotes_a_crafted_link_in_its_notice_one_line_per_problem(
    app: AppTest, page: str
) -> None:
    app.query_params.update({READS[page]: CRAFTED, CRAFTED: "1"})
    open_page(app, page)
    (notice,) = [w.value for w in app.warning if "Parts of the link were ignored" in w.value]
    problems = notice.split("\n\n", 1)[1]
    lines = problems.split("\n")
    assert all(line.startswith("- ") for line in lines), lines
    assert live_parts(notice) == []
    assert f"unknown parameter {shown(CRAFTED, 40)}" in as_shown(notice)


@pytest.fixture
def hostile_book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small rule book that fails to load, its problems quoting an address and directives."""
    rules = tmp_path / "rules"
    shutil.copytree(MINI_RULES, rules)
    replace_in(rules / "syndromes" / "neurologic.yaml", "  key: a\n", f"  key: a\n  '{BAIT}': 1\n")
    (rules / "syndromes" / "www.evil.example.yaml").write_text("- x\n", encoding="utf-8")
    monkeypatch.setenv(RULES_DIR_ENV, str(rules))
    return rules


def test_the_rule_book_error_page_quotes_problems_literally(hostile_book: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert_no_exception(at)
    elements = _elements(at)
    assert [part for element in elements for part in live_parts(element)] == []
    shown = as_shown("\n".join(elements))
    assert f"unknown field '{BAIT}'" in shown
    assert "rules/syndromes/www.evil.example.yaml" in shown


HYPERLINK = '=HYPERLINK("https://evil.example/x","SCLC")'
COMMAND = "-2+3+cmd|' /C calc'!A0"
SUM = "@SUM(1+1)*cmd"
FORMULAS = {
    "cancers.yaml": {"Small cell lung cancer": HYPERLINK, "Breast cancer": COMMAND},
    "syndromes/neurologic.yaml": {"Alpha syndrome": SUM},
}


def test_the_explore_csv_never_hands_a_spreadsheet_a_formula(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, downloads: dict[str, dict[str, object]]
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(MINI_RULES, rules)
    for name, labels in FORMULAS.items():
        for old, new in labels.items():
            # A JSON string is a YAML double-quoted scalar.
            replace_in(rules / name, f": {old}", f": {json.dumps(new)}")
    monkeypatch.setenv(RULES_DIR_ENV, str(rules))
    at = open_page(AppTest.from_file(str(APP), default_timeout=30), "explore")
    at.session_state["explore.tab"] = "Cancer × syndrome links"
    at.run()
    assert_no_exception(at)
    sent = downloads["Download this table as CSV"]["data"].decode("utf-8")
    cells = [cell for row in csv.reader(io.StringIO(sent)) for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    # Each shows in a spreadsheet as its own text, behind the quote that stops it running.
    assert {f"'{HYPERLINK}", f"'{COMMAND}", f"'{SUM}"} <= set(cells)
