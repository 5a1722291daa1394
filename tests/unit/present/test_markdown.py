"""Text from rule files or links cannot become HTML, a link, a colour, an icon or an emoji."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from screener.present.markdown import (
    WORD_JOINER,
    inert_markdown,
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
# Every line break a renderer, a browser or Python knows, and indentation, which start blocks.
BREAKING = st.sampled_from(
    ["\n", "\n\n", "\r\n", "\r", "\v", "\f", "\x1c", "\x85", "\u2028", "\u2029", "    ", "\t"]
)
HOSTILE_TEXT = st.lists(st.text(max_size=12) | INVITING | BREAKING, max_size=6).map("".join)
LINE_BREAKS = re.compile(r"[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")


def words(text: str) -> list[str]:
    """What a browser shows of a text: its words, whatever whitespace lies between them."""
    return text.replace(WORD_JOINER, "").split()


@given(HOSTILE_TEXT)
def test_plain_text_reads_back_word_for_word_and_every_special_character_is_escaped(
    text: str,
) -> None:
    escaped = plain_markdown(text)
    # A word joiner is invisible, whether the text brought it or the escaping added it.
    assert words(rendering.as_shown(escaped)) == words(text)
    unescaped = re.sub(r"\\.", "", escaped, flags=re.DOTALL)
    assert not SPECIAL & set(unescaped)


@given(HOSTILE_TEXT)
def test_plain_text_is_one_line_that_starts_no_block(text: str) -> None:
    # A line break would let the text end the paragraph, heading, list item or table cell it is
    # put in, and leading indentation would start a block of code.
    escaped = plain_markdown(text)
    assert not LINE_BREAKS.search(escaped)
    assert not escaped.startswith((" ", "\t"))


def test_a_crafted_link_value_stays_one_inert_line() -> None:
    crafted = "x\n\n[Verify account](https://evil.example/x)\n\n    code\n# Heading"
    link = f"\\[Verify account\\](https\\:{WORD_JOINER}\\/\\/evil.example\\/x)"
    # Each line break is a space: the two before the link, and the two before the indentation.
    assert plain_markdown(crafted) == f"x  {link}{' ' * 6}code \\# Heading"


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
    element = f"{markdown_link(first, 'https://doi.org/x')} {plain_markdown(second)} "
    element += inert_markdown(third)
    assert rendering.live_parts(element.replace("(https://doi.org/x)", "")) == []


def test_bare_addresses_get_an_invisible_joiner_where_they_would_link() -> None:
    joiner = WORD_JOINER
    assert plain_markdown("https://e.vil") == f"https\\:{joiner}\\/\\/e.vil"
    assert plain_markdown("www.e.vil") == f"www{joiner}.e.vil"
    assert plain_markdown("me@e.vil") == f"me@{joiner}e.vil"


def test_starts_that_would_make_lists_or_headings_are_escaped() -> None:
    for text, escaped in (
        ("- item", "\\- item"),
        ("  + more", "\\+ more"),
        ("1. first", "1\\. first"),
        ("2) second", "2\\) second"),
        ("===", "\\==="),
    ):
        assert plain_markdown(text) == escaped
    # On one line, a marker after the start is only a character.
    assert plain_markdown("a\n- b") == "a - b"


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


def test_the_rendering_check_sees_each_inviting_text_unquoted() -> None:
    # The tests above would pass vacuously if `live_parts` saw nothing.
    for text in rendering.INVITING:
        assert rendering.live_parts(text), text
    assert rendering.live_parts(f"`{rendering.INVITING[5]}`")
    assert not rendering.live_parts(f"`{rendering.INVITING[0]} {rendering.INVITING[3]}`")
