"""Loading is all or nothing, and every problem names its file, line, rule and field."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from screener.rulebook import RuleBookError, load_rule_book, load_safety_text
from screener.rulebook.safe_yaml import MAX_FILE_BYTES
from tests.support.rule_files import line_of, replace_in


def problems_of(rules: Path) -> list[str]:
    with pytest.raises(RuleBookError) as caught:
        load_rule_book(rules)
    return [str(p) for p in caught.value.problems]


def test_the_real_rule_book_loads(book):
    assert book.syndromes
    assert len(book.content_hash) == 64


def test_malformed_yaml_names_file_and_line(mini_rules_dir):
    target = mini_rules_dir / "syndromes" / "neurologic.yaml"
    replace_in(target, "  supporting: [e]", "  supporting: [e")
    (problem,) = problems_of(mini_rules_dir)
    assert problem.startswith("rules/syndromes/neurologic.yaml:")
    assert "not valid YAML" in problem


def test_unknown_field_names_rule_field_and_line(mini_rules_dir):
    target = mini_rules_dir / "syndromes" / "neurologic.yaml"
    replace_in(target, "  supporting: [e]", "  supportive: [e]")
    (problem,) = problems_of(mini_rules_dir)
    line = line_of(target, "supportive:")
    assert problem == (
        f"rules/syndromes/neurologic.yaml:{line}: id 'alpha': field 'supportive': "
        "unknown field 'supportive'"
    )


def test_unknown_finding_in_criteria_suggests_the_near_id(mini_rules_dir):
    target = mini_rules_dir / "syndromes" / "neurologic.yaml"
    replace_in(target, "at_least: {n: 2, of: [b, c, d]}", "at_least: {n: 2, of: [b, cc, d]}")
    (problem,) = problems_of(mini_rules_dir)
    line = line_of(target, "cc, d")
    assert problem.startswith(f"rules/syndromes/neurologic.yaml:{line}: id 'alpha': ")
    assert "field 'criteria.all_of[1].at_least.of[1]'" in problem
    assert "unknown finding 'cc'" in problem


def test_unknown_reference_and_cancer_are_both_reported(mini_rules_dir):
    target = mini_rules_dir / "syndromes" / "neurologic.yaml"
    replace_in(target, "references: [graus2021]", "references: [graus2099]")
    replace_in(target, "typical: [sclc]", "typical: [sclcc]")
    problems = problems_of(mini_rules_dir)
    assert any(
        "unknown reference 'graus2099'" in p and "field 'references[0]'" in p for p in problems
    )
    assert any("unknown cancer 'sclcc'" in p and "(did you mean 'sclc'?)" in p for p in problems)


def test_duplicate_id_names_both_places(mini_rules_dir):
    target = mini_rules_dir / "syndromes" / "endocrine.yaml"
    replace_in(target, "- id: gamma", "- id: alpha")
    (problem,) = problems_of(mini_rules_dir)
    # Files are read in name order, so the neurologic rule is the second definition.
    assert problem.startswith("rules/syndromes/neurologic.yaml:1: id 'alpha': field 'id': ")
    second = line_of(target, "- id: alpha")
    assert (
        f"duplicate id 'alpha' (first defined in rules/syndromes/endocrine.yaml:{second})"
        in problem
    )


def test_unsatisfiable_at_least_is_refused(mini_rules_dir):
    target = mini_rules_dir / "syndromes" / "neurologic.yaml"
    replace_in(target, "at_least: {n: 2, of: [b, c, d]}", "at_least: {n: 4, of: [b, c, d]}")
    (problem,) = problems_of(mini_rules_dir)
    assert "id 'alpha'" in problem
    assert "criteria.all_of[1].at_least" in problem
    assert "at_least needs 4 but lists only 3" in problem


def test_missing_required_field_is_named(mini_rules_dir):
    target = mini_rules_dir / "syndromes" / "neurologic.yaml"
    replace_in(target, "  summary: A and two of B, C, D.\n", "")
    (problem,) = problems_of(mini_rules_dir)
    assert "id 'alpha'" in problem
    assert "field 'summary'" in problem
    assert "required field 'summary' is missing" in problem


def test_syndrome_without_negative_example_is_refused(mini_rules_dir):
    target = mini_rules_dir / "syndromes" / "neurologic.yaml"
    replace_in(
        target,
        "expect: no_match, findings: [tired, weight_loss]",
        "expect: match, findings: [a, b, c]",
    )
    (problem,) = problems_of(mini_rules_dir)
    assert "id 'alpha'" in problem
    assert "at least one positive and one 'no_match'" in problem


def test_syndrome_without_references_is_refused(mini_rules_dir):
    target = mini_rules_dir / "syndromes" / "neurologic.yaml"
    replace_in(target, "references: [graus2021]", "references: []")
    (problem,) = problems_of(mini_rules_dir)
    assert "id 'alpha'" in problem and "field 'references'" in problem


def test_wrong_type_is_located(mini_rules_dir):
    target = mini_rules_dir / "labs.yaml"
    replace_in(target, "plausible: {low: 90, high: 200}", "plausible: {low: ninety, high: 200}")
    (problem,) = problems_of(mini_rules_dir)
    assert problem.startswith(f"rules/labs.yaml:{line_of(target, 'ninety')}: id 'sodium'")
    assert "field 'plausible.low'" in problem


def test_category_in_the_wrong_file_is_refused(mini_rules_dir):
    target = mini_rules_dir / "syndromes" / "neurologic.yaml"
    replace_in(target, "category: neurologic", "category: renal")
    (problem,) = problems_of(mini_rules_dir)
    assert "category 'renal' does not belong in neurologic.yaml" in problem


def test_alias_bomb_is_refused_quickly(mini_rules_dir):
    levels = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    (mini_rules_dir / "cases.yaml").write_text("\n".join(levels) + "\n")
    started = time.perf_counter()
    (problem,) = problems_of(mini_rules_dir)
    assert time.perf_counter() - started < 2
    assert problem == "rules/cases.yaml:1: YAML anchors (&name) are not allowed in rule files"


@pytest.mark.parametrize(
    "text",
    ["- !!python/object/apply:os.system [echo hacked]\n", "- !custom {id: x}\n"],
)
def test_yaml_tags_are_refused(mini_rules_dir, text):
    (mini_rules_dir / "cases.yaml").write_text(text)
    (problem,) = problems_of(mini_rules_dir)
    assert problem.startswith("rules/cases.yaml:1: YAML tags")


def test_duplicate_yaml_key_is_refused(mini_rules_dir):
    target = mini_rules_dir / "syndromes" / "neurologic.yaml"
    replace_in(target, "  status: source-checked\n", "  status: source-checked\n  status: draft\n")
    (problem,) = problems_of(mini_rules_dir)
    assert (
        problem == f"rules/syndromes/neurologic.yaml:{line_of(target, 'status: draft')}: "
        "duplicate key 'status'"
    )


def test_oversized_file_is_refused_without_parsing(mini_rules_dir):
    (mini_rules_dir / "cases.yaml").write_text("# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    (problem,) = problems_of(mini_rules_dir)
    assert problem.startswith("rules/cases.yaml: file is larger than")


def test_one_bad_rule_means_no_rule_book(mini_rules_dir):
    replace_in(
        mini_rules_dir / "syndromes" / "endocrine.yaml", "status: needs-review", "status: maybe"
    )
    with pytest.raises(RuleBookError):
        load_rule_book(mini_rules_dir)


def test_missing_folder_and_missing_file(tmp_path, mini_rules_dir):
    assert "rule book folder not found" in problems_of(tmp_path / "nowhere")[0]
    (mini_rules_dir / "labs.yaml").unlink()
    assert problems_of(mini_rules_dir) == ["rules/labs.yaml: file is missing"]


def test_safety_text_loads_even_when_a_rule_is_broken(mini_rules_dir):
    replace_in(
        mini_rules_dir / "syndromes" / "endocrine.yaml", "status: needs-review", "status: maybe"
    )
    assert "not a diagnosis" in load_safety_text(mini_rules_dir).disclaimer


def test_content_hash_changes_with_content(mini_rules_dir, mini_book):
    replace_in(mini_rules_dir / "syndromes" / "neurologic.yaml", "Teaching text.", "Other text.")
    assert load_rule_book(mini_rules_dir).content_hash != mini_book.content_hash
