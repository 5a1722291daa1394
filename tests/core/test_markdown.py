"""Text from rule files or links cannot become HTML, links or formatting in the app."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from screener.present.markdown import inert_markdown, markdown_code, markdown_link, plain_markdown

SPECIAL = set("\\`*_{}[]<>#|~$&!")


def _read_back(escaped: str) -> str:
    return re.sub(r"\\(.)", r"\1", escaped, flags=re.DOTALL)


@given(st.text())
def test_plain_text_reads_back_exactly_and_every_special_character_is_escaped(text: str) -> None:
    escaped = plain_markdown(text)
    assert _read_back(escaped) == text
    unescaped = re.sub(r"\\.", "", escaped, flags=re.DOTALL)
    assert not SPECIAL & set(unescaped)


def test_script_tags_and_markdown_syntax_show_as_text() -> None:
    assert plain_markdown("<script>alert(1)</script>") == r"\<script\>alert(1)\</script\>"
    assert plain_markdown("**bold** [x](http://e.vil)") == r"\*\*bold\*\* \[x\](http://e.vil)"
    assert plain_markdown("# heading") == r"\# heading"


def test_line_starts_that_would_make_lists_or_headings_are_escaped() -> None:
    assert plain_markdown("- item\n  + more\n1. first\n2) second\n===") == (
        "\\- item\n  \\+ more\n1\\. first\n2\\) second\n\\==="
    )


@given(st.text())
def test_teaching_markdown_never_contains_raw_html_or_images(text: str) -> None:
    inert = inert_markdown(text)
    assert "<" not in inert
    assert "![" not in inert


def test_teaching_markdown_keeps_its_own_formatting() -> None:
    source = "**Key point:** see *this*\n\n- one\n- two"
    assert inert_markdown(source) == source
    assert inert_markdown("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)>"
    assert inert_markdown("![tracker](http://e.vil/p.png)") == "!&#91;tracker](http://e.vil/p.png)"


def test_a_link_shows_its_text_literally_and_its_address_cannot_break_out() -> None:
    link = markdown_link("Smith *et al* [2020]", "https://doi.org/10.1016/S1474-4422(08)70060-7")
    assert link == (
        r"[Smith \*et al\* \[2020\]](https://doi.org/10.1016/S1474-4422%2808%2970060-7)"
    )
    assert markdown_link("x", "https://e.vil/a b)<c>") == "[x](https://e.vil/a%20b%29%3Cc%3E)"


def test_code_spans_are_fenced_longer_than_any_backtick_run_inside() -> None:
    assert markdown_code("rule_id") == "`rule_id`"
    assert markdown_code("a``b") == "``` a``b ```"
