"""The vocabulary's models: what counts as a phenotype, and units that convert with an offset."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from screener.models import BodySystem, Cancer, LabAnalyte


def _analyte(**changes: object) -> LabAnalyte:
    fields: dict[str, object] = {
        "id": "temperature",
        "label": "Temperature",
        "loinc": "8310-5",
        "unit": "°C",
        "ucum": "Cel",
        "alternative_units": [
            {"unit": "°F", "ucum": "[degF]", "factor": 5 / 9, "offset": -160 / 9}
        ],
        "plausible": {"low": 25, "high": 45},
        "thresholds": [{"at_or_above": 38, "finding": "fever"}],
    }
    return LabAnalyte.model_validate(fields | changes)


def test_a_unit_with_an_offset_converts_both_ways() -> None:
    analyte = _analyte()
    assert analyte.in_main_unit(98.6, "°F") == pytest.approx(37.0)
    assert analyte.in_main_unit(212, "°F") == pytest.approx(100.0)
    assert analyte.from_main_unit(38.0, "°F") == pytest.approx(100.4)
    assert analyte.in_main_unit(37.0, "°C") == 37.0
    assert analyte.in_main_unit(37.0, "K") is None


def test_only_a_phenotype_group_holds_phenotypes_and_normal_results_are_not_among_them() -> None:
    findings = [
        {"id": "seizures", "label": "Seizures"},
        {"id": "mri_brain_normal", "label": "Brain MRI normal", "normal": True},
    ]
    signs = BodySystem.model_validate({"id": "n", "label": "Nerves", "findings": findings})
    drugs = BodySystem.model_validate(
        {"id": "t", "label": "Treatments", "kind": "exposure", "findings": findings[:1]}
    )
    assert [f.id for f in signs.phenotypes] == ["seizures"]
    assert drugs.phenotypes == ()


def test_a_finding_the_screener_sets_belongs_in_a_context_group() -> None:
    context = {"id": "cancer_known", "label": "A cancer is known", "set_when": {"any_cancer": True}}
    with pytest.raises(ValidationError, match="kind 'context'"):
        BodySystem.model_validate({"id": "c", "label": "Context", "findings": [context]})
    group = BodySystem.model_validate(
        {"id": "c", "label": "Context", "kind": "context", "findings": [context]}
    )
    assert group.phenotypes == ()


def test_the_real_vocabulary_says_which_groups_are_not_phenotypes(book) -> None:
    kinds = {system.id: system.kind for system in book.systems}
    assert kinds["treatments_exposures"] == "exposure"
    assert kinds["course_context"] == "course"
    assert kinds["context"] == "context"
    assert "cancer_known" not in book.phenotype_findings
    assert "platinum_chemotherapy" not in book.phenotype_findings
    assert "seizures" in book.phenotype_findings


@pytest.mark.parametrize("code", ["C34", "C22.0", "C18-C20", "C00-C14, C32", "C53, C54, C55"])
def test_a_cancer_takes_one_icd10_code_or_range_or_several(code: str) -> None:
    assert Cancer(id="x", label="X", icd10=code).icd10 == code


@pytest.mark.parametrize("code", ["C00-C14,C32", "C00-C14 and C32", "C00-C14, ", "c34", ""])
def test_a_malformed_icd10_list_is_refused(code: str) -> None:
    with pytest.raises(ValidationError):
        Cancer(id="x", label="X", icd10=code)


def test_the_head_and_neck_code_includes_the_larynx(book) -> None:
    # C00-C14 is the lip, mouth and pharynx; the larynx is C32 (WHO ICD-10 chapter II).
    assert book.cancer_by_id["head_neck_squamous"].icd10 == "C00-C14, C32"
