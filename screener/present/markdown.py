"""Make text safe to hand to a Markdown renderer: nothing in it can become HTML or load anything.

Two kinds of text reach the app's Markdown elements: plain text (labels and names from the rule
book, anything from a URL), which must show exactly as written, and the rule book's teaching text,
which is Markdown on purpose but must stay inert (no HTML, no remote images).
"""

from __future__ import annotations

import re
from urllib.parse import quote

# Every character that can start Markdown or HTML syntax within a line. CommonMark lets any ASCII
# punctuation be escaped with a backslash, and the escaped character shows as itself.
_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~$&!])")
# Line starts that make a list, quote, heading or setext underline.
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])", re.MULTILINE)


def plain_markdown(text: str) -> str:
    """`text` escaped so that a Markdown renderer shows it literally."""
    escaped = _INLINE.sub(r"\\\1", text)
    # The marker's last character is the one to escape: "-" -> "\-", "1." -> "1\.".
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], escaped)


def inert_markdown(text: str) -> str:
    """Teaching Markdown with every way to raw HTML or a remote image switched off."""
    # Character references decode to text, never to syntax, whatever backslashes precede them.
    return text.replace("<", "&lt;").replace("![", "!&#91;")


def markdown_link(text: str, url: str) -> str:
    """A Markdown link whose text shows literally and whose address cannot break out of it."""
    return f"[{plain_markdown(text)}]({quote(url, safe=':/?#@!$&*+,;=%~-._')})"


def markdown_code(text: str) -> str:
    """Inline code showing `text` literally (escapes do not work inside code spans)."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if "`" in text else f"{fence}{text}{fence}"
