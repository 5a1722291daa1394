"""Text from rule files or links cannot become HTML, a link, a colour, an icon or an emoji."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from screener.present.markdown import (
    WORD_JOINER,
    inert_markdown,
    markdown_code,
    markdown_link,
    plain_markdown,
)
from tests.support import rendering

SPECIAL = set("\\`*_{}[]<>#|~$&!:/")
# Text that invites each kind of rendering, mixed into generated text.
INVITING = st.sampled_from(
    [
        *rendering.INVITING,
        "HTTP://x.y",
        "WWW.X.Y",
        ":+1:",
        ":blue-background[x]",
        "$\\color{red}{x}$",
        "[x](https://e.vil)",
        "<b>x</b>",
        "![i](http://e.vil/p.png)",
    ]
)
HOSTILE_TEXT = st.lists(st.text(max_size=12) | INVITING, max_size=6).map("".join)


@given(HOSTILE_TEXT)
def test_plain_text_reads_back_exactly_and_every_special_character_is_escaped(text: str) -> None:
    escaped = plain_markdown(text)
    # A word joiner is invisible, whether the text brought it or the escaping added it.
    assert rendering.as_shown(escaped) == text.replace(WORD_JOINER, "")
    unescaped = re.sub(r"\\.", "", escaped, flags=re.DOTALL)
    assert not SPECIAL & set(unescaped)


@given(HOSTILE_TEXT)
def test_plain_text_never_becomes_a_link_a_colour_an_icon_or_an_emoji(text: str) -> None:
    assert rendering.live_parts(plain_markdown(text)) == []


def test_script_tags_and_markdown_syntax_show_as_text() -> None:
    assert plain_markdown("<script>alert(1)</script>") == r"\<script\>alert(1)\<\/script\>"
    assert plain_markdown("**bold** [x](e.vil)") == r"\*\*bold\*\* \[x\](e.vil)"
    assert plain_markdown("# heading") == r"\# heading"


def test_directives_shortcodes_and_icons_are_escaped_and_joined() -> None:
    joined = f"\\:{WORD_JOINER}"
    assert plain_markdown(":red[x] :rocket:") == f"{joined}red\\[x\\] {joined}rocket\\:"
    assert plain_markdown(":material/home:") == f"{joined}material\\/home\\:"


@given(HOSTILE_TEXT, HOSTILE_TEXT, HOSTILE_TEXT)
def test_quoted_pieces_stay_inert_side_by_side(first: str, second: str, third: str) -> None:
    # Streamlit switches its emoji plugin on for a whole element when any piece has a shortcode.
    element = f"{markdown_code(first)} {plain_markdown(second)} {inert_markdown(third)}"
    assert rendering.live_parts(element) == []


def test_bare_addresses_get_an_invisible_joiner_where_they_would_link() -> None:
    joiner = WORD_JOINER
    assert plain_markdown("https://e.vil") == f"https\\:{joiner}\\/\\/e.vil"
    assert plain_markdown("www.e.vil") == f"www{joiner}.e.vil"
    assert plain_markdown("me@e.vil") == f"me@{joiner}e.vil"


def test_line_starts_that_would_make_lists_or_headings_are_escaped() -> None:
    assert plain_markdown("- item\n  + more\n1. first\n2) second\n===") == (
        "\\- item\n  \\+ more\n1\\. first\n2\\) second\n\\==="
    )


@given(HOSTILE_TEXT)
def test_teaching_markdown_never_renders_html_links_images_maths_or_directives(text: str) -> None:
    inert = inert_markdown(text)
    assert "<" not in inert
    assert "[" not in inert
    assert "$" not in inert
    assert rendering.live_parts(inert) == []


def test_teaching_markdown_keeps_its_own_formatting() -> None:
    source = "**Key point:** see *this*\n\n- one\n- two\n\n## Heading"
    assert inert_markdown(source) == source
    assert inert_markdown("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)>"
    assert inert_markdown("![tracker](p.png)") == "!&#91;tracker](p.png)"
    assert inert_markdown("costs $5") == "costs &#36;5"


def test_a_link_shows_its_text_literally_and_its_address_cannot_break_out() -> None:
    link = markdown_link("Smith *et al* [2020]", "https://doi.org/10.1016/S1474-4422(08)70060-7")
    assert link == (
        r"[Smith \*et al\* \[2020\]](https://doi.org/10.1016/S1474-4422%2808%2970060-7)"
    )
    assert markdown_link("x", "https://e.vil/a b)<c>") == "[x](https://e.vil/a%20b%29%3Cc%3E)"


def test_code_spans_are_fenced_longer_than_any_backtick_run_inside() -> None:
    assert markdown_code("rule_id") == "`rule_id`"
    assert markdown_code("a``b") == "``` a``b ```"


def test_code_spans_keep_an_icon_name_literal() -> None:
    # Streamlit rewrites ':material/' in the source before Markdown sees the code span.
    assert ":material/" not in markdown_code(":material/home:")
    assert markdown_code(":material/home:").replace(WORD_JOINER, "") == "`:material/home:`"


def test_the_rendering_check_sees_each_inviting_text_unquoted() -> None:
    # The tests above would pass vacuously if `live_parts` saw nothing.
    for text in rendering.INVITING:
        assert rendering.live_parts(text), text
    assert rendering.live_parts(f"`{rendering.INVITING[5]}`")
    assert not rendering.live_parts(f"`{rendering.INVITING[0]} {rendering.INVITING[3]}`")
