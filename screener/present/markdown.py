"""Make text safe to hand to a Markdown renderer: nothing in it can become HTML, a link, a colour,
an icon or an emoji, or load anything.

Two kinds of text reach the app's Markdown elements: plain text (labels and names from the rule
book, anything from a URL), which must show exactly as written, and the rule book's teaching text,
which is Markdown on purpose but must stay inert (no HTML, links or remote images).

Plain text is laid out as one run of words: each line break in it becomes a space and leading
indentation goes, so a piece can never end the paragraph, heading, list item or table cell it is
put in, nor start a block of its own (code, a table, a heading); a browser shows it the same.

Backslash escapes stop Markdown syntax and Streamlit's directives (`:red[…]`). They cannot stop
what is found in the text *after* escapes are read: GitHub-flavoured Markdown's autolinks
(`https://…`, `www.…`, `name@host.tld`), and emoji shortcodes (`:rocket:`), which Streamlit
converts everywhere in an element once any raw shortcode appears in its source, even in a code
span. So a WORD JOINER (U+2060, invisible, never a line break) is put where it breaks each
pattern: after the colon of `://`, between `www` and its dot, after `@`, and after a colon that
could open a shortcode or a directive. The text still reads the same.
"""

from __future__ import annotations

import re
from urllib.parse import quote

WORD_JOINER = "\u2060"
LINK_SAFE = ":/?#@!$&*+,;=%~-._"
"""What a link's address keeps unquoted; the rest is percent-encoded, so it cannot end the link."""

# Every line break CommonMark, a browser or Python knows (NEL and the Unicode separators too).
_LINE_BREAK = re.compile(r"\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")
# Every character that can start Markdown, HTML or Streamlit directive syntax within a line.
# CommonMark lets any ASCII punctuation be escaped with a backslash, and it shows as itself.
_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~$&!:/])")
# A start that makes a list, quote, heading or setext underline.
_LINE_START = re.compile(r"^([-+=]|\d+[.)])")
# Where a bare address would start an autolink: `scheme:`+`//`, `www`+`.`, `@`.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
# A colon right before a word character can open a directive (`:red[`), a shortcode (`:rocket:`,
# `:+1:`) or an icon (`:material/home:`, which Streamlit reads even inside code spans).
_COLON = re.compile(r"(?<=:)(?=[\w+\-])")


def _defused(text: str) -> str:
    """`text` with a word joiner wherever it would become a link, an emoji or an icon."""
    return _COLON.sub(WORD_JOINER, _AUTOLINK.sub(WORD_JOINER, text))


def plain_markdown(text: str) -> str:
    """`text` escaped so that a Markdown renderer shows it literally, on one line."""
    one_line = _LINE_BREAK.sub(" ", text).lstrip(" \t")
    escaped = _INLINE.sub(r"\\\1", _defused(one_line))
    # The marker's last character is the one to escape: "-" -> "\-", "1." -> "1\.".
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)


def inert_markdown(text: str) -> str:
    """Teaching Markdown with every way to raw HTML, a link, a remote image, maths, a colour, an
    icon or an emoji switched off; emphasis, lists and headings keep working."""
    # Character references decode to text, never to syntax, whatever backslashes precede them.
    text = text.replace("<", "&lt;").replace("[", "&#91;").replace("$", "&#36;")
    # A backslash would show inside a code span, so colons get only the invisible joiner.
    return _defused(text)


def markdown_link(text: str, url: str) -> str:
    """A Markdown link whose text shows literally and whose address cannot break out of it."""
    return f"[{plain_markdown(text)}]({quote(url, safe=LINK_SAFE)})"
