"""What the Screen page's picker offers, and finding an item by the words typed.

The browser lists the picker's lines that hold the text typed as one piece. Enter sends the text
itself; where no line holds it ("mouth dry", "cramping"), `find` looks its words up in any order:
each word, as typed or cut to its stem (Snowball's English stemmer: "cramping" is "cramp",
"bruises" "bruis"), must begin a word of the item's label or of one of its synonyms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterator, Mapping
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


class WordIndex(NamedTuple):
    """What `find` searches: the items' names, and every word they hold."""

    entries: tuple[Names, ...]
    vocabulary: frozenset[Word]


def word_index(book: RuleBook, kept: Container[str] | None = None) -> WordIndex:
    """What `find` searches, built once per rule book (the app keeps it with the picker's
    lines): every item the picker offers, or the `kept` tokens only."""
    items = ((pick_token(p.kind, p.item.id), p.item) for p in pickable(book))
    entries = tuple(
        Names(token, tuple(_words(words(name)) for name in (item.label, *item.synonyms)))
        for token, item in items
        if kept is None or token in kept
    )
    vocabulary = frozenset(word for entry in entries for name in entry.names for word in name)
    return WordIndex(entries, vocabulary)


def _begins(typed: Word, word: Word) -> bool:
    # A word half typed ("positiv") can have a longer stem than the whole word ("posit"), so
    # the text as typed counts as well as its stem.
    return word.text.startswith(typed.text) or word.stem.startswith(typed.stem)


Begun = tuple[frozenset[Word], ...]
"""For each word typed, the words of the index it begins."""


def _covers(begun: Begun, name: tuple[Word, ...]) -> bool:
    return all(not words.isdisjoint(name) for words in begun)


def first_line_holding(lines: Mapping[str, str], text: str) -> str | None:
    """The first of the picker's lines (token → line) that holds `text` as one piece, case
    aside: the line Streamlit's "contains" filter lists first (it compares lower case)."""
    wanted = text.lower()
    return next((token for token, line in lines.items() if wanted in line.lower()), None)


class Search(NamedTuple):
    tokens: tuple[str, ...]
    """The items found, best first."""
    left_out: tuple[str, ...] = ()
    """Words typed that begin no word of any name ("painless" in "painless jaundice"): searched
    without, and said, so the learner knows what the list does not hold. Only such words: one
    some name holds is never dropped to find more, so an ordinary word typed beside it cannot
    reach a specific or emergency finding ("sudden dizziness" does not offer sudden
    unsteadiness)."""


def _rank(begun: Begun, entry: Names) -> tuple[int, int] | None:
    """Where an item ranks for these words: its label holds them all, one synonym does, or
    its names do together (shorter names first); None if they do not."""
    for i, name in enumerate(entry.names):
        if _covers(begun, name):
            return (0 if i == 0 else 1, len(name))
    if _covers(begun, tuple(w for name in entry.names for w in name)):
        return (2, sum(map(len, entry.names)))
    return None


def find(index: WordIndex, text: str) -> Search:
    """The items whose names hold every word typed, in any order: those the label holds first,
    then one synonym, then the names together; shorter names first, then the picker's order.
    A word no name holds is left out (`Search.left_out`); if every word is such, nothing is
    found."""
    # A letter alone (the "b" of a pasted "<b>") begins too many words to narrow anything.
    wanted = (w for w in words(text) if w not in FUNCTION_WORDS and len(w) > 1)
    typed = _words(list(dict.fromkeys(wanted)))
    if not typed or len(typed) > MAX_TYPED_WORDS:
        return Search(())
    begins = {t: frozenset(w for w in index.vocabulary if _begins(t, w)) for t in typed}
    begun = tuple(words for words in begins.values() if words)
    if not begun:
        return Search(())
    ranked = [
        (*rank, order, entry.token)
        for order, entry in enumerate(index.entries)
        if (rank := _rank(begun, entry)) is not None
    ]
    left_out = tuple(t.text for t, words in begins.items() if not words)
    return Search(tuple(token for *_, token in sorted(ranked)), left_out)
