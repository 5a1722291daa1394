"""The command line: exit codes and what it prints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from screener.cli import main
from screener.rulebook import DEFAULT_RULES_DIR
from tests.support.books import MINI_RULES


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_profile(tmp_path: Path, data) -> str:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return str(path)


def test_validate_passes_on_a_good_book(capsys, book):
    code, out, _ = run(capsys, "validate", str(DEFAULT_RULES_DIR))
    assert code == 0
    assert f"is valid: {len(book.syndromes)} syndromes" in out
    assert "examples behave as their rules say" in out and "mimic cases" in out
    rated = {s.id: book.finding_frequencies[s.id] for s in book.syndromes}
    series = [
        s for s, found in rated.items() if any(f.reference and not f.by_definition for f in found)
    ]
    defined = [s for s, found in rated.items() if found and all(f.by_definition for f in found)]
    assert (
        f"Frequencies: {sum(map(bool, rated.values()))} of {len(book.syndromes)} syndromes say how "
        f"often a finding is seen (Orphanet's annotation for 19, a cited series for {len(series)}, "
        f"only the definition a cited source gives for {len(defined)})" in out
    )
    assert series, "a cited series speaks for a syndrome Orphanet does not annotate"
    assert "siadh" in defined, "SIADH's frequencies are its criteria only"


def test_validate_prints_known_gaps_as_warnings_and_passes(capsys, book):
    code, out, err = run(capsys, "validate", str(DEFAULT_RULES_DIR))
    gaps = [e for e in book.orphanet.entries if e.known_gap]
    warnings = err.splitlines()
    assert code == 0
    assert len(warnings) == len(gaps)
    assert all(w.startswith("warning: rules/orphanet.yaml:") for w in warnings)
    passed = len(book.orphanet.entries) - len(gaps)
    assert f"{passed} of {len(book.orphanet.entries)} Orphanet examples pass" in out


def test_validate_names_the_problem_of_a_broken_book(capsys, mini_rules_dir):
    target = mini_rules_dir / "syndromes" / "neurologic.yaml"
    target.write_text(target.read_text().replace("[b, c, d]", "[b, c, dd]"))
    code, _, err = run(capsys, "validate", str(mini_rules_dir))
    assert code == 1
    assert "rules/syndromes/neurologic.yaml:" in err and "unknown finding 'dd'" in err


def test_validate_fails_when_an_example_misbehaves(capsys, mini_rules_dir):
    target = mini_rules_dir / "syndromes" / "neurologic.yaml"
    target.write_text(
        target.read_text().replace(
            "{expect: partial, findings: [a, b, c]}", "{expect: strong, findings: [a, b, c]}"
        )
    )
    code, _, err = run(capsys, "validate", str(mini_rules_dir))
    assert code == 1
    assert (
        "id 'alpha': field 'examples[1]': PNS-T001 error: example 2: expected strong, got partial"
        in err
    )


def test_screen_text_prints_safety_text_and_the_reasoning(capsys, tmp_path, mini_book):
    profile = write_profile(tmp_path, {"findings": ["a", "b", "c"], "cancers": ["sclc"]})
    code, out, _ = run(capsys, "screen", profile, "--rules", str(MINI_RULES))
    assert code == 0
    assert out.startswith(mini_book.safety.disclaimer[:40])
    assert "Pattern consistent with (not a diagnosis): Alpha syndrome" in out
    assert "At least 2 of these 3: 2 present, 2 needed [met]" in out
    assert "not a probability" in out
    assert out.rstrip().endswith(mini_book.safety.see_a_physician.split()[-1])


def test_screen_text_shows_urgency_first_and_the_empty_state(capsys, tmp_path, mini_book):
    profile = write_profile(tmp_path, {"findings": ["breathless"]})
    code, out, _ = run(capsys, "screen", profile, "--rules", str(MINI_RULES))
    assert code == 0
    heading = mini_book.safety.urgent.now.heading.upper()
    assert out.index(heading) < out.index(mini_book.safety.no_pattern_heading)
    assert "excludes nothing" in out
    assert out.count(mini_book.safety.no_pattern_heading) == 1


def test_screen_json_is_a_screening_result(capsys, tmp_path):
    profile = write_profile(tmp_path, {"findings": ["a", "b", "c"]})
    code, out, _ = run(capsys, "screen", profile, "--format", "json", "--rules", str(MINI_RULES))
    data = json.loads(out)
    assert code == 0 and data["matches"][0]["syndrome"] == "alpha"
    assert data["matches"][0]["tier"] == "partial"
    assert data["differential"]["syndromes"] == ["alpha"]
    assert data["differential"]["questions"], "what to ask next is in the JSON too"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"findings": ["nope"]}, "unknown finding 'nope'"),
        ({"findings": ["a"], "name": "Jane"}, "name: Extra inputs are not permitted"),
        ("{not json", "not valid JSON (Expecting property name"),
        (
            {"labs": [{"analyte": "calcium", "value": 12, "unit": "mmol/L"}]},
            "was it measured in mg/dL?",
        ),
    ],
)
def test_screen_refuses_bad_profiles_with_exit_2(capsys, tmp_path, content, message):
    code, out, err = run(
        capsys, "screen", write_profile(tmp_path, content), "--rules", str(MINI_RULES)
    )
    assert code == 2 and out == ""
    assert "The profile cannot be screened" in err and message in err


def test_missing_profile_file(capsys, tmp_path):
    code, _, err = run(capsys, "screen", str(tmp_path / "none.json"))
    assert code == 2 and "Cannot read" in err


def test_schema_check_detects_a_stale_schema(capsys, tmp_path):
    assert run(capsys, "schema", "--out", str(tmp_path))[0] == 0
    assert run(capsys, "schema", "--check", "--out", str(tmp_path))[0] == 0
    (tmp_path / "syndromes.schema.json").write_text("{}")
    code, _, err = run(capsys, "schema", "--check", "--out", str(tmp_path))
    assert code == 1 and "syndromes.schema.json" in err


def test_module_entry_point_runs():
    done = subprocess.run(
        [sys.executable, "-m", "screener", "schema", "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_screen_reads_an_ascii_unit_spelling_as_the_rule_books_own(capsys, tmp_path):
    profile = write_profile(
        tmp_path, {"labs": [{"analyte": "platelets", "value": 450000, "unit": "/uL"}]}
    )
    code, out, _ = run(capsys, "screen", profile, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["profile"]["labs"][0]["unit"] == "/µL"
    assert data["labs"][0]["value_in_main_unit"] == 450


def test_the_command_line_reads_the_rule_book_the_setting_names(capsys, monkeypatch, tmp_path):
    # PNS_RULES_DIR is one setting for the app and the command line alike.
    monkeypatch.setenv("PNS_RULES_DIR", str(tmp_path / "no-such-book"))
    assert main(["validate"]) == 1
    assert "no-such-book" in capsys.readouterr().err
