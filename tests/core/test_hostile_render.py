"""Markup and script in rule-book text reach the app and the PDF only as literal text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from screener.engine import screen
from screener.models import Profile
from screener.present.view import build_view
from screener.report.pdf import render_pdf
from screener.rulebook import load_rule_book
from tests.e2e import hostile_rules as hostile

APP = Path(__file__).resolve().parents[2] / "streamlit_app.py"
# A '<' that starts a tag and is not backslash-escaped for Markdown.
RAW_TAG = re.compile(r"(?<!\\)<[A-Za-z/!]")


@pytest.fixture
def hostile_dir(tmp_path: Path) -> Path:
    return hostile.write_hostile_rules(tmp_path / "rules")


def test_markup_reaches_the_app_only_escaped(
    hostile_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PNS_RULES_DIR", str(hostile_dir))
    app = AppTest.from_file(str(APP), default_timeout=30)
    app.query_params.update({"f": "a,b,c", "c": "sclc"})
    app.run()
    assert not app.exception
    app.session_state["card-1-alpha-about"] = True
    app.run()
    texts = [m.value for m in app.markdown] + [m.label for m in app.multiselect]
    shown = "\n".join(texts)
    assert "alert(1)" in shown
    assert "alert(2)" in shown
    assert [t for t in texts if RAW_TAG.search(t)] == []
    # The page's only HTML is its own stylesheet: nothing from the rule book.
    for html in app.get("html"):
        body = html.proto.body
        assert body.startswith("<style>") and "alert(" not in body and "Finding A" not in body
    # The picker's options are plain text, never Markdown: the label shows exactly as written.
    picker = app.selectbox(key="entry.pick").options
    assert any(option.startswith(hostile.FINDING_LABEL) for option in picker)
    # Chip labels are Markdown, so the same label reaches them escaped.
    chip_labels = [o for group in app.pills for o in group.options]
    assert any("alert(2)" in o for o in chip_labels)
    assert [o for o in chip_labels if RAW_TAG.search(o)] == []


def test_markup_is_printed_literally_in_the_pdf(hostile_dir: Path) -> None:
    book = load_rule_book(hostile_dir)
    result = screen(Profile(findings=("a", "b", "c"), cancers=("sclc",)), book)
    assert result.matches[0].syndrome == hostile.SYNDROME
    pdf = render_pdf(build_view(result, book))
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    assert hostile.SUMMARY in text
    assert hostile.FINDING_LABEL in text
