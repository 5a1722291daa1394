"""The teacher's case pack named by the environment, beside the rule book's own cases.

It is read once per change of its files. A broken pack is refused whole, with every problem
located; the rule book's own cases are shown all the same.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from screener import settings
from screener.models import TeachingCase
from screener.rulebook import Problem, RuleBook, RuleBookError
from screener.rulebook.case_pack import PACK, LoadedCases
from screener.validate import validate_case_pack

Stamp = tuple[tuple[str, int, int], ...]


def _stamp(folder: str) -> Stamp:
    """Changes whenever a file of the pack is added, removed or edited."""
    files = sorted(Path(folder).glob("*.yaml")) if Path(folder).is_dir() else []
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)


@st.cache_resource(show_spinner="Loading the case pack…")
def _cached_pack(folder: str, stamp: Stamp, book_hash: str, _book: RuleBook) -> LoadedCases:
    # A broken pack raises, and Streamlit does not cache exceptions: a fixed file loads next run.
    return validate_case_pack(folder, _book)


def case_pack(book: RuleBook) -> LoadedCases | RuleBookError | None:
    """The pack `PNS_CASE_PACK` names, the error naming every problem in it, or None."""
    folder = settings.current().case_pack
    if not folder:
        return None
    try:
        return _cached_pack(folder, _stamp(folder), book.content_hash, book)
    except RuleBookError as error:
        return error
    except OSError as error:
        return RuleBookError([Problem(folder, None, error.strerror or str(error))], PACK)


def teaching_cases(book: RuleBook, pack: LoadedCases | RuleBookError | None) -> list[TeachingCase]:
    """The rule book's cases, then the pack's (none if the pack is broken)."""
    return [*book.cases, *(pack.cases if isinstance(pack, LoadedCases) else ())]
