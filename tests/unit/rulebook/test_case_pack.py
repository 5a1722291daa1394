"""A teacher's case pack: read by the rule files' own reader, checked like the rule book's
cases, refused whole with located problems when broken, and never touching the rule book."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.cli import main
from screener.rulebook import RuleBook, RuleBookError, load_rule_book
from screener.rulebook.case_pack import CASE_PACK_ENV, load_case_pack
from screener.rulebook.case_yaml import case_yaml
from screener.validate import validate_case_pack
from tests.support.books import MINI_RULES

GOOD = """\
- id: pack_alpha
  title: Three findings
  category: neurologic
  vignette: Findings A, B and C.
  findings: [a, b, c]
  answer: alpha
  teaching_points: [A point.]
"""
STAGED = """\
- id: pack_staged
  title: Two stages
  category: neurologic
  vignette: Finding B only.
  findings: [b]
  answer: alpha
  teaching_points: [A point.]
  stages:
    - title: Examination
      text: Findings A and C.
      findings: [a, c]
      top: alpha
"""


def write_pack(folder: Path, **files: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_pack_loads_every_file_in_name_order(tmp_path: Path, mini_book: RuleBook) -> None:
    pack = validate_case_pack(
        write_pack(tmp_path / "pack", b_staged=STAGED, a_good=GOOD), mini_book
    )
    assert [c.id for c in pack.cases] == ["pack_alpha", "pack_staged"]
    assert pack.sources.origin("cases", (1, "stages", 0, "top")).line == 12


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        (GOOD.replace("[a, b, c]", "[a, b, cc]"), 5, "findings[2]", "unknown finding 'cc'"),
        (GOOD.replace("answer: alpha", "answer: alpah"), 6, "answer", "(did you mean 'alpha'?)"),
        (GOOD.replace("  answer: alpha\n", ""), 1, "answer", "required field 'answer' is missing"),
        (GOOD.replace("findings: [a, b, c]", "findings: [a, b"), 6, None, "not valid YAML"),
        (GOOD.replace("id: pack_alpha", "id: alpha"), 1, "id", "already used by the rule book"),
        (GOOD.replace("[a, b, c]", "[low_sodium, e]"), 6, "answer", "top card is beta"),
        (GOOD.replace("[a, b, c]", "[b, c]"), 6, "answer", "top card is no pattern"),
        (GOOD.replace("Three findings", "Alpha syndrome again"), 2, "title", "names the answer"),
        (GOOD.replace("Three findings", "Three findings 三"), 2, "title", "not in the PDFs' font"),
        (
            GOOD.replace("Findings A, B and C.", "Findings A, B and C, שלום."),
            4,
            "vignette",
            "are written right to left, which the PDFs would print in reverse",
        ),
        (
            STAGED.replace("      top: alpha", "      top: beta"),
            1,
            None,
            "the last stage must show the answer first: give it 'top: alpha'",
        ),
        (
            STAGED.replace("  stages:", "  top: alpha\n  stages:"),
            8,
            "top",
            "the presentation shows no pattern first, not alpha as its 'top' says",
        ),
    ],
)
def test_a_broken_pack_is_refused_with_located_problems(
    tmp_path: Path, mini_book: RuleBook, text: str, line: int, field: str | None, message: str
) -> None:
    folder = write_pack(tmp_path / "pack", mine=text, other=GOOD.replace("pack_alpha", "pack_b"))
    with pytest.raises(RuleBookError) as raised:
        validate_case_pack(folder, mini_book)
    problems = raised.value.problems
    assert str(raised.value).startswith("The case pack has")
    assert any(
        p.file == str(folder / "mine.yaml") and p.line == line and p.field == field
        for p in problems
        if message in p.message
    ), problems
    assert all(p.file != str(folder / "other.yaml") for p in problems)
    # The rule book itself is untouched and still loads.
    assert load_rule_book(MINI_RULES) == mini_book


@pytest.mark.parametrize(
    ("files", "message"),
    [({}, "the case pack has no .yaml files"), (None, "case pack folder not found")],
)
def test_a_missing_or_empty_pack_says_so(tmp_path, mini_book, files, message) -> None:
    folder = tmp_path / "pack"
    if files is not None:
        write_pack(folder, **files)
    with pytest.raises(RuleBookError, match=message):
        load_case_pack(folder, mini_book)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("loop.yaml", "file cannot be read (Too many levels of symbolic links)"),
        ("nowhere.yaml", "file is missing"),
    ],
)
def test_a_case_file_that_cannot_be_read_is_refused_not_skipped(
    tmp_path: Path, mini_book: RuleBook, target: str, message: str
) -> None:
    folder = write_pack(tmp_path / "pack", good=GOOD)
    (folder / "loop.yaml").symlink_to(folder / target)
    with pytest.raises(RuleBookError) as raised:
        load_case_pack(folder, mini_book)
    assert [str(p) for p in raised.value.problems] == [f"{folder / 'loop.yaml'}: {message}"]


def test_two_cases_with_one_id_are_refused(tmp_path: Path, mini_book: RuleBook) -> None:
    folder = write_pack(tmp_path / "pack", one=GOOD, two=GOOD)
    with pytest.raises(RuleBookError, match="duplicate id 'pack_alpha' in the case pack"):
        load_case_pack(folder, mini_book)


@pytest.fixture
def real_pack(tmp_path: Path, book: RuleBook) -> Path:
    """A pack holding a copy of the rule book's first case under a new id."""
    case = book.cases[0].model_copy(update={"id": "pack_copy", "title": "A copied case"})
    return write_pack(tmp_path / "pack", mine=case_yaml(case))


def test_the_command_line_reads_the_pack_named_by_the_environment(
    real_pack: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv(CASE_PACK_ENV, str(real_pack))
    out = tmp_path / "class.pdf"
    assert main(["handout", "pack_copy", "--pdf", str(out)]) == 0
    assert out.stat().st_size > 0
    assert main(["validate", "--cases", str(real_pack)]) == 0
    assert "is valid: 1 teaching cases" in capsys.readouterr().out


def test_the_command_line_refuses_a_broken_pack_and_names_the_line(
    real_pack: Path, tmp_path: Path, capsys
) -> None:
    mine = real_pack / "mine.yaml"
    mine.write_text(mine.read_text().replace("answer: ", "answer: nothing_"), encoding="utf-8")
    out = tmp_path / "class.pdf"
    assert main(["handout", "all", "--cases", str(real_pack), "--pdf", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{mine}:" in err and "unknown syndrome 'nothing_" in err
    assert not out.exists()
