"""Load the rule book from `rules/`: all of it, or none of it with every problem located.

A rule book with one bad rule does not load half-way. Each problem names the file, the line, the
rule id and the field, so a clinician editing YAML can go straight to it.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from screener.book import RuleBook
from screener.criteria import finding_paths
from screener.models import (
    About,
    Antibody,
    BodySystem,
    BookInfo,
    Cancer,
    Category,
    LabAnalyte,
    Mimic,
    MimicCase,
    PnsCareRules,
    RedFlag,
    Reference,
    SafetyText,
    Syndrome,
    TeachingCase,
)
from screener.safe_yaml import MAX_FILE_BYTES, LocatedData, Path_, YamlProblem, parse_yaml

DEFAULT_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
MAX_BOOK_BYTES = 8 * MAX_FILE_BYTES

# File name -> what it holds. Syndrome files live in syndromes/, one per category.
SINGLE_FILES: dict[str, TypeAdapter[Any]] = {
    "book.yaml": TypeAdapter(BookInfo),
    "safety.yaml": TypeAdapter(SafetyText),
    "findings.yaml": TypeAdapter(tuple[BodySystem, ...]),
    "labs.yaml": TypeAdapter(tuple[LabAnalyte, ...]),
    "cancers.yaml": TypeAdapter(tuple[Cancer, ...]),
    "antibodies.yaml": TypeAdapter(tuple[Antibody, ...]),
    "references.yaml": TypeAdapter(tuple[Reference, ...]),
    "red_flags.yaml": TypeAdapter(tuple[RedFlag, ...]),
    "mimics.yaml": TypeAdapter(tuple[Mimic, ...]),
    "pns_care.yaml": TypeAdapter(PnsCareRules),
    "cases.yaml": TypeAdapter(tuple[TeachingCase, ...]),
    "mimic_cases.yaml": TypeAdapter(tuple[MimicCase, ...]),
    "about.yaml": TypeAdapter(About),
}
SYNDROME_FILES = TypeAdapter(tuple[Syndrome, ...])


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str
    rule_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.rule_id:
            parts.append(f"rule '{self.rule_id}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + f": {self.message}"


class RuleBookError(Exception):
    """The rule book could not be loaded. `problems` lists every located problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        heading = f"The rule book has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([heading, *(f"  {p}" for p in self.problems)]))


@dataclass(frozen=True)
class _SourceFile:
    name: str
    data: LocatedData
    model: Any

    def problem(self, path: Path_, message: str, field: str | None = None) -> Problem:
        return Problem(
            file=self.name,
            line=self.data.line_of(path),
            rule_id=_rule_id(self.data.value, path),
            field=field if field is not None else _field_name(path),
            message=message,
        )


def load_safety_text(rules_dir: Path | str = DEFAULT_RULES_DIR) -> SafetyText:
    """Only the safety wording, so the app can frame an error page even if a rule is broken."""
    source, problems = _read(Path(rules_dir), "safety.yaml", SINGLE_FILES["safety.yaml"])
    if problems:
        raise RuleBookError(problems)
    return source.model


def load_rule_book(rules_dir: Path | str = DEFAULT_RULES_DIR) -> RuleBook:
    """Load, validate and cross-check every rule file. Raises `RuleBookError` on any problem."""
    root = Path(rules_dir)
    if not root.is_dir():
        raise RuleBookError([Problem(str(root), None, "rule book folder not found")])
    problems: list[Problem] = []
    sources: dict[str, _SourceFile] = {}
    names = list(SINGLE_FILES)
    syndrome_names = sorted(
        f"syndromes/{p.name}" for p in (root / "syndromes").glob("*.yaml") if p.is_file()
    )
    total = sum((root / n).stat().st_size for n in names + syndrome_names if (root / n).is_file())
    if total > MAX_BOOK_BYTES:
        message = f"rule book exceeds {MAX_BOOK_BYTES:,} bytes"
        raise RuleBookError([Problem(str(root), None, message)])
    for name in names:
        source, found = _read(root, name, SINGLE_FILES[name])
        problems += found
        if source is not None:
            sources[name] = source
    for name in syndrome_names:
        source, found = _read(root, name, SYNDROME_FILES)
        problems += found
        if source is not None:
            sources[name] = source
    if not syndrome_names:
        problems.append(Problem(f"{root.name}/syndromes", None, "no syndrome files found"))
    if problems:
        raise RuleBookError(problems)
    problems += _cross_check(sources)
    if problems:
        raise RuleBookError(problems)
    return RuleBook(
        info=sources["book.yaml"].model,
        safety=sources["safety.yaml"].model,
        systems=sources["findings.yaml"].model,
        labs=sources["labs.yaml"].model,
        cancers=sources["cancers.yaml"].model,
        antibodies=sources["antibodies.yaml"].model,
        references=sources["references.yaml"].model,
        red_flags=sources["red_flags.yaml"].model,
        mimics=sources["mimics.yaml"].model,
        pns_care=sources["pns_care.yaml"].model,
        syndromes=tuple(s for n in syndrome_names for s in sources[n].model),
        cases=sources["cases.yaml"].model,
        mimic_cases=sources["mimic_cases.yaml"].model,
        about=sources["about.yaml"].model,
        content_hash=_content_hash(root, names + syndrome_names),
    )


def _read(root: Path, name: str, adapter: TypeAdapter[Any]) -> tuple[Any, list[Problem]]:
    path = root / name
    shown = f"rules/{name}"
    if not path.is_file():
        return None, [Problem(shown, None, "file is missing")]
    if path.stat().st_size > MAX_FILE_BYTES:
        message = f"file is larger than the {MAX_FILE_BYTES:,}-byte limit"
        return None, [Problem(shown, None, message)]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [Problem(shown, None, f"file is not UTF-8 text ({error.reason})")]
    try:
        data = parse_yaml(text)
    except YamlProblem as problem:
        return None, [Problem(shown, problem.line, problem.message)]
    try:
        model = adapter.validate_python(data.value)
    except ValidationError as error:
        return None, [_from_pydantic(shown, data, e) for e in error.errors()]
    return _SourceFile(shown, data, model), []


def _from_pydantic(name: str, data: LocatedData, error: Any) -> Problem:
    path = _known_path(data, error["loc"])
    message = error["msg"]
    field = _field_name(path)
    if error["type"] == "extra_forbidden":
        message = f"unknown field '{error['loc'][-1]}'"
    elif error["type"] == "missing":
        # A missing field has no line of its own: point at its parent, name the field itself.
        message = f"required field '{error['loc'][-1]}' is missing"
        field = _field_name((*path, error["loc"][-1]))
    return Problem(
        file=name,
        line=data.line_of(path),
        rule_id=_rule_id(data.value, path),
        field=field,
        message=message,
    )


def _known_path(data: LocatedData, loc: Iterable[Any]) -> Path_:
    # Pydantic's locations include union tags (e.g. 'all_of' twice); keep what exists in the file.
    path: Path_ = ()
    for part in loc:
        if (*path, part) in data.lines:
            path = (*path, part)
    return path


def _rule_id(value: Any, path: Path_) -> str | None:
    """The id of the top-level item (or nested item with an id) that `path` points into."""
    found = None
    node = value
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
    return found


def _field_name(path: Path_) -> str | None:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    # A leading index only says which list item: the rule id already names it.
    text = text.split("]", 1)[1].lstrip(".") if text.startswith("[") else text
    return text or None


def _content_hash(root: Path, names: list[str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return digest.hexdigest()


# --- Cross-checks -----------------------------------------------------------------------------


def _cross_check(sources: dict[str, _SourceFile]) -> list[Problem]:
    problems: list[Problem] = []
    findings_file = sources["findings.yaml"]
    known: dict[str, set[str]] = {
        "finding": {f.id for s in findings_file.model for f in s.findings},
        "cancer": {c.id for c in sources["cancers.yaml"].model},
        "antibody": {a.id for a in sources["antibodies.yaml"].model},
        "reference": {r.id for r in sources["references.yaml"].model},
        "red flag": {r.id for r in sources["red_flags.yaml"].model},
        "mimic": {m.id for m in sources["mimics.yaml"].model},
        "lab analyte": {lab.id for lab in sources["labs.yaml"].model},
    }
    syndrome_files = {n: s for n, s in sources.items() if n.startswith("syndromes/")}
    known["syndrome"] = {s.id for src in syndrome_files.values() for s in src.model}

    problems += _duplicates(
        [
            (findings_file, (i, "findings", j), f.id)
            for i, system in enumerate(findings_file.model)
            for j, f in enumerate(system.findings)
        ]
        + [(findings_file, (i,), s.id) for i, s in enumerate(findings_file.model)]
    )
    for name in (
        "labs.yaml",
        "cancers.yaml",
        "antibodies.yaml",
        "references.yaml",
        "red_flags.yaml",
        "mimics.yaml",
        "cases.yaml",
        "mimic_cases.yaml",
    ):
        source = sources[name]
        problems += _duplicates([(source, (i,), item.id) for i, item in enumerate(source.model)])
    problems += _duplicates(
        [(src, (i,), s.id) for src in syndrome_files.values() for i, s in enumerate(src.model)]
    )

    def check(source: _SourceFile, path: Path_, kind: str, item_id: str) -> None:
        if item_id not in known[kind]:
            hint = difflib.get_close_matches(item_id, known[kind], n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.append(source.problem(path, f"unknown {kind} '{item_id}'{suggestion}"))

    for i, lab in enumerate(sources["labs.yaml"].model):
        for j, threshold in enumerate(lab.thresholds):
            check(
                sources["labs.yaml"], (i, "thresholds", j, "finding"), "finding", threshold.finding
            )
    for i, antibody in enumerate(sources["antibodies.yaml"].model):
        for j, cancer in enumerate(antibody.cancers):
            check(sources["antibodies.yaml"], (i, "cancers", j), "cancer", cancer)
    for i, flag in enumerate(sources["red_flags.yaml"].model):
        for path, finding in finding_paths(flag.when, (i, "when")):
            check(sources["red_flags.yaml"], path, "finding", finding)
        for j, ref in enumerate(flag.references):
            check(sources["red_flags.yaml"], (i, "references", j), "reference", ref)
    mimics = sources["mimics.yaml"]
    for i, mimic in enumerate(mimics.model):
        if mimic.syndrome is not None:
            check(mimics, (i, "syndrome"), "syndrome", mimic.syndrome)
        if mimic.suggested_by is not None:
            for path, finding in finding_paths(mimic.suggested_by, (i, "suggested_by")):
                check(mimics, path, "finding", finding)
        for j, cancer in enumerate(mimic.suggested_by_cancers):
            check(mimics, (i, "suggested_by_cancers", j), "cancer", cancer)
    pns = sources["pns_care.yaml"]
    for name in type(pns.model).model_fields:
        points = getattr(pns.model, name)
        for j, ref in enumerate(getattr(points, "references", ())):
            check(pns, (name, "references", j), "reference", ref)
    book = sources["book.yaml"]
    for j, ref in enumerate(book.model.core_references):
        check(book, ("core_references", j), "reference", ref)
    check(
        sources["pns_care.yaml"],
        ("reference",),
        "reference",
        sources["pns_care.yaml"].model.reference,
    )
    about = sources["about.yaml"]
    for i, section in enumerate(about.model.sections):
        for j, ref in enumerate(section.references):
            check(about, ("sections", i, "references", j), "reference", ref)
    for i, item in enumerate(about.model.faq):
        for j, ref in enumerate(item.references):
            check(about, ("faq", i, "references", j), "reference", ref)

    cases = sources["cases.yaml"]
    for i, case in enumerate(cases.model):
        _check_profile_ids(check, cases, (i,), case)
        check(cases, (i, "answer"), "syndrome", case.answer)
    mimic_cases = sources["mimic_cases.yaml"]
    for i, mimic_case in enumerate(mimic_cases.model):
        _check_profile_ids(check, mimic_cases, (i,), mimic_case)
        if mimic_case.cause is not None:
            check(mimic_cases, (i, "cause"), "mimic", mimic_case.cause)

    for name, source in syndrome_files.items():
        stem = Path(name).stem
        for i, syndrome in enumerate(source.model):
            if syndrome.category.value != stem:
                problems.append(
                    source.problem(
                        (i, "category"),
                        f"category '{syndrome.category.value}' does not belong in {stem}.yaml",
                    )
                )
            for path, finding in finding_paths(syndrome.criteria, (i, "criteria")):
                check(source, path, "finding", finding)
            if syndrome.key is not None:
                for path, finding in finding_paths(syndrome.key, (i, "key")):
                    check(source, path, "finding", finding)
            if syndrome.pns_care is not None and syndrome.pns_care.high_risk_when is not None:
                when = syndrome.pns_care.high_risk_when
                for path, finding in finding_paths(when, (i, "pns_care", "high_risk_when")):
                    check(source, path, "finding", finding)
            for j, finding in enumerate(syndrome.supporting):
                check(source, (i, "supporting", j), "finding", finding)
            for link in ("typical", "reported"):
                for j, cancer in enumerate(getattr(syndrome.cancers, link)):
                    check(source, (i, "cancers", link, j), "cancer", cancer)
            for field, kind in (
                ("antibodies", "antibody"),
                ("red_flags", "red flag"),
                ("mimics", "mimic"),
                ("references", "reference"),
            ):
                for j, item_id in enumerate(getattr(syndrome, field)):
                    check(source, (i, field, j), kind, item_id)
            for j, example in enumerate(syndrome.examples):
                _check_profile_ids(check, source, (i, "examples", j), example)
    if not set(Category) <= {Path(n).stem for n in syndrome_files}:
        missing = sorted(c.value for c in set(Category) - {Path(n).stem for n in syndrome_files})
        problems.append(Problem("rules/syndromes", None, f"no file for: {', '.join(missing)}"))
    return problems


def _check_profile_ids(check: Any, source: _SourceFile, path: Path_, profile: Any) -> None:
    for field, kind in (("findings", "finding"), ("cancers", "cancer"), ("antibodies", "antibody")):
        for j, item_id in enumerate(getattr(profile, field)):
            check(source, (*path, field, j), kind, item_id)
    for j, lab in enumerate(profile.labs):
        check(source, (*path, "labs", j, "analyte"), "lab analyte", lab.analyte)


def _duplicates(items: list[tuple[_SourceFile, Path_, str]]) -> list[Problem]:
    seen: dict[str, tuple[_SourceFile, Path_]] = {}
    problems = []
    for source, path, item_id in items:
        if item_id in seen:
            first, first_path = seen[item_id]
            problems.append(
                source.problem(
                    (*path, "id"),
                    f"duplicate id '{item_id}' (first defined in {first.name}"
                    f":{first.data.line_of(first_path)})",
                    field="id",
                )
            )
        else:
            seen[item_id] = (source, path)
    return problems
