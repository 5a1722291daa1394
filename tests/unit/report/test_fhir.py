"""The FHIR R4 export: a Bundle that validates with fhir.resources' models, with the findings'
HPO terms, the labs, the antibodies, the cancer's ICD-10 code and the summary that carries the
disclaimer, nothing that names a person, and the same Bundle for the same case."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle

from screener.cli import main
from screener.rulebook import RuleBook

CASE = {
    "findings": ["proximal_leg_weakness", "dry_mouth", "normal_ck", "jak2_negative"],
    "cancers": ["sclc"],
    "antibodies": ["vgcc_pq"],
    "labs": [{"analyte": "sodium", "value": 128, "unit": "mmol/L"}],
    "age_band": "65+",
    "sex": "female",
}


@pytest.fixture
def bundle_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE), encoding="utf-8")
    assert main(["screen", str(path), "--format", "fhir"]) == 0
    out: str = capsys.readouterr().out
    return out


def resources(bundle: Bundle, kind: str) -> list[dict[str, object]]:
    found = [e.resource for e in bundle.entry if e.resource.get_resource_type() == kind]
    return [json.loads(r.model_dump_json(exclude_none=True)) for r in found]


def test_the_bundle_validates_and_carries_the_case(bundle_json: str, book: RuleBook) -> None:
    bundle = Bundle.model_validate_json(bundle_json)
    assert bundle.type == "collection"
    (patient,) = resources(bundle, "Patient")
    assert patient == {"resourceType": "Patient", "gender": "female"}
    codes = {
        c["code"]: o.get("valueBoolean")
        for o in resources(bundle, "Observation")
        for c in o["code"].get("coding", [])
    }
    assert codes["HP:0008994"] is True  # proximal lower limb weakness
    assert codes["HP:0040081"] is False  # a normal CK: its abnormality absent
    texts = [o["code"]["text"] for o in resources(bundle, "Observation")]
    assert "JAK2 mutation test negative" in texts
    assert book.label("antibody", "vgcc_pq") in texts
    (sodium,) = [o for o in resources(bundle, "Observation") if "valueQuantity" in o]
    assert sodium["code"]["coding"] == [{"system": "http://loinc.org", "code": "2951-2"}]
    assert sodium["valueQuantity"] == {
        "value": 128.0,
        "unit": "mmol/L",
        "system": "http://unitsofmeasure.org",
        "code": "mmol/L",
    }
    (condition,) = resources(bundle, "Condition")
    assert condition["code"]["coding"] == [
        {"system": "http://hl7.org/fhir/sid/icd-10", "code": "C34"}
    ]
    (document,) = resources(bundle, "DocumentReference")
    assert document["description"] == book.safety.disclaimer
    attachment = document["content"][0]["attachment"]
    assert attachment["contentType"] == "text/plain; charset=utf-8"
    summary = base64.b64decode(attachment["data"]).decode("utf-8")
    assert summary.startswith(book.safety.disclaimer[:40]) and "Lambert-Eaton" in summary
    every_reference = {o["subject"]["reference"] for o in resources(bundle, "Observation")}
    assert every_reference == {bundle.entry[0].fullUrl}


def test_the_same_case_gives_the_same_bundle(bundle_json: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / "again.json"
    path.write_text(json.dumps(CASE), encoding="utf-8")
    assert main(["screen", str(path), "--format", "fhir"]) == 0
    assert capsys.readouterr().out == bundle_json
