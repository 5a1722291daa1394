"""A picker that also finds by words: a selectbox whose Enter sends the text typed, and what
the text found drawn under it. The Screen page's picker and Explore's finding look-up use it.

Streamlit lists the lines holding the text typed as one piece under "Add: …", the text itself,
which Enter sends. `resolve` takes the first line listed, or, where none is, looks the words up in
any order (`screener.inputs.find`). Streamlit's fuzzy filter was tried: on lines this long,
holding every synonym, letters in order match almost any line ("mouth dry" offered an unsteady
gait first). A multiselect lists "Add: …" last, but stays open over the page after a pick.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import streamlit as st

from screener.inputs.find import Search, WordIndex, find, first_line_holding, word_index
from screener.inputs.form import PickKind, pick_label
from screener.present.markdown import plain_markdown as plain
from screener.present.picker import (
    FOUND_CHOOSE,
    FOUND_LEFT_OUT,
    FOUND_MORE,
    FOUND_NONE,
    FOUND_ONE,
    pick_options,
)
from screener.rulebook import RuleBook

MAX_FOUND_SHOWN = 8
MAX_TYPED_CHARS = 200


class Lines(NamedTuple):
    tokens: list[str]
    texts: dict[str, str]
    names: WordIndex


@st.cache_resource(show_spinner=False, max_entries=8)
def lines(content_hash: str, _book: RuleBook, kinds: tuple[PickKind, ...]) -> Lines:
    """The picker's lines of these kinds, and what `find` searches, once per rule book."""
    texts = {o.token: o.text for o in pick_options(_book) if o.token.partition(":")[0] in kinds}
    return Lines(list(texts), texts, word_index(_book, kept=texts))


class Found(NamedTuple):
    """What the words typed found, where no line held them: the one item taken, several to
    choose from, or none."""

    typed: str
    search: Search

    @property
    def taken(self) -> str | None:
        tokens = self.search.tokens
        return tokens[0] if len(tokens) == 1 else None


def resolve(picker: Lines, value: str) -> tuple[str | None, Found | None]:
    """The item a picker's value names (a line chosen, or the text typed), and what the words
    found where no line holds the text."""
    if value in picker.texts:
        return value, None
    token = first_line_holding(picker.texts, value)
    if token is not None:
        return token, None
    typed = value[:MAX_TYPED_CHARS]
    found = Found(typed, find(picker.names, typed))
    return found.taken, found


def word_picker(
    label: str,
    picker: Lines,
    *,
    key: str,
    placeholder: str,
    help: str,
    on_change: Callable[..., None],
    args: tuple[object, ...],
) -> None:
    st.selectbox(
        label,
        options=picker.tokens,
        index=None,
        format_func=lambda value: picker.texts.get(value, value),
        placeholder=placeholder,
        help=help,
        filter_mode="contains",
        accept_new_options=True,
        key=key,
        on_change=on_change,
        args=args,
    )


def draw_found(
    found: Found,
    book: RuleBook,
    *,
    key: str,
    on_choose: Callable[..., None],
    args: tuple[object, ...],
) -> None:
    """Under the picker: the one item the words found, a choice among several, or none."""
    typed = plain(found.typed)
    tokens = found.search.tokens
    left_out = (
        FOUND_LEFT_OUT.format(words=plain(", ".join(found.search.left_out)))
        if found.search.left_out
        else ""
    )
    if found.taken:
        label = plain(pick_label(found.taken, book))
        st.caption(FOUND_ONE.format(typed=typed, label=label, left_out=left_out))
    elif not tokens:
        st.info(FOUND_NONE.format(typed=typed), icon=":material/search_off:")
    else:
        shown = tokens[:MAX_FOUND_SHOWN]
        st.pills(
            FOUND_CHOOSE.format(typed=typed, left_out=left_out),
            options=shown,
            format_func=lambda token: plain(pick_label(token, book)),
            key=key,
            on_change=on_choose,
            args=args,
        )
        if len(tokens) > len(shown):
            st.caption(FOUND_MORE.format(n=len(tokens) - len(shown)))
