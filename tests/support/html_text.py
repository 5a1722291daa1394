"""What a reader sees of the app's own HTML (a result card's body, `screener.app.card_html`):
its text, block by block, and its headings, with character references read as the characters
they stand for. An icon (`aria-hidden`, or a named `role="img"`) is a picture, not text."""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = frozenset({"div", "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "br", "details"})
CARD_TAGS = frozenset({"div", "h3", "p", "ul", "li", "strong", "span", "br", "a"})
"""Every tag a result card's HTML may hold: the card's own markup, nothing else."""
VOID = frozenset({"br", "img", "hr", "input", "meta", "link"})


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.headings: list[tuple[int, str]] = []
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self._open: list[tuple[str, bool]] = []
        self._heading: list[str] | None = None

    @property
    def _hidden(self) -> bool:
        return any(hidden for _, hidden in self._open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        if tag in BLOCKS:
            self.lines.append("")
        if tag in VOID:
            return
        found = dict(attrs)
        hidden = found.get("aria-hidden") == "true" or found.get("role") == "img"
        self._open.append((tag, hidden))
        if tag in {"h1", "h2", "h3", "h4"}:
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self._open:
            opened, _ = self._open.pop()
            if opened == tag:
                break
        if tag in {"h1", "h2", "h3", "h4"} and self._heading is not None:
            self.headings.append((int(tag[1]), " ".join("".join(self._heading).split())))
            self._heading = None
        if tag in BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        self.lines[-1] += data
        if self._heading is not None:
            self._heading.append(data)


def read(body: str) -> _Reader:
    reader = _Reader()
    reader.feed(body)
    reader.close()
    return reader


def html_text(body: str) -> str:
    """The text a reader sees, a line per block, spaces collapsed as a browser does."""
    lines = (" ".join(line.split()) for line in read(body).lines)
    return "\n".join(line for line in lines if line)


def html_headings(body: str, level: int) -> list[str]:
    return [text for found, text in read(body).headings if found == level]


def html_tags(body: str) -> set[str]:
    """Every tag the HTML opens."""
    return set(read(body).tags)


def html_attributes(body: str) -> set[str]:
    """Every attribute name the HTML's tags carry."""
    return set(read(body).attributes)
