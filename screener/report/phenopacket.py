"""A case as a GA4GH Phenopacket (v2, JSON), built with the schema's own protobuf classes.

Written so that reading it back (`screener.inputs.phenopacket`) gives the same case, so the same
screening:

- each finding as a phenotypic feature with its first HPO term, where that term reads back as
  this finding alone; a normal or negative result as the excluded terms whose absence it
  records; any other finding (one narrower than its term, or uncoded) as this screener's own
  `PNS:` term, which other tools can see is not an HPO term;
- antibodies and the follow-up as `PNS:` features (the HPO has no term for them);
- each lab value as a measurement: its LOINC code, the value and its UCUM unit (a result reported
  only as below or above a limit as a complex value typed `PNS:censored.below` or `.above`, one
  reported as not detected as `PNS:not_detected`);
- each cancer as a disease with its ICD-10 code, labelled with the cancer's name, which tells
  apart the cancers that share a code (small cell and non-small cell lung cancer are both C34);
- the age band as an age range, the sex as the subject's sex.

No id, name or date of a person is written: the Phenopacket's id is derived from the case itself,
and the only date is the file's creation, which the schema requires.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from google.protobuf import json_format

from screener.inputs.hpo_terms import coded_antibodies, coded_findings
from screener.inputs.phenopacket import (
    CENSORED_ID,
    FOLLOW_UP_ID,
    NOT_DETECTED_ID,
    PNS_PREFIX,
    SCHEMA_VERSION,
)
from screener.models import AgeBand, Profile, Sex
from screener.present import words
from screener.rulebook import RuleBook

AGE_RANGES = {
    AgeBand.CHILD: ("P0Y", "P17Y"),
    AgeBand.YOUNG_ADULT: ("P18Y", "P39Y"),
    AgeBand.MIDDLE_AGED: ("P40Y", "P64Y"),
    AgeBand.OLDER: ("P65Y", "P120Y"),
}
"""Each band as the ages it spans; 65+ ends at an age no one reaches."""
_SEX = {Sex.FEMALE: "FEMALE", Sex.MALE: "MALE", Sex.UNSPECIFIED: "OTHER_SEX"}


def case_id(profile: Profile) -> str:
    """An id for the case, the same for the same facts, that names no one."""
    digest = hashlib.sha256(profile.model_dump_json().encode()).hexdigest()
    return f"pns-case-{digest[:16]}"


def phenopacket_message(
    profile: Profile, book: RuleBook, created: dt.datetime | None = None
) -> Any:
    """The Phenopacket message of `profile`."""
    from phenopackets import (
        Age,
        AgeRange,
        ComplexValue,
        Disease,
        Individual,
        Measurement,
        MetaData,
        OntologyClass,
        Phenopacket,
        PhenotypicFeature,
        Quantity,
        Resource,
        TimeElement,
        TypedQuantity,
        Value,
    )

    prefixes: set[str] = set()

    def own(item_id: str, label: str, *, excluded: bool = False) -> Any:
        prefixes.add(PNS_PREFIX)
        return PhenotypicFeature(
            type=OntologyClass(id=f"{PNS_PREFIX}:{item_id}", label=label), excluded=excluded
        )

    coded = coded_findings(book.enterable_findings)
    features = []
    for finding_id in profile.findings:
        finding = book.findings[finding_id]
        if finding.hpo_terms and coded.get(finding.hpo_ids[0]) == (finding_id,):
            prefixes.add("HP")
            term_id, label = finding.hpo_terms[0]
            features.append(PhenotypicFeature(type=OntologyClass(id=term_id, label=label)))
        elif finding.hpo_absent_terms:
            prefixes.add("HP")
            features += [
                PhenotypicFeature(type=OntologyClass(id=term_id, label=label), excluded=True)
                for term_id, label in finding.hpo_absent_terms
            ]
        else:
            features.append(own(finding_id, finding.label))
    antibody_codes = coded_antibodies(book.antibody_by_id)
    for antibody_id in profile.antibodies:
        antibody = book.antibody_by_id[antibody_id]
        if antibody.hpo_terms and antibody_codes.get(antibody.hpo_ids[0]) == (antibody_id,):
            prefixes.add("HP")
            term_id, label = antibody.hpo_terms[0]
            features.append(PhenotypicFeature(type=OntologyClass(id=term_id, label=label)))
        else:
            features.append(own(antibody_id, antibody.label))
    if profile.follow_up is not None:
        features.append(
            own(
                f"{FOLLOW_UP_ID}.{profile.follow_up.value}",
                f"Followed up without a cancer found: {words.FOLLOW_UP[profile.follow_up]}",
            )
        )
    measurements = []
    for lab in profile.labs:
        prefixes |= {"LOINC", "UCUM"}
        analyte = book.lab_by_id[lab.analyte]
        assay = OntologyClass(id=f"LOINC:{analyte.loinc}", label=analyte.label)
        if lab.value is None:
            prefixes.add(PNS_PREFIX)
            not_detected = OntologyClass(id=f"{PNS_PREFIX}:{NOT_DETECTED_ID}", label="not detected")
            measurements.append(Measurement(assay=assay, value=Value(ontology_class=not_detected)))
            continue
        ucum = next((u.ucum for u in analyte.alternative_units if u.unit == lab.unit), analyte.ucum)
        quantity = Quantity(unit=OntologyClass(id=f"UCUM:{ucum}", label=lab.unit), value=lab.value)
        if lab.censored is None:
            measurements.append(Measurement(assay=assay, value=Value(quantity=quantity)))
        else:
            prefixes.add(PNS_PREFIX)
            side = OntologyClass(
                id=f"{PNS_PREFIX}:{CENSORED_ID}.{lab.censored}",
                label=f"reported only as {lab.censored} this limit",
            )
            limit = TypedQuantity(type=side, quantity=quantity)
            measurements.append(
                Measurement(assay=assay, complex_value=ComplexValue(typed_quantities=[limit]))
            )
    diseases = []
    for cancer_id in profile.cancers:
        prefixes.add("ICD10")
        cancer = book.cancer_by_id[cancer_id]
        diseases.append(Disease(term=OntologyClass(id=f"ICD10:{cancer.icd10}", label=cancer.label)))
    subject = Individual(id=case_id(profile))
    if profile.sex is not None:
        subject.sex = _SEX[profile.sex]
    if profile.age_band is not None:
        start, end = AGE_RANGES[profile.age_band]
        subject.time_at_last_encounter.CopyFrom(
            TimeElement(
                age_range=AgeRange(start=Age(iso8601duration=start), end=Age(iso8601duration=end))
            )
        )
    meta = MetaData(
        created_by=f"Paraneoplastic Pattern Screener, rule book {book.info.version}",
        phenopacket_schema_version=SCHEMA_VERSION,
        resources=[_resource(p, book, Resource) for p in sorted(prefixes)],
    )
    meta.created.FromDatetime(created or dt.datetime.now(dt.UTC))
    return Phenopacket(
        id=case_id(profile),
        subject=subject,
        phenotypic_features=features,
        measurements=measurements,
        diseases=diseases,
        meta_data=meta,
    )


def _resource(prefix: str, book: RuleBook, resource: Any) -> Any:
    if prefix == "HP":
        return resource(
            id="hp",
            name="human phenotype ontology",
            url="http://purl.obolibrary.org/obo/hp.json",
            version=book.orphanet.release.ontology.isoformat(),
            namespace_prefix="HP",
            iri_prefix="http://purl.obolibrary.org/obo/HP_",
        )
    if prefix == "LOINC":
        return resource(
            id="loinc",
            name="Logical Observation Identifiers Names and Codes",
            url="https://loinc.org",
            version="2.80",
            namespace_prefix="LOINC",
            iri_prefix="https://loinc.org/",
        )
    if prefix == "UCUM":
        return resource(
            id="ucum",
            name="Unified Code for Units of Measure",
            url="https://ucum.org",
            version="2.2",
            namespace_prefix="UCUM",
            iri_prefix="https://ucum.org/ucum#",
        )
    if prefix == "ICD10":
        return resource(
            id="icd10",
            name="International Statistical Classification of Diseases, 10th Revision (WHO)",
            url="https://icd.who.int/browse10/2019/en",
            version="2019",
            namespace_prefix="ICD10",
            iri_prefix="https://icd.who.int/browse10/2019/en#/",
        )
    return resource(
        id="pns",
        name=f"{book.info.title}: findings, antibodies and follow-up",
        url="urn:paraneoplastic-pattern-screener:rule-book",
        version=book.info.version,
        namespace_prefix=PNS_PREFIX,
        iri_prefix="urn:paraneoplastic-pattern-screener:",
    )


def render_phenopacket(profile: Profile, book: RuleBook, created: dt.datetime | None = None) -> str:
    """`profile` as Phenopacket JSON (the schema's camelCase field names)."""
    message = phenopacket_message(profile, book, created)
    text: str = json_format.MessageToJson(message, indent=2, ensure_ascii=False)
    return text + "\n"
