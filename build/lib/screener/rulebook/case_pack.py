"""A teacher's own case pack: teaching cases kept in a folder outside the rule book.

Every `*.yaml` file in the folder is a list of cases written exactly as in `rules/cases.yaml`
(the same JSON Schema serves both). They are read by the rule files' own reader and checked
against the rule book by the same reference check, so a broken pack gets the same located
problems as a broken rule file, and the rule book itself is untouched by them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from screener.models import TeachingCase
from screener.rulebook.book import RuleBook
from screener.rulebook.crosscheck import unknown_references
from screener.rulebook.files import RULE_FILES
from screener.rulebook.loader import (
    MAX_BOOK_BYTES,
    FilesStamp,
    adapter_for,
    read_rule_file,
    stamp_of,
)
from screener.rulebook.printable import unprintable_texts
from screener.rulebook.problems import Problem, RuleBookError
from screener.rulebook.sources import SourceIndex
from screener.settings import CASE_PACK_ENV as CASE_PACK_ENV

PACK = "The case pack"
"""How problems in a case pack name their source (the command line's `--cases` wins over the
folder `PNS_CASE_PACK` names)."""

CASES_FILE = next(f for f in RULE_FILES if f.field == "cases")
_ADAPTER = adapter_for(CASES_FILE)


@dataclass(frozen=True)
class LoadedCases:
    """Teaching cases with the index of where each was written (the `cases` field)."""

    folder: str
    cases: tuple[TeachingCase, ...]
    sources: SourceIndex


def _names(root: Path) -> list[str]:
    """Every `*.yaml` entry of the pack, in name order. Each is a case file: one that cannot be
    read (a link that loops or leads nowhere, a folder) is a problem of the pack, not skipped."""
    return sorted(p.name for p in root.glob("*.yaml"))


def pack_stamp(folder: Path | str) -> FilesStamp:
    """Each of the pack's files' name, size and modification time, never raising: it changes
    whenever a file is added, removed or edited, so a caller can keep a load (good or refused)
    until then."""
    root = Path(folder)
    try:
        names = _names(root) if root.is_dir() else []
    except OSError:
        names = []
    return stamp_of(root, names)


def load_case_pack(folder: Path | str, book: RuleBook) -> LoadedCases:
    """Read every case file in `folder`. Raises `RuleBookError` with every located problem."""
    root = Path(folder)
    try:
        if not root.is_dir():
            raise RuleBookError([Problem(str(root), None, "case pack folder not found")], PACK)
        names = _names(root)
        size = sum((root / name).stat().st_size for name in names if (root / name).is_file())
    except OSError as error:
        problem = f"case pack folder cannot be read ({error.strerror or error})"
        raise RuleBookError([Problem(str(root), None, problem)], PACK) from None
    if not names:
        raise RuleBookError([Problem(str(root), None, "the case pack has no .yaml files")], PACK)
    if size > MAX_BOOK_BYTES:
        raise RuleBookError(
            [Problem(str(root), None, f"case pack exceeds {MAX_BOOK_BYTES:,} bytes")], PACK
        )
    problems: list[Problem] = []
    cases: list[TeachingCase] = []
    index = SourceIndex(single={}, items={"cases": []}, folders={"cases": []})
    for name in names:
        (source, model), found = read_rule_file(root, name, _ADAPTER, shown=str(root / name))
        problems += found
        if source is not None:
            problems += unprintable_texts(source)
            index.folders["cases"].append(source)
            index.items["cases"] += [(source, i) for i in range(len(model))]
            cases += model
    if problems:
        raise RuleBookError(problems, PACK)
    loaded = LoadedCases(str(root), tuple(cases), index)
    problems = _cross_check(loaded, book)
    if problems:
        raise RuleBookError(problems, PACK)
    return loaded


def _cross_check(loaded: LoadedCases, book: RuleBook) -> list[Problem]:
    """Every id the pack uses exists in the rule book, and no case id is taken twice."""
    known = {kind: set(ids) for kind, ids in book.ids.items()}
    annotation = RuleBook.model_fields[CASES_FILE.field].annotation
    problems = [
        loaded.sources.origin("cases", path).problem(message)
        for path, message in unknown_references(loaded.cases, annotation, known)
    ]
    taken = {item_id for ids in book.ids.values() for item_id in ids}
    seen: set[str] = set()
    for i, case in enumerate(loaded.cases):
        where = loaded.sources.origin("cases", (i, "id"))
        if case.id in taken:
            problems.append(where.problem(f"id '{case.id}' is already used by the rule book"))
        elif case.id in seen:
            problems.append(where.problem(f"duplicate id '{case.id}' in the case pack"))
        seen.add(case.id)
    return problems
