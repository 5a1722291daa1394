"""`validate` is the rule book's one linter: the real book passes it, and every check it makes
catches a planted violation with the file, the line, the rule and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from screener.rulebook import DEFAULT_RULES_DIR
from screener.rulebook.checks import BY_CODE
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


REAL = "real"
"""A plant in a copy of the real rule book, for checks the small book already fails whole."""
ORPHA_ENTRY = """entries:
  - orpha: "ORPHA:1"
    name: Test entry
    syndrome: alpha
    terms:
      - {term: "HP:0001250 Seizure", frequency: very_frequent}
"""

PLANTED = [
    # (check, book, file, old, new, what the problem says)
    (
        "PNS-L001",
        None,
        NEURO,
        "    - {expect: partial, findings: [a, b, c]}\n",
        "",
        "id 'alpha': field 'examples': PNS-L001 error: needs at least two positive examples",
    ),
    (
        "PNS-L002",
        None,
        NEURO,
        "    - {expect: partial, findings: [a, b, c]}\n",
        "    - {expect: partial, findings: [a, b, c], cancers: [breast_cancer]}\n",
        "needs a positive example without a known cancer",
    ),
    ("PNS-L003", None, NEURO, "  key: a\n", "", "id 'alpha': field 'criteria': PNS-L003 error"),
    (
        "PNS-L004",
        None,
        NEURO,
        "  mimics: [look_alike]\n",
        "",
        "id 'alpha': field 'mimics': PNS-L004 error: needs at least one mimic",
    ),
    (
        "PNS-L005",
        None,
        NEURO,
        "  discuss: [Would a scan help?]\n",
        "",
        "id 'delta': field 'discuss': PNS-L005 error",
    ),
    (
        "PNS-L006",
        None,
        NEURO,
        "  references: [graus2021]\n",
        "  references: [graus2021]\n  discuss: [Is this a question]\n",
        "id 'alpha': field 'discuss[0]': PNS-L006 error: a question to discuss must end with '?'",
    ),
    (
        "PNS-L007",
        None,
        NEURO,
        "    Teaching text long enough to teach: F and G together",
        "    F and G",
        "id 'delta': field 'detail': PNS-L007 error",
    ),
    (
        "PNS-L008",
        None,
        NEURO,
        "  detail: Teaching text.\n",
        "  detail: Teaching <b>text</b>.\n",
        "teaching text is Markdown and must not contain HTML",
    ),
    (
        "PNS-L009",
        None,
        ENDO,
        "  cancers: {typical: [sclc]}\n",
        "  cancers: {typical: [sclc]}\n  pns_care: {phenotype: high_risk}\n",
        "id 'beta': field 'pns_care': PNS-L009 error",
    ),
    (
        "PNS-L010",
        None,
        ENDO,
        "  cancers: {typical: [nsclc]}\n  references: [pelosof2010]",
        "  cancers: {typical: [nsclc]}\n  references: [recalled2001]",
        "id 'gamma': field 'status': PNS-L010 error: cites a reference awaiting checking",
    ),
    (
        "PNS-L011",
        None,
        NEURO,
        "  mimics: [look_alike]\n",
        "  mimics: []\n",
        "id 'look_alike': field 'id': PNS-L011 error: no syndrome lists this mimic",
    ),
    (
        "PNS-L012",
        None,
        "red_flags.yaml",
        "- id: breathing\n",
        "- id: breathing\n  status: source-checked\n",
        "id 'breathing': field 'status': PNS-L012 error: cites no source",
    ),
    (
        "PNS-L013",
        None,
        "red_flags.yaml",
        "- id: breathing\n",
        "- id: breathing\n  status: source-checked\n  references: [recalled2001]\n",
        "id 'breathing': field 'status': PNS-L013 error",
    ),
    # The issue's own example: a 'now' flag telling a learner to rest.
    (
        "PNS-L014",
        None,
        "red_flags.yaml",
        "  text: Call the emergency number now. Breathing trouble is an emergency.",
        "  text: Rest and see how it goes.",
        "id 'breathing': field 'text': PNS-L014 error: a 'now' flag's first sentence must say to "
        "call the emergency number",
    ),
    (
        "PNS-L015",
        None,
        "red_flags.yaml",
        "  text: See a doctor the same day. D in",
        "  text: See a doctor when you can. D in",
        "id 'd_with_cancer': field 'text': PNS-L015 error",
    ),
    (
        "PNS-L016",
        None,
        "red_flags.yaml",
        "  text: See a doctor within days.",
        "  text: See a doctor some time.",
        "id 'c_alone': field 'text': PNS-L016 error",
    ),
    (
        "PNS-L017",
        None,
        "red_flags.yaml",
        "C needs a doctor this week.",
        "Go to the emergency department.",
        "id 'c_alone': field 'text': PNS-L017 error",
    ),
    (
        "PNS-L018",
        None,
        "labs.yaml",
        "  label: Sodium\n",
        "  label: Sodium\n  status: source-checked\n",
        "id 'sodium': field 'status': PNS-L018 error: cites no source for its cut-offs",
    ),
    (
        "PNS-L019",
        None,
        "labs.yaml",
        "  label: Sodium\n",
        "  label: Sodium\n  status: source-checked\n  references: [recalled2001]\n",
        "id 'sodium': field 'status': PNS-L019 error",
    ),
    (
        "PNS-L020",
        None,
        "labs.yaml",
        "{below: 125, finding: very_low_sodium}",
        "{below: 250, finding: very_low_sodium}",
        "id 'sodium': field 'thresholds[1].below': PNS-L020 error: the cut-off 250 mmol/L",
    ),
    (
        "PNS-L021",
        None,
        "book.yaml",
        "version: 0.1.0\n",
        "version: 0.1.0\ncoverage: {renal: [Made-up nephropathy]}\n",
        "field 'coverage.renal[0]': PNS-L021 error: no rule covers 'Made-up nephropathy'",
    ),
    (
        "PNS-L022",
        None,
        "book.yaml",
        "version: 0.1.0\n",
        "version: 0.1.0\ncoverage: {endocrine: [Alpha syndrome]}\n",
        "field 'coverage.endocrine[0]': PNS-L022 error: 'alpha' covers it but is neurologic",
    ),
    (
        "PNS-L023",
        REAL,
        "cases.yaml",
        "  category: renal\n",
        "  category: neurologic\n",
        "PNS-L023 error: no teaching case for the renal category",
    ),
    (
        "PNS-L024",
        REAL,
        "about.yaml",
        "- id: limits\n",
        "- id: not_the_limits\n",
        "PNS-L024 error: missing section 'limits'",
    ),
    (
        "PNS-L025",
        None,
        "about.yaml",
        "references: [pelosof2010]}",
        "references: []}",
        "field 'sections[0].body': PNS-L025 error: states clinical facts",
    ),
    (
        "PNS-L026",
        None,
        "about.yaml",
        "body: Text., references: [pelosof2010]",
        "body: About 8% of cases., references: []",
        "PNS-L026 error: quotes a figure",
    ),
    (
        "PNS-L027",
        None,
        "about.yaml",
        "body: Text.",
        "body: Gives the diagnosis in most.",
        "PNS-L027 error: calls an output a diagnosis or probability",
    ),
    (
        "PNS-L028",
        None,
        "about.yaml",
        "body: Text.",
        "body: <b>Text</b>.",
        "PNS-L028 error: is Markdown and must not contain HTML",
    ),
    (
        "PNS-L029",
        None,
        "about.yaml",
        "body: Text.",
        "body: A score of 3 is Non-PNS.",
        "PNS-L029 error: states 'Non-PNS' without saying that it awaits review",
    ),
    (
        "PNS-L030",
        REAL,
        "about.yaml",
        "faq:\n",
        "faq:\n"
        + "".join(
            f"  - {{question: Extra question {n}?, kind: tool, answer: An answer.}}\n"
            for n in range(10)
        ),
        "PNS-L030 error",
    ),
    (
        "PNS-L031",
        REAL,
        "about.yaml",
        "stored",
        "kept",
        "PNS-L031 error: no question about 'stored'",
    ),
    (
        "PNS-L032",
        REAL,
        "about.yaml",
        "up to 10 points for the criteria",
        "points for the criteria",
        "PNS-L032 error: should say 'up to 10 points for the criteria'",
    ),
    (
        "PNS-L033",
        REAL,
        NEURO,
        "    - metastatic_spinal_cord_compression\n    - brain_metastases\n",
        "    - brain_metastases\n    - metastatic_spinal_cord_compression\n",
        "id 'encephalomyelitis': field 'mimics': PNS-L033 error",
    ),
    (
        "PNS-L034",
        None,
        NEURO,
        "  pns_care: {phenotype: high_risk}\n",
        "  pns_care: {phenotype: high_risk}\n  brain: true\n",
        "id 'alpha': field 'mimics': PNS-L034 error: a brain syndrome names",
    ),
    (
        "PNS-L035",
        None,
        "findings.yaml",
        "{id: b, label: Finding B}",
        '{id: b, label: Finding B, hpo: "HP:0001250 Fits"}',
        "id 'b': field 'findings[1].hpo': PNS-L035 error",
    ),
    (
        "PNS-L036",
        None,
        "findings.yaml",
        "    - {id: e, label: Finding E}\n",
        "    - {id: e, label: Finding E}\n    - {id: e2, label: Finding E2}\n",
        "PNS-L036 error: only 0 of",
    ),
    (
        "PNS-L037",
        None,
        NEURO,
        "  summary: A and two of B, C, D.",
        "  summary: A and two of B, C, D 🚀.",
        "id 'alpha': field 'summary': PNS-L037 error",
    ),
    (
        "PNS-L038",
        None,
        "labs.yaml",
        "{unit: mEq/L, ucum: meq/L, factor: 1}",
        "{unit: mEq/L, ucum: meq/L, factor: 2}",
        "id 'sodium': field 'alternative_units[0].factor': PNS-L038 error",
    ),
    (
        "PNS-L039",
        None,
        "cases.yaml",
        "[]\n",
        "- {id: no_summary, title: T, category: neurologic, vignette: V, findings: [a, b, c], "
        "answer: alpha, teaching_points: [P]}\n",
        "id 'no_summary': field 'summary': PNS-L039 error: needs a model summary statement",
    ),
    (
        "PNS-L040",
        REAL,
        NEURO,
        '  script:\n    who: "Adults; about half are older smokers with small cell lung cancer, '
        'the other half younger never-smokers without a tumour."\n'
        '    time_course: "Subacute: weakness builds over weeks to months."\n',
        "",
        "id 'lems': field 'script': PNS-L040 error",
    ),
    (
        "PNS-T001",
        None,
        NEURO,
        "    - {expect: partial, findings: [a, b, c]}\n",
        "    - {expect: strong, findings: [a, b, c]}\n",
        "id 'alpha': field 'examples[1]': PNS-T001 error: example 2: expected strong, got partial",
    ),
    (
        "PNS-T002",
        None,
        "mimic_cases.yaml",
        "[]\n",
        "- {id: over_call, title: T, teaching: X, findings: [a, b, c], cancers: [sclc]}\n",
        "id 'over_call': PNS-T002 error: shows 'alpha' as strong",
    ),
    (
        "PNS-T003",
        None,
        "cases.yaml",
        "[]\n",
        "- {id: wrong_case, title: T, category: endocrine, vignette: V, findings: [a, b, c], "
        "answer: beta, teaching_points: [P]}\n",
        "id 'wrong_case': field 'answer': PNS-T003 error: the case's top card is alpha",
    ),
    (
        "PNS-L041",
        None,
        "frequencies.yaml",
        "[]\n",
        "- {syndrome: alpha, finding: f, figure: F in half, percent: 50, band: frequent, "
        "reference: graus2021}\n",
        "field 'finding': PNS-L041 error: 'f' is not one of alpha's rule findings",
    ),
    (
        "PNS-L042",
        None,
        "frequencies.yaml",
        "[]\n",
        "- {syndrome: alpha, finding: e, figure: E in most, percent: 90, band: frequent, "
        "reference: graus2021}\n",
        "field 'band': PNS-L042 error: 90 % falls in very_frequent, not frequent",
    ),
    (
        "PNS-L044",
        None,
        "frequencies.yaml",
        "[]\n",
        "- {syndrome: alpha, finding: e, figure: E by its criteria, band: very_frequent, "
        "reference: graus2021, basis: definition}\n",
        "field 'band': PNS-L044 error: a finding the syndrome's definition requires is seen in "
        "every case: its band is obligate, not very_frequent",
    ),
    (
        "PNS-L043",
        REAL,
        "frequencies.yaml",
        "- syndrome: tripe_palms\n",
        "- {syndrome: lems, finding: dry_mouth, figure: dry mouth in most, band: very_frequent, "
        "reference: graus2021}\n- syndrome: tripe_palms\n",
        "PNS-L043 error: Orphanet's annotation already rates this finding",
    ),
    (
        "PNS-T004",
        None,
        "orphanet.yaml",
        "entries: []\n",
        ORPHA_ENTRY,
        "id 'ORPHA:1': field 'entries[0].syndrome': PNS-T004 error",
    ),
]
CODES_PLANTED = {row[0] for row in PLANTED}


def test_every_check_has_its_planted_violation():
    assert CODES_PLANTED | {"PNS-T005"} == set(BY_CODE)


@pytest.fixture(scope="module")
def real_problems() -> set[str]:
    return problems(DEFAULT_RULES_DIR)


@pytest.mark.parametrize(
    ("code", "book", "file", "old", "new", "expected"), PLANTED, ids=[row[0] for row in PLANTED]
)
def test_each_check_catches_its_violation_with_its_code_and_location(
    request, tmp_path, mini_rules_dir, code, book, file, old, new, expected
):
    if book == REAL:
        rules = tmp_path / "real"
        shutil.copytree(DEFAULT_RULES_DIR, rules)
        baseline = request.getfixturevalue("real_problems")
    else:
        rules, baseline = mini_rules_dir, BASELINE
    if book == REAL:
        # Every place: a real file can say it more than once (three renal cases, say).
        text = (rules / file).read_text(encoding="utf-8")
        assert old in text
        (rules / file).write_text(text.replace(old, new), encoding="utf-8")
    else:
        replace_in(rules / file, old, new)
    added = problems(rules) - baseline
    assert any(f"{code} " in p and expected in p for p in added), added
    assert all(p.startswith("rules/") for p in added)


def test_a_known_gap_is_a_warning_that_passes(mini_rules_dir):
    entry = ORPHA_ENTRY.replace("    terms:", "    known_gap: A test gap.\n    terms:")
    replace_in(mini_rules_dir / "orphanet.yaml", "entries: []\n", entry)
    outcome = validate(mini_rules_dir)
    assert {str(p) for p in outcome.problems} == BASELINE
    (warning,) = outcome.warnings
    assert warning.code == "PNS-T005" and "PNS-T005 warning:" in str(warning)


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        pytest.param(
            NEURO,
            "  summary: A and two of B, C, D.",
            "  summary: A and two of B, C, D (腫瘍随伴).",
            "field 'summary': PNS-L037 error: '腫' (U+816B), '瘍' (U+760D) and 2 more are not in "
            "the PDFs' font",
            id="cjk",
        ),
        pytest.param(
            "findings.yaml",
            "label: Finding A,",
            "label: Finding A 🚀,",
            "id 'a': field 'findings[0].label': PNS-L037 error: '🚀' (U+1F680) is not in the "
            "PDFs' font",
            id="emoji",
        ),
        pytest.param(
            "safety.yaml",
            "  Educational tool, not a diagnosis.",
            "  שלום. Educational tool, not a diagnosis.",
            "field 'disclaimer': PNS-L037 error: 'ש' (U+05E9), 'ל' (U+05DC) and 2 more are "
            "written right to left",
            id="hebrew",
        ),
        pytest.param(
            "references.yaml",
            "title: ",
            "title: مرحبا ",
            "id 'graus2021': field 'title': PNS-L037 error: 'م' (U+0645), 'ر' (U+0631) and 3 "
            "more are written right to left",
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


def test_a_series_frequency_citing_a_missing_reference_is_refused(mini_rules_dir):
    replace_in(
        mini_rules_dir / "frequencies.yaml",
        "[]\n",
        "- {syndrome: alpha, finding: e, figure: E in half, band: frequent, "
        "reference: nobody2020}\n",
    )
    found = [str(p) for p in validate(mini_rules_dir).problems]
    assert any(
        p.startswith("rules/frequencies.yaml:") and "unknown reference 'nobody2020'" in p
        for p in found
    ), found


def test_validate_reports_how_many_syndromes_say_how_often(mini_rules_dir):
    before = validate(mini_rules_dir).frequencies
    replace_in(
        mini_rules_dir / "frequencies.yaml",
        "[]\n",
        "- {syndrome: alpha, finding: e, figure: E in half, band: frequent, "
        "reference: graus2021}\n",
    )
    after = validate(mini_rules_dir).frequencies
    assert before is not None and after is not None
    assert (after.rated, after.series) == (before.rated + 1, before.series + 1)
    assert after.orphanet == before.orphanet
