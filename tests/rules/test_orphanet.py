"""External examples: Orphanet's phenotype of a syndrome, with its typical cancer, shows it among
the first three patterns; a look-alike's shows no card or names its mimic first. A failure is a
located problem, or a warning where the entry declares a known gap; a known gap on an entry that
passes is a problem, so gaps can only be removed."""

from __future__ import annotations

from pathlib import Path

import pytest

import screener.orphanet
from screener.rulebook import Problem, load_located
from screener.validate import validate
from tests.support.books import real_book
from tests.support.rule_files import line_of, replace_in

# The small book's alpha rule: finding a (its key) and two of b, c, d; typical cancer sclc;
# mimic look_alike, suggested by exposure_x.
CODES = {
    "{id: a, label: Finding A, synonyms: [alpha sign]}": (
        '{id: a, label: Finding A, synonyms: [alpha sign], hpo: "HP:0001250 Seizure"}'
    ),
    "{id: b, label: Finding B}": '{id: b, label: Finding B, hpo: "HP:0001251 Ataxia"}',
    "{id: c, label: Finding C}": '{id: c, label: Finding C, hpo: "HP:0002315 Headache"}',
    "{id: exposure_x, label: Exposure X (a treatment that causes a look-alike)}": (
        '{id: exposure_x, label: Exposure X, hpo: "HP:0001945 Fever"}'
    ),
}
SEIZURE = '{term: "HP:0001250 Seizure", frequency: very_frequent}'
ATAXIA = '{term: "HP:0001251 Ataxia", frequency: frequent}'
HEADACHE = '{term: "HP:0002315 Headache", frequency: obligate}'
RARE_SEIZURE = '{term: "HP:0001250 Seizure", frequency: occasional}'
FEVER = '{term: "HP:0001945 Fever", frequency: frequent}'


def plant(rules: Path, *entries: str) -> Path:
    findings = rules / "findings.yaml"
    for old, new in CODES.items():
        replace_in(findings, old, new)
    target = rules / "orphanet.yaml"
    replace_in(target, "entries: []\n", "entries:\n" + "".join(f"  - {e}\n" for e in entries))
    return target


def orphanet_problems(rules: Path) -> list[Problem]:
    """The problems validate finds in orphanet.yaml (the small book has others of its own)."""
    return [p for p in validate(rules).problems if p.file == "rules/orphanet.yaml"]


def entry(orpha: int, *terms: str, **fields: str) -> str:
    given = "".join(f", {key}: {value!r}" for key, value in fields.items())
    return f'{{orpha: "ORPHA:{orpha}", name: Disease {orpha}{given}, terms: [{", ".join(terms)}]}}'


def test_the_real_book_lists_orphanet_examples_with_their_release():
    book = real_book()
    assert book.orphanet.release.hpoa.isoformat() == "2025-01-16"
    syndromes = {e.syndrome for e in book.orphanet.entries if e.syndrome}
    assert {"lems", "paraneoplastic_pemphigus", "immune_thrombocytopenia"} <= syndromes
    assert sum(e.syndrome is None for e in book.orphanet.entries) >= 6


def test_a_syndromes_phenotype_with_its_cancer_passes(mini_rules_dir):
    plant(mini_rules_dir, entry(1, SEIZURE, ATAXIA, HEADACHE, syndrome="alpha"))
    outcome = validate(mini_rules_dir)
    assert orphanet_problems(mini_rules_dir) == []
    assert outcome.warnings == ()
    assert (outcome.external_examples, outcome.external_passed) == (1, 1)


def test_a_failing_example_is_a_located_problem(mini_rules_dir):
    # Seizure is occasional: the patient lacks alpha's key.
    target = plant(mini_rules_dir, entry(7, RARE_SEIZURE, ATAXIA, HEADACHE, syndrome="alpha"))
    (problem,) = orphanet_problems(mini_rules_dir)
    line = line_of(target, "ORPHA:7")
    assert str(problem) == (
        f"rules/orphanet.yaml:{line}: id 'ORPHA:7': field 'entries[0].syndrome': "
        "PNS-T004 error: Orphanet's patient with Small cell lung cancer shows no card at all"
    )


def test_a_known_gap_turns_the_failure_into_a_warning(mini_rules_dir):
    gap = entry(7, RARE_SEIZURE, ATAXIA, syndrome="alpha", known_gap="Seizures are rare.")
    plant(mini_rules_dir, gap)
    assert orphanet_problems(mini_rules_dir) == []
    outcome = validate(mini_rules_dir)
    (warning,) = outcome.warnings
    assert "shows no card at all; known gap: Seizures are rare." in str(warning)
    assert (outcome.external_examples, outcome.external_passed) == (1, 0)


def test_a_known_gap_on_a_passing_example_must_be_removed(mini_rules_dir):
    stale = entry(3, SEIZURE, ATAXIA, HEADACHE, syndrome="alpha", known_gap="Fixed since.")
    target = plant(mini_rules_dir, stale)
    (problem,) = orphanet_problems(mini_rules_dir)
    assert problem.line == line_of(target, "ORPHA:3")
    assert problem.field == "entries[0].known_gap"
    assert problem.message == "the example passes now (at 1): remove known_gap"


@pytest.mark.parametrize(
    ("terms", "mimic", "expected"),
    [
        pytest.param(
            (SEIZURE, ATAXIA, HEADACHE),
            "look_alike",
            "card 'alpha' does not name 'look_alike' first",
            id="card-without-its-mimic",
        ),
        pytest.param((SEIZURE, ATAXIA, HEADACHE, FEVER), "look_alike", None, id="mimic-named"),
        pytest.param(
            (SEIZURE, ATAXIA, HEADACHE),
            None,
            "shows 'alpha', but no card should show",
            id="no-mimic-no-card",
        ),
        pytest.param((ATAXIA, HEADACHE), None, None, id="no-card"),
    ],
)
def test_a_look_alike_shows_no_card_or_names_its_mimic_first(
    mini_rules_dir, terms, mimic, expected
):
    fields = {"mimic": mimic} if mimic else {}
    plant(mini_rules_dir, entry(9, *terms, **fields))
    problems = [p.message for p in orphanet_problems(mini_rules_dir)]
    assert problems == ([f"Orphanet's patient: {expected}"] if expected else [])


def test_a_term_the_ontology_names_differently_needs_extracting_again(mini_rules_dir):
    renamed = '{term: "HP:0001250 Fits", frequency: very_frequent}'
    target = plant(mini_rules_dir, entry(4, renamed, ATAXIA, HEADACHE, syndrome="alpha"))
    (problem,) = orphanet_problems(mini_rules_dir)
    assert problem.line == line_of(target, "ORPHA:4")
    assert problem.field == "entries[0].terms[0].term"
    assert problem.message.startswith("HP:0001250 is now 'Seizure' in HPO release ")


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        pytest.param(
            [entry(5, SEIZURE, syndrome="alpha", mimic="look_alike")],
            "give 'syndrome' (a rule's example) or 'mimic' (a look-alike), not both",
            id="syndrome-and-mimic",
        ),
        pytest.param(
            [entry(5, SEIZURE, syndrome="alpha"), entry(5, ATAXIA, mimic="look_alike")],
            "ORPHA:5 is listed twice",
            id="listed-twice",
        ),
        pytest.param(
            [entry(5, SEIZURE, syndrome="alfa")],
            "unknown syndrome 'alfa' (did you mean 'alpha'?)",
            id="unknown-syndrome",
        ),
        pytest.param(
            [entry(5, '{term: "HP:0001250 Seizure", frequency: often}')],
            "Input should be 'obligate', 'very_frequent', 'frequent', 'occasional', "
            "'very_rare' or 'excluded'",
            id="unknown-frequency",
        ),
    ],
)
def test_a_malformed_entry_is_refused_when_the_book_loads(mini_rules_dir, entries, expected):
    plant(mini_rules_dir, *entries)
    problems = [str(p) for p in validate(mini_rules_dir).problems]
    assert any(p.startswith("rules/orphanet.yaml:") and expected in p for p in problems), problems


def test_a_book_without_entries_never_loads_the_ontology(mini_rules_dir, monkeypatch):
    def refuse():
        raise AssertionError("the ontology was loaded")

    monkeypatch.setattr(screener.orphanet, "hpo_ontology", refuse)
    assert load_located(mini_rules_dir).book.orphanet.entries == ()
    assert validate(mini_rules_dir).external_examples == 0
