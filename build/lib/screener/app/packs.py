"""The teacher's case pack named by the environment, beside the rule book's own cases.

It is read once per change of its files. A broken pack is refused whole, with every problem
located; the rule book's own cases are shown all the same.
"""

from __future__ import annotations

import streamlit as st

from screener import settings
from screener.models import TeachingCase
from screener.rulebook import FilesStamp, RuleBook, RuleBookError
from screener.rulebook.case_pack import LoadedCases, pack_stamp
from screener.validate import validate_case_pack


@st.cache_resource(show_spinner="Loading the case pack…", max_entries=4)
def _cached_pack(
    folder: str, stamp: FilesStamp, book_hash: str, _book: RuleBook
) -> LoadedCases | RuleBookError:
    # Keyed on the pack's files and returning the error rather than raising it (Streamlit keeps
    # no exception), so a broken pack is checked once per change of its files, not on every
    # visit: a big one takes seconds.
    try:
        return validate_case_pack(folder, _book)
    except RuleBookError as error:
        return error


def case_pack(book: RuleBook) -> LoadedCases | RuleBookError | None:
    """The pack `PNS_CASE_PACK` names, the error naming every problem in it, or None."""
    folder = settings.current().case_pack
    if not folder:
        return None
    return _cached_pack(folder, pack_stamp(folder), book.content_hash, book)


def teaching_cases(book: RuleBook, pack: LoadedCases | RuleBookError | None) -> list[TeachingCase]:
    """The rule book's cases, then the pack's (none if the pack is broken)."""
    return [*book.cases, *(pack.cases if isinstance(pack, LoadedCases) else ())]
