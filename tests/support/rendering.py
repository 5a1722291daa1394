"""What a Markdown source would render as, for tests of untrusted text: the links GitHub-flavoured
Markdown would find in it, and the Streamlit directives, shortcodes and icons it would draw."""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"

# Autolink literals as remark finds them in text after escapes are read
# (mdast-util-gfm-autolink-literal); Python's \w is wider than JavaScript's, so this is stricter.
AUTOLINKS = (
    re.compile(r"(https?://|www(?=\.))[-.\w]+", re.IGNORECASE),
    re.compile(r"[-.\w+]+@[-\w]+(\.[-\w]+)+"),
)
# Streamlit's directives (`:red[x]`, `:small[x]`): a colon that is not escaped, then a name.
DIRECTIVE = re.compile(r"(?<!\\):[A-Za-z]")
# Streamlit loads its emoji plugin when the raw source (code spans too) has a shortcode, and the
# plugin then converts every shortcode in the text as read, escaped or not.
SOURCE_SHORTCODE = re.compile(r":(?!material/|streamlit:)[\w+-][\w_+-]*:")
SHORTCODE = re.compile(r":[\w+-]+:")
# Streamlit rewrites icons in the raw source, code spans too.
ICON = re.compile(r":material/", re.IGNORECASE)
# Apart from the above, a code span shows its text as written.
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
# Text that invites each kind of rendering.
INVITING = (
    "https://evil.example/login",
    "www.evil.example",
    "me@evil.example",
    ":red[alarm]",
    ":rocket:",
    ":material/home:",
)


def as_read(source: str) -> str:
    """The text a Markdown renderer finds once backslash escapes are read."""
    return re.sub(r"\\(.)", r"\1", source, flags=re.DOTALL)


def as_shown(source: str) -> str:
    """The characters a reader sees (escapes read, invisible joiners gone)."""
    return as_read(source).replace(WORD_JOINER, "")


def live_parts(source: str) -> list[str]:
    """Everything in a Markdown source that would render as a link, a colour, an icon or an emoji
    instead of as the characters written."""
    text = CODE_SPAN.sub(" ", source)
    read = as_read(text)
    in_source = [m.group(0) for p in (ICON, SOURCE_SHORTCODE) for m in p.finditer(source)]
    in_text = [m.group(0) for p in (*AUTOLINKS, SHORTCODE) for m in p.finditer(read)]
    return in_source + in_text + [m.group(0) for m in DIRECTIVE.finditer(text)]
