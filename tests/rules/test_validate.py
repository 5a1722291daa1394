"""`validate` is the rule book's one linter: the real book passes it, and every check it makes
catches a planted violation with the file, the line, the rule and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.rulebook.lint import unnegated_output_words
from screener.validate import validate
from tests.support.books import MINI_RULES
from tests.support.rule_files import line_of, replace_in


def test_the_real_rule_book_passes_every_check():
    outcome = validate()
    assert outcome.problems == (), "\n".join(str(p) for p in outcome.problems)
    assert outcome.examples > 100
    assert outcome.mimic_cases >= 0


def problems(rules: Path) -> set[str]:
    return {str(p) for p in validate(rules).problems}


BASELINE = problems(MINI_RULES)
"""What the small test book already breaks (it has no About text to speak of); each planted
violation must add its own located problem to these."""

NEURO = "syndromes/neurologic.yaml"
ENDO = "syndromes/endocrine.yaml"


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        pytest.param(
            NEURO,
            "    - {expect: partial, findings: [a, b, c]}\n",
            "",
            "id 'alpha': field 'examples': needs at least two positive examples",
            id="two-positive-examples",
        ),
        pytest.param(
            NEURO,
            "    - {expect: partial, findings: [a, b, c]}\n",
            "    - {expect: partial, findings: [a, b, c], cancers: [breast_cancer]}\n",
            "needs a positive example without a known cancer",
            id="example-before-cancer",
        ),
        pytest.param(
            NEURO,
            "  mimics: [look_alike]\n",
            "",
            "id 'alpha': field 'mimics': needs at least one mimic",
            id="mimics",
        ),
        pytest.param(
            NEURO,
            "  references: [graus2021]\n",
            "  references: [graus2021]\n  discuss: [Is this a question]\n",
            "id 'alpha': field 'discuss[0]': a question to discuss must end with '?'",
            id="question-mark",
        ),
        pytest.param(
            NEURO,
            "  detail: Teaching text.\n",
            "  detail: Teaching <b>text</b>.\n",
            "teaching text is Markdown and must not contain HTML",
            id="html",
        ),
        pytest.param(
            ENDO,
            "  cancers: {typical: [sclc]}\n",
            "  cancers: {typical: [sclc]}\n  pns_care: {phenotype: high_risk}\n",
            "id 'beta': field 'pns_care': only neurologic syndromes are scored with PNS-Care",
            id="pns-care-neurologic-only",
        ),
        pytest.param(
            ENDO,
            "  cancers: {typical: [nsclc]}\n  references: [pelosof2010]",
            "  cancers: {typical: [nsclc]}\n  references: [recalled2001]",
            "id 'gamma': field 'status': cites a reference awaiting checking (recalled2001)",
            id="sourcing",
        ),
        pytest.param(
            NEURO,
            "    - {expect: partial, findings: [a, b, c]}\n",
            "    - {expect: strong, findings: [a, b, c]}\n",
            "id 'alpha': field 'examples[1]': example 2: expected strong, got partial",
            id="rule-example",
        ),
        pytest.param(
            "mimic_cases.yaml",
            "[]\n",
            "- {id: over_call, title: T, teaching: X, findings: [a, b, c], cancers: [sclc]}\n",
            "id 'over_call': shows 'alpha' as strong",
            id="mimic-case",
        ),
        pytest.param(
            "book.yaml",
            "core_references:",
            "coverage: {renal: [Made-up nephropathy]}\ncore_references:",
            "field 'coverage.renal[0]': no rule covers 'Made-up nephropathy'",
            id="coverage",
        ),
        pytest.param(
            NEURO,
            "  mimics: [look_alike]\n",
            "  mimics: []\n",
            "id 'look_alike': field 'id': no syndrome lists this mimic",
            id="unused-mimic",
        ),
        pytest.param(
            NEURO,
            "  key: a\n",
            "",
            "id 'alpha': field 'criteria': needs a 'key'",
            id="key",
        ),
        pytest.param(
            "red_flags.yaml",
            "  text: Breathing trouble is an emergency.\n",
            "  text: Breathing trouble is an emergency.\n  status: source-checked\n",
            "id 'breathing': field 'status': cites no source",
            id="red-flag-sourcing",
        ),
        pytest.param(
            "labs.yaml",
            "  label: Sodium\n",
            "  label: Sodium\n  status: source-checked\n",
            "id 'sodium': field 'status': cites no source for its cut-offs",
            id="lab-sourcing",
        ),
        pytest.param(
            "about.yaml",
            "body: Text.",
            "body: Gives the diagnosis in 20% of cases.",
            "calls an output a diagnosis or probability",
            id="about-wording",
        ),
        pytest.param(
            "about.yaml",
            "references: [pelosof2010]}",
            "references: []}",
            "field 'sections[0].body': states clinical facts, so it must cite a source",
            id="about-sourcing",
        ),
    ],
)
def test_each_check_catches_its_violation_with_its_location(
    mini_rules_dir, file, old, new, expected
):
    replace_in(mini_rules_dir / file, old, new)
    added = problems(mini_rules_dir) - BASELINE
    assert any(expected in p for p in added), added
    assert all(p.startswith("rules/") for p in added)


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        pytest.param(
            NEURO,
            "  summary: A and two of B, C, D.",
            "  summary: A and two of B, C, D (腫瘍随伴).",
            "field 'summary': '腫' (U+816B), '瘍' (U+760D) and 2 more are not in the PDFs' font",
            id="cjk",
        ),
        pytest.param(
            "findings.yaml",
            "label: Finding A,",
            "label: Finding A 🚀,",
            "id 'a': field 'findings[0].label': '🚀' (U+1F680) is not in the PDFs' font",
            id="emoji",
        ),
        pytest.param(
            "safety.yaml",
            "  Educational tool, not a diagnosis.",
            "  שלום. Educational tool, not a diagnosis.",
            "field 'disclaimer': 'ש' (U+05E9), 'ל' (U+05DC) and 2 more are written right to left",
            id="hebrew",
        ),
        pytest.param(
            "references.yaml",
            "title: ",
            "title: مرحبا ",
            "id 'graus2021': field 'title': 'م' (U+0645), 'ر' (U+0631) and 3 more are written "
            "right to left",
            id="arabic",
        ),
    ],
)
def test_text_a_pdf_cannot_print_is_refused_where_it_is_written(
    mini_rules_dir, file, old, new, expected
):
    replace_in(mini_rules_dir / file, old, new)
    added = problems(mini_rules_dir) - BASELINE
    assert len(added) == 1, added
    (problem,) = added
    assert problem.startswith(f"rules/{file}:") and expected in problem


def test_unprintable_text_is_located_on_its_line(mini_rules_dir):
    target = mini_rules_dir / NEURO
    replace_in(target, "  summary: A and two of B, C, D.", "  summary: A and two of B, C, D 🚀.")
    where = f"rules/{NEURO}:{line_of(target, 'summary:')}: id 'alpha': field 'summary': "
    assert [p for p in problems(mini_rules_dir) - BASELINE if p.startswith(where)]


def test_a_problem_names_the_line_it_is_on(mini_rules_dir):
    target = mini_rules_dir / NEURO
    replace_in(target, "  mimics: [look_alike]\n", "  mimics: []\n")
    where = f"rules/{NEURO}:{line_of(target, 'mimics: []')}: id 'alpha'"
    assert any(p.startswith(where) for p in problems(mini_rules_dir) - BASELINE)


def test_a_book_that_does_not_load_reports_its_load_problems(mini_rules_dir):
    replace_in(mini_rules_dir / NEURO, "  supporting: [e]", "  supporting: [e")
    (problem,) = validate(mini_rules_dir).problems
    assert "not valid YAML" in problem.message


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The result is a diagnosis of LEMS.", True),
        ("Shows the probability of cancer.", True),
        ("The points are not a probability.", False),
        ("It is not a diagnosis, and gives no probabilities.", False),
        ("Nothing here is a diagnosis.", True),
    ],
)
def test_the_wording_check_tells_negated_from_plain_uses(text, flagged):
    assert bool(unnegated_output_words(text)) is flagged


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("C34.12", "String should match pattern"),
        ("c34", "String should match pattern"),
        ("C34-", "String should match pattern"),
        ("C14-C00", "the ICD-10 block C14-C00 must run from a category to a later one"),
        ("C00-D14", "the ICD-10 block C00-D14 must run from a category to a later one"),
    ],
)
def test_validate_checks_the_form_of_every_icd10_code(mini_rules_dir, code, message):
    cancers = mini_rules_dir / "cancers.yaml"
    replace_in(cancers, "icd10: C34, synonyms: [SCLC", f"icd10: {code}, synonyms: [SCLC")
    problems = [str(p) for p in validate(mini_rules_dir).problems]
    at = line_of(cancers, f"icd10: {code},")
    assert any(
        p.startswith(f"rules/cancers.yaml:{at}: id 'sclc': field 'icd10'") and message in p
        for p in problems
    ), problems
