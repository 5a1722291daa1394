"""What the Screen page's picker offers, and finding an item by the words typed.

The browser lists the picker's lines that hold the text typed as one piece. Enter sends the text
itself; where no line holds it ("mouth dry", "cramping"), `find` looks its words up in any order:
each word, as typed or cut to its stem (Snowball's English stemmer: "cramping" is "cramp",
"bruises" "bruis"), must begin a word of the item's label or of one of its synonyms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache
from typing import NamedTuple, Protocol

import snowballstemmer

from screener.inputs.form import PickKind, pick_token
from screener.models import BodySystem
from screener.rulebook import RuleBook

MAX_TYPED_WORDS = 20
"""More words than any label has: a longer text (a pasted note) is not a search."""

_WORD = re.compile(r"[^\W_]+")

FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "after", "at", "before", "by", "for", "from", "in", "into", "is", "of"}
    | {"on", "or", "the", "then", "to", "up", "when", "with"}
)
"""Words a learner types between the ones that name a finding ("improve after exercise"); a
label need not hold them. "No", "not" and "without" are not among them: they turn a finding
round, so a name must hold them too."""


class Named(Protocol):
    """A rule-book item the picker offers: a finding, cancer, antibody or lab test."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def synonyms(self) -> tuple[str, ...]: ...


class Pickable(NamedTuple):
    kind: PickKind
    item: Named
    system: BodySystem | None
    """A finding's body system; None for the other kinds."""


def pickable(book: RuleBook) -> Iterator[Pickable]:
    """Every item the picker offers, in its order: lab tests first, then findings by body
    system, known cancers and antibodies. A lab word ("sodium", "calcium") is typed for its
    value far more often than for the yes/no finding that also names it."""
    for lab in book.labs:
        yield Pickable("lab", lab, None)
    for system in book.systems:
        for finding in system.findings:
            if finding.id in book.enterable_findings:
                yield Pickable("finding", finding, system)
    for cancer in book.cancers:
        yield Pickable("cancer", cancer, None)
    for antibody in book.antibodies:
        yield Pickable("antibody", antibody, None)


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """A text's words, lower case and without accents ("Sjögren" is "sjogren")."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    return _WORD.findall("".join(c for c in plain if not unicodedata.combining(c)))


class Word(NamedTuple):
    text: str
    stem: str


def _words(texts: list[str]) -> tuple[Word, ...]:
    return tuple(map(Word, texts, _stemmer().stemWords(texts)))


class Names(NamedTuple):
    token: str
    names: tuple[tuple[Word, ...], ...]
    """The words of the label, then of each synonym."""


def word_index(book: RuleBook) -> tuple[Names, ...]:
    """What `find` searches, built once per rule book (the app keeps it with the picker's
    lines)."""
    return tuple(
        Names(
            pick_token(p.kind, p.item.id),
            tuple(_words(words(name)) for name in (p.item.label, *p.item.synonyms)),
        )
        for p in pickable(book)
    )


def _begins(typed: Word, word: Word) -> bool:
    # A word half typed ("positiv") can have a longer stem than the whole word ("posit"), so
    # the text as typed counts as well as its stem.
    return word.text.startswith(typed.text) or word.stem.startswith(typed.stem)


def _covers(typed: tuple[Word, ...], name: tuple[Word, ...]) -> bool:
    return all(any(_begins(t, word) for word in name) for t in typed)


def first_line_holding(lines: Mapping[str, str], text: str) -> str | None:
    """The first of the picker's lines (token → line) that holds `text` as one piece, case
    aside: the line Streamlit's "contains" filter lists first (it compares lower case)."""
    wanted = text.lower()
    return next((token for token, line in lines.items() if wanted in line.lower()), None)


def find(index: tuple[Names, ...], text: str) -> tuple[str, ...]:
    """The pick tokens of the items whose names hold every word typed, in any order: those the
    label holds first, then one synonym, then the names together; shorter names first, then the
    picker's order."""
    typed = _words(list(dict.fromkeys(w for w in words(text) if w not in FUNCTION_WORDS)))
    if not typed or len(typed) > MAX_TYPED_WORDS:
        return ()
    ranked = []
    for order, entry in enumerate(index):
        rank = next(
            (
                (0 if i == 0 else 1, len(name))
                for i, name in enumerate(entry.names)
                if _covers(typed, name)
            ),
            None,
        )
        if rank is None and _covers(typed, tuple(w for name in entry.names for w in name)):
            rank = (2, sum(map(len, entry.names)))
        if rank is not None:
            ranked.append((*rank, order, entry.token))
    return tuple(token for *_, token in sorted(ranked))
