"""`screener screen` reads a Phenopacket as well as a profile, says what it could not use, writes
a case as a Phenopacket that reads back to the same screening, and refuses a hostile Phenopacket
with one clear message and exit status 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from screener.cli import EXIT_INPUT, main
from tests.unit.inputs.test_phenopacket import HOSTILE, feature, packet_json

LEMS = {
    "findings": ["proximal_leg_weakness", "dry_mouth", "reduced_reflexes", "normal_ck"],
    "cancers": ["sclc"],
    "antibodies": ["vgcc_pq"],
    "age_band": "65+",
    "sex": "male",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_case_written_as_a_phenopacket_screens_the_same_when_read_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = tmp_path / "case.json"
    profile.write_text(json.dumps(LEMS), encoding="utf-8")
    code, packet, _ = run(capsys, "screen", str(profile), "--format", "phenopacket")
    assert code == 0
    assert json.loads(packet)["metaData"]["phenopacketSchemaVersion"] == "2.0"
    exported = tmp_path / "case.phenopacket.json"
    exported.write_text(packet, encoding="utf-8")
    results = []
    for path in (profile, exported):
        code, out, err = run(capsys, "screen", str(path), "--format", "json")
        assert (code, err) == (0, "")
        results.append(json.loads(out)["matches"])
    assert results[0] == results[1]
    assert results[0][0]["syndrome"] == "lems"


def test_a_phenopacket_is_detected_and_what_it_could_not_use_is_listed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "from-a-collection.json"
    path.write_text(
        packet_json(phenotypic_features=[feature("HP:0001250", "Seizure"), feature("HP:9999999")]),
        encoding="utf-8",
    )
    for forced in ((), ("--input", "phenopacket")):
        code, out, err = run(capsys, "screen", str(path), *forced)
        assert code == 0
        assert "Seizures" in out
        assert err.startswith("From the Phenopacket, read as follows or not used:\n")
        assert "'HP:9999999': not in the HPO, so not used" in err


def test_a_profile_read_as_a_phenopacket_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(LEMS), encoding="utf-8")
    code, out, err = run(capsys, "screen", str(path), "--input", "phenopacket")
    assert (code, out) == (EXIT_INPUT, "")
    assert err.startswith("The Phenopacket cannot be screened:\n")
    assert "unknown field 'findings'" in err


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_phenopacket_is_refused_in_words_with_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    document, message = HOSTILE[case]
    path = tmp_path / "packet.json"
    path.write_bytes(document)
    code, out, err = run(capsys, "screen", str(path), "--input", "phenopacket")
    assert (code, out) == (EXIT_INPUT, "")
    assert err.startswith("The Phenopacket cannot be screened:\n")
    assert message in err
    assert "Traceback" not in err


def test_a_hostile_phenopacket_on_standard_input_gets_no_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "screener", "screen", "-"],
        input=HOSTILE["unknown_nested_field"][0],
        capture_output=True,
        check=False,
    )
    assert done.returncode == EXIT_INPUT
    assert b"The Phenopacket cannot be screened" in done.stderr
    assert b"Traceback" not in done.stderr
