"""Hostile and careless rule files: `validate` names the file and the line of every problem, and
never shows a traceback, whatever YAML parses (or fails to)."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.cli import main
from screener.rulebook import RuleBookError, load_rule_book
from tests.support.rule_files import line_of, replace_in

NEUROLOGIC = "syndromes/neurologic.yaml"
LABS = "labs.yaml"
HUGE = "9" * 5000
DEEP = "[" * 100 + "a" + "]" * 100

# (file, text in the mini book, hostile replacement, what the problem says)
PLANTED = {
    "merge_key": (NEUROLOGIC, "  key: a", "  <<: {key: a}", "merge keys (<<) are not allowed"),
    "equals_key": (NEUROLOGIC, "  key: a", "  =: a", "a bare '=' is a special YAML value"),
    "equals_value": (NEUROLOGIC, "  key: a", "  key: =", "a bare '=' is a special YAML value"),
    "invalid_date": (
        NEUROLOGIC,
        "written: 2026-11-22",
        "written: 2026-02-30",
        "'2026-02-30' is not a valid date: day is out of range for month",
    ),
    "huge_integer": (
        LABS,
        "{below: 135,",
        f"{{below: {HUGE},",
        "is not a valid whole number: Exceeds the limit",
    ),
    "large_integer": (LABS, "{below: 135,", f"{{below: {HUGE[:400]},", "Input should be a"),
    "nan": (LABS, "{below: 135,", "{below: .nan,", "'.nan' is not a finite number"),
    "infinity": (LABS, "{below: 135,", "{below: -.inf,", "'-.inf' is not a finite number"),
    "overflow": (LABS, "{below: 135,", "{below: 1.0e+999,", "'1.0e+999' is not a finite number"),
    "yes_as_number": (LABS, "{below: 135,", "{below: yes,", "true/false is not a number"),
    "text_as_number": (LABS, "{below: 135,", "{below: '135',", "Input should be a valid number"),
    "true_as_count": (
        NEUROLOGIC,
        "{n: 2,",
        "{n: true,",
        "true/false is not a number",
    ),
    "base_60": (LABS, "{below: 135,", "{below: 2:15,", "'2:15' would be read as a number"),
    "octal": (LABS, "{below: 135,", "{below: 0135,", "'0135' would be read as a number"),
    "hex": (LABS, "{below: 135,", "{below: 0x87,", "'0x87' would be read as a number"),
    "deep_nesting": (
        NEUROLOGIC,
        "      - a\n",
        f"      - {DEEP}\n",
        "nested more than 40 levels deep",
    ),
    # The parser notices these a line later, and says so there.
    "unclosed_list": (NEUROLOGIC, "  supporting: [e]", "  supporting: [e", "not valid YAML"),
    "control_character": (
        NEUROLOGIC,
        "  detail: Teaching text.",
        "  detail: Teaching \x07 text.",
        "not valid YAML: unacceptable character #x0007",
    ),
    "two_documents": (NEUROLOGIC, "  key: a\n", "  key: a\n---\n- id: x\n", "not valid YAML"),
}
NOTICED_LATER = {"unclosed_list": "  cancers:", "two_documents": "---"}


@pytest.mark.parametrize("case", PLANTED)
def test_validate_locates_every_hostile_yaml_construct(
    capsys: pytest.CaptureFixture[str], mini_rules_dir: Path, case: str
) -> None:
    name, old, new, message = PLANTED[case]
    target = mini_rules_dir / name
    replace_in(target, old, new)
    line = line_of(target, NOTICED_LATER.get(case, new.strip()[:12]))

    code = main(["validate", str(mini_rules_dir)])
    err = capsys.readouterr().err

    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith(f"rules/{name}:{line}: "), err
    assert message in first
    assert "Traceback" not in err


def test_a_file_that_cannot_be_parsed_is_one_problem_with_its_line(mini_rules_dir: Path) -> None:
    target = mini_rules_dir / NEUROLOGIC
    replace_in(target, "  supporting: [e]", "  supporting: [e")
    replace_in(target, "  key: a", "  key: [a")
    with pytest.raises(RuleBookError) as caught:
        load_rule_book(mini_rules_dir)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line is not None) == (f"rules/{NEUROLOGIC}", True)


def test_bytes_that_are_not_utf8_are_located(mini_rules_dir: Path) -> None:
    target = mini_rules_dir / NEUROLOGIC
    lines = target.read_bytes().splitlines(keepends=True)
    lines[5] = lines[5].replace(b"A and", b"\xff and")
    target.write_bytes(b"".join(lines))
    with pytest.raises(RuleBookError) as caught:
        load_rule_book(mini_rules_dir)
    assert [str(p) for p in caught.value.problems] == [
        f"rules/{NEUROLOGIC}:6: file is not UTF-8 text (invalid start byte)"
    ]


def test_a_rule_file_that_is_a_folder_is_a_problem_not_a_crash(mini_rules_dir: Path) -> None:
    (mini_rules_dir / "cases.yaml").unlink()
    (mini_rules_dir / "cases.yaml").mkdir()
    with pytest.raises(RuleBookError) as caught:
        load_rule_book(mini_rules_dir)
    assert [str(p) for p in caught.value.problems] == ["rules/cases.yaml: file is missing"]
