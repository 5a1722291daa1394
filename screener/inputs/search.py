"""Find what a learner means: case-insensitive search over labels and synonyms that forgives word
order, the small words between and the ending a word was typed with."""

from __future__ import annotations

MAX_SEARCH_CHARS = 100
"""Only this much of a search is read (the longest label is far shorter), so a pasted megabyte
costs no more than a word; the search box can take it as its `max_chars`."""

LINKING_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "with", "after", "before"}
    | {"when", "while", "is", "are", "was", "by", "for", "from"}
)
"""Words a learner puts between the ones that matter ("improve after exercise"): a name need not
hold them for the search to find it."""

ENDINGS = ("ing", "ed", "es", "s")
"""Endings taken off a typed word, so "improved" finds "improves" and "cramping" "cramps"; a word
is never cut below three letters ("legs" becomes "leg", "gas" stays "gas")."""


def _normalise(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


def _stem(word: str) -> str:
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def text_matches(line: str, names: str, query: str) -> bool:
    """Whether `query` names an item shown as `line`: as one piece of the line, or word by word
    in any order, each word (its ending aside) somewhere in the item's `names`, the linking
    words aside."""
    wanted = _normalise(query[:MAX_SEARCH_CHARS])
    if not wanted or wanted in _normalise(line):
        return True
    words = [w for w in wanted.split() if w not in LINKING_WORDS] or wanted.split()
    held = _normalise(names)
    return all(_stem(word) in held for word in words)
