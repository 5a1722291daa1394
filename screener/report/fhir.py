"""A case as a FHIR R4 Bundle (export only), built with `fhir.resources`' R4B models: R4B (4.3) is
the R4-compatible release the installed fhir.resources ships, and the resources used here are the
same in R4.

The Bundle (type `collection`) holds a Patient with nothing but the sex entered (no name, no
identifier, no birth date), an Observation for each finding (its HPO term in `code`,
`valueBoolean` false for a normal result's absent terms), each lab value (LOINC in `code`, a
UCUM `valueQuantity`, with its comparator if reported only beyond a limit) and each antibody, a
Condition for each known cancer (ICD-10), and the screening summary as a plain-text
DocumentReference whose description is the disclaimer. The tool never acts on a live record:
this is a file to read.

Every id is a UUID derived from the case, so the same case always gives the same Bundle.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from typing import Any

from screener.models import Profile, Sex
from screener.rulebook import RuleBook

HPO_SYSTEM = "http://human-phenotype-ontology.org"
ICD10_SYSTEM = "http://hl7.org/fhir/sid/icd-10"
SNOMED_SYSTEM = "http://snomed.info/sct"
LOINC_SYSTEM = "http://loinc.org"
UCUM_SYSTEM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
POSITIVE = ("10828004", "Positive")
"""SNOMED CT's qualifier value for a positive test result."""
NOT_DETECTED = ("260415000", "Not detected")
"""SNOMED CT's qualifier value for a result reported as not detected."""
_GENDER = {Sex.FEMALE: "female", Sex.MALE: "male", Sex.UNSPECIFIED: "unknown"}


def _ids(profile: Profile) -> Any:
    """UUIDs for the case's resources, the same for the same case."""
    namespace = uuid.UUID(hashlib.sha256(profile.model_dump_json().encode()).hexdigest()[:32])
    return lambda name: f"urn:uuid:{uuid.uuid5(namespace, name)}"


def fhir_bundle(profile: Profile, summary: str, book: RuleBook) -> Any:
    """The Bundle of `profile`, with `summary` (the text report) as its DocumentReference."""
    from fhir.resources.R4B.bundle import Bundle, BundleEntry
    from fhir.resources.R4B.condition import Condition
    from fhir.resources.R4B.documentreference import DocumentReference, DocumentReferenceContent
    from fhir.resources.R4B.observation import Observation
    from fhir.resources.R4B.patient import Patient

    url = _ids(profile)
    patient_url = url("patient")
    subject = {"reference": patient_url}
    patient = Patient(gender=_GENDER[profile.sex]) if profile.sex else Patient()
    resources: list[tuple[str, Any]] = [(patient_url, patient)]

    def observation(name: str, category: str, code: dict[str, Any], **value: Any) -> None:
        resources.append(
            (
                url(name),
                Observation(
                    status="final",
                    category=[{"coding": [{"system": OBSERVATION_CATEGORY, "code": category}]}],
                    code=code,
                    subject=subject,
                    **value,
                ),
            )
        )

    for finding_id in profile.findings:
        finding = book.findings[finding_id]
        category = "exam"
        if finding.hpo_terms:
            term_id, label = finding.hpo_terms[0]
            code = {"coding": [{"system": HPO_SYSTEM, "code": term_id, "display": label}]}
            observation(
                f"finding:{finding_id}", category, code | {"text": finding.label}, valueBoolean=True
            )
        elif finding.hpo_absent_terms:
            for term_id, label in finding.hpo_absent_terms:
                code = {"coding": [{"system": HPO_SYSTEM, "code": term_id, "display": label}]}
                observation(
                    f"finding:{finding_id}:{term_id}",
                    category,
                    code | {"text": f"{label} (absent: {finding.label})"},
                    valueBoolean=False,
                )
        else:
            observation(
                f"finding:{finding_id}", category, {"text": finding.label}, valueBoolean=True
            )
    for lab in profile.labs:
        analyte = book.lab_by_id[lab.analyte]
        lab_code: dict[str, Any] = {
            "coding": [{"system": LOINC_SYSTEM, "code": analyte.loinc}],
            "text": analyte.label,
        }
        if lab.value is None:
            value: dict[str, Any] = {
                "valueCodeableConcept": {
                    "coding": [
                        {
                            "system": SNOMED_SYSTEM,
                            "code": NOT_DETECTED[0],
                            "display": NOT_DETECTED[1],
                        }
                    ]
                }
            }
        else:
            ucum = next(
                (u.ucum for u in analyte.alternative_units if u.unit == lab.unit), analyte.ucum
            )
            quantity = {"value": lab.value, "unit": lab.unit, "system": UCUM_SYSTEM, "code": ucum}
            if lab.censored is not None:
                quantity["comparator"] = "<" if lab.censored == "below" else ">"
            value = {"valueQuantity": quantity}
        observation(f"lab:{lab.analyte}", "laboratory", lab_code, **value)
    for antibody_id in profile.antibodies:
        observation(
            f"antibody:{antibody_id}",
            "laboratory",
            {"text": book.label("antibody", antibody_id)},
            valueCodeableConcept={
                "coding": [{"system": SNOMED_SYSTEM, "code": POSITIVE[0], "display": POSITIVE[1]}]
            },
        )
    for cancer_id in profile.cancers:
        cancer = book.cancer_by_id[cancer_id]
        resources.append(
            (
                url(f"cancer:{cancer_id}"),
                Condition(
                    category=[
                        {"coding": [{"system": CONDITION_CATEGORY, "code": "problem-list-item"}]}
                    ],
                    code={
                        "coding": [{"system": ICD10_SYSTEM, "code": cancer.icd10}],
                        "text": cancer.label,
                    },
                    subject=subject,
                ),
            )
        )
    resources.append(
        (
            url("summary"),
            DocumentReference(
                status="current",
                type={"text": "Educational screening summary (not a diagnosis)"},
                description=book.safety.disclaimer,
                subject=subject,
                content=[
                    DocumentReferenceContent(
                        attachment={
                            "contentType": "text/plain; charset=utf-8",
                            "language": "en",
                            "title": "Paraneoplastic Pattern Screener summary",
                            "data": base64.b64encode(summary.encode("utf-8")),
                        }
                    )
                ],
            ),
        )
    )
    return Bundle(
        type="collection",
        entry=[
            BundleEntry(fullUrl=full_url, resource=resource) for full_url, resource in resources
        ],
    )


def render_fhir(profile: Profile, summary: str, book: RuleBook) -> str:
    """The Bundle as FHIR JSON."""
    text: str = fhir_bundle(profile, summary, book).model_dump_json(indent=2, exclude_none=True)
    return text + "\n"
