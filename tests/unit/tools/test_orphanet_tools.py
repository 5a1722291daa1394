"""The maintainers' Orphanet tools: the extraction reads frequencies by the HPO's classes,
resolves obsolete ids, keeps what people wrote and writes a file the rule book loads; the report
names every entry, its result and its unmapped terms."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from screener.models import HpoFrequency
from screener.rulebook import DEFAULT_RULES_DIR, load_located
from screener.validate import validate
from tests.support.books import MINI_RULES
from tests.support.rule_files import replace_in
from tools import orphanet_report
from tools.orphanet_extract import extract, frequency_class, main


@pytest.mark.parametrize(
    ("qualifier", "frequency", "expected"),
    [
        ("", "HP:0040281", HpoFrequency.VERY_FREQUENT),
        ("", "HP:0040284", HpoFrequency.VERY_RARE),
        ("NOT", "", HpoFrequency.EXCLUDED),
        ("NOT", "HP:0040282", HpoFrequency.EXCLUDED),
        ("", "5/5", HpoFrequency.OBLIGATE),
        ("", "4/5", HpoFrequency.VERY_FREQUENT),
        ("", "3/5", HpoFrequency.FREQUENT),
        ("", "3/10", HpoFrequency.FREQUENT),
        ("", "2/7", HpoFrequency.OCCASIONAL),
        ("", "1/30", HpoFrequency.VERY_RARE),
        ("", "0/12", HpoFrequency.EXCLUDED),
        ("", "100%", HpoFrequency.OBLIGATE),
        ("", "99.5%", HpoFrequency.VERY_FREQUENT),
        ("", "40%", HpoFrequency.FREQUENT),
        ("", "29.9%", HpoFrequency.OCCASIONAL),
        ("", "4.5%", HpoFrequency.VERY_RARE),
        ("", "0.5%", HpoFrequency.VERY_RARE),
        ("", "0%", HpoFrequency.EXCLUDED),
        ("", "", None),
    ],
)
def test_frequencies_are_read_by_the_hpo_classes(qualifier, frequency, expected):
    assert frequency_class(qualifier, frequency) is expected


@pytest.mark.parametrize("frequency", ["6/5", "1/0", "101%", "often", "HP:0000001"])
def test_a_frequency_that_is_not_one_is_refused(frequency):
    with pytest.raises(ValueError, match="not a frequency"):
        frequency_class("", frequency)


HPOA = """\
#description: "a test copy"
#version: 2025-01-16
database_id\tdisease_name\tqualifier\thpo_id\treference\tevidence\tonset\tfrequency\tsex\tmodifier\taspect\tbiocuration
ORPHA:1\tDisease one\t\tHP:0001250\tORPHA:1\tTAS\t\tHP:0040282\t\t\tP\tORPHA:orphadata
ORPHA:1\tDisease one\t\tHP:0100786\tORPHA:1\tTAS\t\t3/4\t\t\tP\tORPHA:orphadata
ORPHA:1\tDisease one\tNOT\tHP:0001251\tORPHA:1\tTAS\t\t\t\t\tP\tORPHA:orphadata
ORPHA:1\tDisease one\t\tHP:0003581\tORPHA:1\tTAS\t\tHP:0040281\t\t\tC\tORPHA:orphadata
OMIM:2\tDisease two\t\tHP:0001250\tOMIM:2\tTAS\t\t\t\t\tP\tHPO:curator
"""


def test_the_extraction_refreshes_the_annotation_and_keeps_what_people_wrote(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    hpoa = tmp_path / "phenotype.hpoa"
    hpoa.write_text(HPOA, encoding="utf-8")
    (rules / "orphanet.yaml").write_text(
        'release: {hpoa: 2024-01-01, hpoa_source: "a test copy", ontology: 2024-01-01}\n'
        "entries:\n"
        '  - {orpha: "ORPHA:1", name: Old name, syndrome: alpha, known_gap: "Why it fails."}\n',
        encoding="utf-8",
    )
    text, _ = extract(hpoa, rules, None)
    assert '    name: "Disease one"\n    syndrome: "alpha"\n    known_gap: "Why it fails."\n' in (
        text
    )
    terms = [line.strip() for line in text.splitlines() if line.strip().startswith("- {term")]
    assert terms == [
        # 3/4 is 75 %: frequent; the obsolete id is read as its replacement; onset is no finding.
        '- {term: "HP:0001250 Seizure", frequency: frequent}',
        '- {term: "HP:0001262 Excessive daytime somnolence", frequency: frequent, '
        'hpoa_id: "HP:0100786"}',
        '- {term: "HP:0001251 Ataxia", frequency: excluded}',
    ]
    assert "  hpoa: 2025-01-16\n" in text


def test_the_extracted_file_loads_into_the_rule_book(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(MINI_RULES, rules)
    replace_in(rules / "orphanet.yaml", "entries: []", 'entries: [{orpha: "ORPHA:1"}]')
    hpoa = tmp_path / "phenotype.hpoa"
    hpoa.write_text(HPOA, encoding="utf-8")
    assert main([str(hpoa), "--rules", str(rules), "--source", "a test copy"]) == 0
    (loaded,) = load_located(rules).book.orphanet.entries
    assert loaded.name == "Disease one" and loaded.syndrome is None
    assert [t.frequency for t in loaded.terms] == ["frequent", "frequent", "excluded"]
    assert validate(rules).external_examples == 1


def test_the_report_names_each_entry_its_result_and_its_unmapped_terms(capsys):
    assert orphanet_report.main(["--rules", str(DEFAULT_RULES_DIR)]) == 0
    out = capsys.readouterr().out
    book = load_located(DEFAULT_RULES_DIR).book
    for entry in book.orphanet.entries:
        assert f"{entry.orpha} {entry.name} -> " in out
    # LEMS: the nerve-test term is broader than the decrement finding's code; its progressive
    # proximal weakness reads as the plain proximal-weakness finding, one step up.
    assert (
        "  - HP:0030000 EMG: repetitive nerve stimulation abnormality [very_frequent]  up: " in out
    )
    assert (
        "  + HP:0009073 Progressive proximal muscle weakness [very_frequent] -> proximal_weakness"
        in out
    )
    assert "HP:0030357 Small cell lung carcinoma [frequent] (cancer)" in out
    assert "Syndromes in the first 3: " in out


def test_the_summary_alone_has_one_line_per_entry(capsys):
    assert orphanet_report.main(["--summary"]) == 0
    lines = capsys.readouterr().out.splitlines()
    book = load_located(DEFAULT_RULES_DIR).book
    rows = [line for line in lines if line.startswith(("  ok ", "  FAIL "))]
    assert len(rows) == len(book.orphanet.entries)
    assert not any(line.startswith("  + ") for line in lines)


def test_the_hpoa_path_must_be_an_hpoa(tmp_path):
    bad = tmp_path / "not.hpoa"
    bad.write_text("database_id\tdisease_name\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no '#version:' line"):
        extract(bad, Path(DEFAULT_RULES_DIR), None)
