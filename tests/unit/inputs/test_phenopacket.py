"""Phenopackets in and out: a Phenopacket of a rule's own example screens as the example does,
excluded features are never entered (and enter a normal result where the vocabulary has one),
what cannot be used is listed, export → import gives the same case, and a hostile Phenopacket is
refused in words, never with a traceback."""

from __future__ import annotations

import json
from typing import Any

import pytest
from google.protobuf import json_format
from hypothesis import given, settings
from hypothesis import strategies as st
from phenopackets import (
    Age,
    Disease,
    Individual,
    Measurement,
    MetaData,
    OntologyClass,
    Phenopacket,
    PhenotypicFeature,
    Quantity,
    TimeElement,
    Value,
)

from screener.engine import screen
from screener.inputs.phenopacket import (
    MAX_DEPTH,
    MAX_PHENOPACKET_BYTES,
    PhenopacketError,
    phenopacket_case,
)
from screener.models import LabValue, Profile
from screener.report.phenopacket import render_phenopacket
from screener.rulebook import RuleBook
from tests.support.books import real_book


def packet_json(**parts: Any) -> str:
    """A Phenopacket made with the schema's own classes, as another tool would write it."""
    meta = MetaData(created_by="another tool", phenopacket_schema_version="2.0")
    meta.created.FromJsonString("2024-01-01T00:00:00Z")
    text: str = json_format.MessageToJson(Phenopacket(id="p1", meta_data=meta, **parts))
    return text


def feature(term_id: str, label: str = "", *, excluded: bool = False, **more: Any) -> Any:
    return PhenotypicFeature(type=OntologyClass(id=term_id, label=label), excluded=excluded, **more)


def outcome(profile: Profile, book: RuleBook) -> list[tuple[str, str]]:
    return [(m.syndrome, m.tier.value) for m in screen(profile, book).matches]


POSITIVE_EXAMPLES = [
    (syndrome.id, j)
    for syndrome in real_book().syndromes
    for j, example in enumerate(syndrome.examples)
    if example.expect != "no_match"
]


@pytest.mark.parametrize(("syndrome_id", "index"), POSITIVE_EXAMPLES)
def test_the_phenopacket_of_a_rule_example_screens_as_the_example(
    book: RuleBook, syndrome_id: str, index: int
) -> None:
    example = Profile.of(book.syndrome_by_id[syndrome_id].examples[index])
    case = phenopacket_case(render_phenopacket(example, book), book)
    assert case.profile == example
    assert outcome(case.profile, book) == outcome(example, book)


def test_a_phenopacket_from_another_tool_maps_hpo_terms_icd10_age_and_sex(book: RuleBook) -> None:
    document = packet_json(
        subject=Individual(
            id="patient 7",
            sex="MALE",
            time_at_last_encounter=TimeElement(age=Age(iso8601duration="P58Y4M")),
        ),
        phenotypic_features=[
            # Proximal lower limb muscle weakness, Xerostomia, Hyporeflexia of lower limbs.
            feature("HP:0008994", "Proximal lower limb muscle weakness"),
            feature("HP:0000217", "Xerostomia"),
            feature("HP:0002600", "Hyporeflexia of lower limbs"),
        ],
        diseases=[Disease(term=OntologyClass(id="ICD10:C34", label="Small cell lung cancer"))],
    )
    case = phenopacket_case(document, book)
    assert case.profile.age_band == "40-64" and case.profile.sex == "male"
    assert case.profile.cancers == ("sclc",)
    assert {"proximal_leg_weakness", "dry_mouth", "reduced_reflexes"} <= set(case.profile.findings)
    assert "lems" in [m.syndrome for m in screen(case.profile, book).matches]
    # Hyporeflexia of the legs is read through its parent, and says so.
    assert any("HP:0002600" in note and "2 steps up" in note for note in case.notes)


def test_excluded_features_are_never_entered_and_enter_a_normal_result(book: RuleBook) -> None:
    case = phenopacket_case(
        packet_json(
            phenotypic_features=[
                feature("HP:0001315", "Reduced tendon reflexes", excluded=True),
                feature("HP:0001347", "Hyperreflexia", excluded=True),
                feature("HP:0003236", "Elevated circulating creatine kinase", excluded=True),
                feature("HP:0001250", "Seizure", excluded=True),
            ]
        ),
        book,
    )
    assert "reduced_reflexes" not in case.profile.findings
    assert "seizures" not in case.profile.findings
    assert "normal_reflexes" in case.profile.findings
    # An excluded raised CK is not a normal CK: a low one is still possible.
    assert "normal_ck" not in case.profile.findings
    assert any(
        "HP:0001250" in note and "no normal or negative result records its absence" in note
        for note in case.notes
    )


def test_a_feature_both_observed_and_excluded_is_not_entered(book: RuleBook) -> None:
    case = phenopacket_case(
        packet_json(
            phenotypic_features=[feature("HP:0001250"), feature("HP:0001250", excluded=True)]
        ),
        book,
    )
    assert "seizures" not in case.profile.findings
    assert any("both observed and excluded" in note for note in case.notes)


def test_what_cannot_be_used_is_listed(book: RuleBook) -> None:
    case = phenopacket_case(
        packet_json(
            subject=Individual(
                id="x", time_at_last_encounter=TimeElement(age=Age(iso8601duration="P3Q"))
            ),
            phenotypic_features=[
                feature("HP:9999999"),
                feature("MONDO:0005233", "non-small cell lung carcinoma"),
                feature("HP:0000118", "Phenotypic abnormality"),
                feature("HP:0001250", onset=TimeElement(age=Age(iso8601duration="P40Y"))),
            ],
            diseases=[
                Disease(term=OntologyClass(id="ICD10:C34.1")),
                Disease(term=OntologyClass(id="NCIT:C4917", label="Small Cell Lung Carcinoma")),
                Disease(term=OntologyClass(id="ICD10:J45", label="Asthma")),
                Disease(term=OntologyClass(id="ICD10:C50", label="Breast"), excluded=True),
            ],
        ),
        book,
    )
    assert case.profile.findings == ("seizures",)
    assert case.profile.cancers == ()
    notes = "\n".join(case.notes)
    for expected in (
        "HP:9999999': not in the HPO, so not used",
        "MONDO:0005233' 'non-small cell lung carcinoma': not an HPO term",
        "HP:0000118' 'Phenotypic abnormality': nothing is coded with it",
        "an onset given as an age, a date or an interval: not used",
        "ICD10:C34.1': could be any of Small cell lung cancer, Non-small cell lung cancer",
        "NCIT:C4917' 'Small Cell Lung Carcinoma': not an ICD-10 code",
        "ICD10:J45' 'Asthma': not a cancer in this rule book",
        "ICD10:C50' 'Breast': excluded, so no cancer entered",
        "age 'P3Q': not an ISO 8601 age",
    ):
        assert expected in notes


def test_export_then_import_gives_the_same_case_for_every_kind_of_entry(book: RuleBook) -> None:
    profile = Profile(
        findings=("dry_mouth", "normal_reflexes", "jak2_negative", "proximal_leg_weakness"),
        cancers=("sclc", "thymic_net", "head_neck_squamous"),
        antibodies=("vgcc_pq",),
        age_band="65+",
        sex="female",
        follow_up="2_years_or_more",
    )
    document = render_phenopacket(profile, book)
    packet = json.loads(document)
    assert packet["metaData"]["phenopacketSchemaVersion"] == "2.0"
    assert {r["namespacePrefix"] for r in packet["metaData"]["resources"]} == {
        "HP",
        "ICD10",
        "PNS",
    }
    assert "patient" not in document.lower()
    case = phenopacket_case(document, book)
    assert case.profile == profile
    assert case.notes == ()


def test_a_phenopacket_of_50_terms_enters_50_findings(
    book: RuleBook,
) -> None:
    coded = [f for f in book.enterable_findings.values() if f.hpo_ids and not f.narrower_than_hpo]
    coded = coded[:50]
    document = packet_json(phenotypic_features=[feature(f.hpo_ids[0]) for f in coded])
    case = phenopacket_case(document, book)
    assert len(case.profile.findings) == 50


def measurement(loinc: str, value: float, ucum: str, label: str = "") -> Any:
    return Measurement(
        assay=OntologyClass(id=f"LOINC:{loinc}"),
        value=Value(
            quantity=Quantity(unit=OntologyClass(id=f"UCUM:{ucum}", label=label), value=value)
        ),
    )


def test_measurements_with_loinc_and_ucum_become_lab_values(book: RuleBook) -> None:
    case = phenopacket_case(
        packet_json(
            measurements=[
                measurement("2951-2", 121, "mmol/L"),  # sodium
                measurement("777-3", 45, "10*9/L"),  # platelets, in UCUM's own spelling
                measurement("15074-8", 50, "mg/dL"),  # glucose in mg/dL
                measurement("99999-9", 1, "g/L"),  # no such lab
                measurement("718-7", 14, "mmol/L"),  # haemoglobin in a unit it is not given in
                measurement("2823-3", 40, "mmol/L"),  # potassium no living person has
            ]
        ),
        book,
    )
    labs = {lab.analyte: (lab.value, lab.unit) for lab in case.profile.labs}
    assert labs == {
        "sodium": (121, "mmol/L"),
        "platelets": (45, "×10⁹/L"),
        "glucose": (50, "mg/dL"),
    }
    assert {"very_low_sodium", "platelets_below_50", "low_glucose"} <= {
        t.finding for r in screen(case.profile, book).labs for t in r.crossed
    }
    notes = "\n".join(case.notes)
    assert "'LOINC:99999-9': a LOINC code of no lab in this rule book, so not used" in notes
    assert "the unit 'UCUM:mmol/L' is not one of Haemoglobin's" in notes
    assert "Potassium 40 mmol/L is outside the range a living person can have" in notes


def test_results_beyond_a_limit_and_not_detected_survive_export_and_import(
    book: RuleBook,
) -> None:
    profile = Profile(
        labs=(
            LabValue(analyte="cortisol", value=50, unit="nmol/L", censored="below"),
            LabValue(analyte="ferritin", value=2000, unit="ng/mL", censored="above"),
            LabValue(analyte="psa", value=None, unit="µg/L", censored="below"),
            LabValue(analyte="tsh", value=4.5, unit="mIU/L"),
        )
    )
    case = phenopacket_case(render_phenopacket(profile, book), book)
    assert (case.profile, case.notes) == (profile, ())


# --- Hostile Phenopackets ---------------------------------------------------------------------

GOOD = json.loads(packet_json(phenotypic_features=[feature("HP:0001250", "Seizure")]))

HOSTILE = {
    "not_utf8": (b'{"id": "p\xff"}', "the Phenopacket is not UTF-8 text (byte 0xff"),
    "huge": (
        b'{"id": "' + b"x" * (MAX_PHENOPACKET_BYTES + 1) + b'"}',
        f"the Phenopacket is larger than {MAX_PHENOPACKET_BYTES:,} bytes",
    ),
    "deep": (
        json.dumps({"id": "p", "subject": {"id": "s"}} | {"x": _deep}).encode()
        if (_deep := json.loads("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)))
        else b"",
        f"nested more than {MAX_DEPTH} levels deep",
    ),
    "very_deep": (b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
    "unknown_field": (
        json.dumps(GOOD | {"patientName": "Jane Doe"}).encode(),
        "unknown field 'patientName' in 'the top level'",
    ),
    "unknown_nested_field": (
        json.dumps(GOOD | {"subject": {"id": "s", "favouriteColour": "red"}}).encode(),
        "unknown field 'favouriteColour' in 'subject'",
    ),
    "wrong_type": (
        json.dumps(GOOD | {"phenotypicFeatures": [{"type": {"id": 7}}]}).encode(),
        "does not follow the schema",
    ),
    "wrong_enum": (
        json.dumps(GOOD | {"subject": {"sex": "<b>BANANA</b>"}}).encode(),
        "Invalid enum value <b>BANANA</b>",
    ),
    "list_for_object": (
        json.dumps(GOOD | {"subject": []}).encode(),
        "the Phenopacket does not follow the schema: 'subject' should be an object, not a list",
    ),
    "word_for_object": (
        json.dumps(GOOD | {"subject": "Jane"}).encode(),
        "'subject' should be an object, not text",
    ),
    "object_for_list": (
        json.dumps(GOOD | {"diseases": {"term": {"id": "ICD10:C34"}}}).encode(),
        "'diseases' should be a list, not an object",
    ),
    "text_in_list": (
        json.dumps(GOOD | {"phenotypicFeatures": ["HP:0001250"]}).encode(),
        "'phenotypicFeatures[0]' should be an object, not text",
    ),
    "repeated_key": (b'{"id": "a", "id": "b", "metaData": {}}', "the key 'id' is given more"),
    "version_1": (
        json.dumps({"id": "p", "metaData": {"phenopacketSchemaVersion": "1.0"}}).encode(),
        "version '1.0' Phenopacket; the screener reads version 2",
    ),
    "not_an_object": (b'["HP:0001250"]', "the Phenopacket must be a JSON object"),
    "too_many": (
        json.dumps(GOOD | {"phenotypicFeatures": [{}] * 2_001}).encode(),
        "a list of more than 2,000 entries",
    ),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_phenopacket_is_refused_in_words(book: RuleBook, case: str) -> None:
    document, message = HOSTILE[case]
    with pytest.raises(PhenopacketError) as refused:
        phenopacket_case(document, book)
    (problem,) = refused.value.problems
    assert message in problem
    assert "\n" not in problem and len(problem) < 400


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
_fields = st.sampled_from(
    ["id", "subject", "phenotypicFeatures", "diseases", "metaData", "measurements", "files"]
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_fields, _json, max_size=5))
def test_any_json_is_read_or_refused_in_words(document: dict[str, object]) -> None:
    book = real_book()
    try:
        phenopacket_case(json.dumps(document), book)
    except PhenopacketError as error:
        assert error.problems and all(isinstance(p, str) for p in error.problems)
