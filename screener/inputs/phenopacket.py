"""A GA4GH Phenopacket (v2, JSON) → a `Profile`, with every part that could not be used listed.

Read strictly, like a profile (`profile_json.read_json`: UTF-8, a size limit, no repeated keys),
nested no deeper than a Phenopacket needs, then by the schema's own protobuf parser, which refuses
unknown fields and values of the wrong type. Then, part by part:

- phenotypic features: HPO terms through the HPO hierarchy (`hpo_terms`), to findings and to
  antibody results (an antibody-positivity term); an excluded feature is
  never entered, and enters a normal or negative result where the vocabulary has one; a feature's
  onset or modifiers, when they are HPO terms, go through the same mapping;
- measurements: a LOINC code with a value and a UCUM unit → a lab value (a result reported only
  as below or above a limit, or as not detected, in this screener's own `PNS:` terms);
- diseases: ICD-10 codes → the rule book's cancers (a code that several cancers share is told
  apart by the term's label, as this screener's own export writes it);
- the subject's age (→ age band) and sex;
- `PNS:` terms, this screener's own vocabulary (`PNS_PREFIX`), for what the HPO and ICD-10 cannot
  say: findings without an HPO term, antibodies and the follow-up.

Nothing else is read, and each part left unused is named in `PhenopacketCase.notes`, so nothing is
dropped silently. Ids, names and dates are never kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from screener.inputs.hpo_terms import (
    HpoMapping,
    HpoOntology,
    TermMapping,
    map_excluded_hpo_terms,
    map_hpo_terms,
)
from screener.inputs.numbers import shown
from screener.inputs.profile_json import read_json
from screener.models import AgeBand, FollowUp, LabValue, Profile, ProfileError, Sex
from screener.rulebook import RuleBook
from screener.rulebook.labs import canonical_unit, check_lab_value

MAX_PHENOPACKET_BYTES = 1_000_000
"""Far more than a case's Phenopacket needs; a cohort's is not a case."""
MAX_DEPTH = 24
"""JSON nesting: a Phenopacket's deepest parts (a variant's interpretation) need about 12."""
MAX_ITEMS = 2_000
"""Entries of any one list (features, diseases…): enough for any patient."""

PNS_PREFIX = "PNS"
"""The CURIE prefix of this screener's own ids (`PNS:dry_mouth`, `PNS:vgcc_pq`,
`PNS:follow_up.2_years_or_more`), declared in the Phenopacket's resources."""
FOLLOW_UP_ID = "follow_up"
"""`PNS:follow_up.<value>`: the time followed without a cancer found (a `.` cannot be in a book
id, so it never names a finding)."""
ICD10_PREFIXES = ("ICD10", "ICD10CM")

CENSORED_ID = "censored"
"""`PNS:censored.below` / `.above`: a complex value's type for a result reported only as
beyond a limit ('< 5'); the quantity is the limit."""
NOT_DETECTED_ID = "not_detected"
"""`PNS:not_detected`: a result reported as not detected, without a limit."""

SCHEMA_VERSION = "2.0"

_AGE = re.compile(r"P(?:(\d{1,3})Y)?(?:(\d{1,4})M)?(?:(\d{1,5})W)?(?:(\d{1,6})D)?")
_ICD10 = re.compile(r"([A-Z])(\d{2})(?:\.(\d{1,4}))?")
_SEX = {"FEMALE": Sex.FEMALE, "MALE": Sex.MALE, "OTHER_SEX": Sex.UNSPECIFIED}
_BAND_STARTS = ((65, AgeBand.OLDER), (40, AgeBand.MIDDLE_AGED), (18, AgeBand.YOUNG_ADULT))
_PART_NAMES = {
    "biosamples": "biosamples",
    "interpretations": "interpretations (genomic findings)",
    "medicalActions": "medical actions (treatments and procedures)",
    "files": "files",
}


class PhenopacketError(ProfileError):
    """The Phenopacket cannot be read at all; `problems` says why, in words."""


@dataclass(frozen=True)
class PhenopacketCase:
    profile: Profile
    notes: tuple[str, ...]
    """What was read other than as given (through an ancestor term, an obsolete id replaced)
    and everything that could not be used, one sentence each."""


def is_phenopacket(data: object) -> bool:
    """Whether a JSON document is shaped like a Phenopacket rather than a profile."""
    return isinstance(data, dict) and bool(
        {"metaData", "meta_data", "phenotypicFeatures", "phenotypic_features", "subject"}
        & set(data)
    )


def read_phenopacket(document: str | bytes) -> Any:
    """The Phenopacket protobuf message of a JSON document, or `PhenopacketError`."""
    try:
        data = read_json(document, "Phenopacket", MAX_PHENOPACKET_BYTES)
    except ProfileError as error:
        raise PhenopacketError(list(error.problems)) from None
    return parse_phenopacket(data)


def parse_phenopacket(data: object) -> Any:
    """`data` (parsed JSON) as a Phenopacket message, or `PhenopacketError` saying what is
    wrong: a Phenopacket of another version, an unknown field, a value of the wrong type."""
    # Imported here: protobuf and the schema's modules cost a moment at the app's start, paid
    # only when a Phenopacket is read.
    from google.protobuf import json_format
    from phenopackets.schema.v2.phenopackets_pb2 import Phenopacket

    if not isinstance(data, dict):
        raise PhenopacketError(["the Phenopacket must be a JSON object"])
    _check_shape(data)
    version = data.get("metaData", data.get("meta_data", {}))
    version = version.get("phenopacketSchemaVersion", "") if isinstance(version, dict) else ""
    if isinstance(version, str) and version.startswith("1"):
        raise PhenopacketError(
            [f"this is a version {shown(version)} Phenopacket; the screener reads version 2"]
        )
    _check_types(data, Phenopacket.DESCRIPTOR, "")
    packet = Phenopacket()
    try:
        json_format.ParseDict(data, packet, max_recursion_depth=MAX_DEPTH)
    except (json_format.ParseError, ValueError, TypeError, RecursionError) as error:
        raise PhenopacketError(
            [f"the Phenopacket does not follow the schema: {_words(error)}"]
        ) from None
    return packet


def _check_shape(data: object) -> None:
    """Refuse nesting deeper, or lists longer, than a patient's Phenopacket has."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise PhenopacketError([f"the Phenopacket is nested more than {MAX_DEPTH} levels deep"])
        children: Iterable[object] = ()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            if len(item) > MAX_ITEMS:
                raise PhenopacketError(
                    [f"the Phenopacket has a list of more than {MAX_ITEMS:,} entries"]
                )
            children = item
        stack.extend((child, depth + 1) for child in children)


_JSON_KIND = {dict: "an object", list: "a list", str: "text", bool: "true or false"}


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return _JSON_KIND.get(type(value), "a number")


def _check_types(data: dict[str, object], descriptor: Any, path: str) -> None:
    """Refuse an object where a list belongs, or the other way round, saying where: protobuf's
    parser reads a list of text, or even a word, as an object's keys, and an empty list as an
    empty object, with a message about unknown fields."""
    for key, value in data.items():
        field = descriptor.fields_by_camelcase_name.get(key) or descriptor.fields_by_name.get(key)
        if field is None or field.message_type is None:
            continue
        at = f"{path}.{key}" if path else key
        own = field.message_type.full_name.startswith("org.")
        if field.message_type.GetOptions().map_entry:
            wanted: type = dict
        elif field.is_repeated:
            wanted = list
        elif own:
            wanted = dict
        else:
            continue  # a well-known type (a timestamp is text in JSON)
        if not isinstance(value, wanted):
            raise PhenopacketError(
                [
                    f"the Phenopacket does not follow the schema: {shown(at, 60)} should be "
                    f"{_JSON_KIND[wanted]}, not {_kind(value)}"
                ]
            )
        if not own or field.message_type.GetOptions().map_entry:
            continue
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            where = f"{at}[{i}]" if isinstance(value, list) else at
            if isinstance(item, dict):
                _check_types(item, field.message_type, where)
            elif isinstance(value, list):
                raise PhenopacketError(
                    [
                        f"the Phenopacket does not follow the schema: {shown(where, 60)} should "
                        f"be an object, not {_kind(item)}"
                    ]
                )


_NO_FIELD = re.compile(r'Message type "[\w.]+" has no field named "(.*)" at "([^"]*)"')


def _words(error: Exception) -> str:
    """protobuf's message, without its chain of 'Failed to parse … field:' and type names."""
    text = str(error).split("\n")[0].strip()
    text = re.sub(r"(?:Failed to parse \w+ field: )+", "", text)
    if found := _NO_FIELD.search(text):
        where = found.group(2).removeprefix("Phenopacket").lstrip(".") or "the top level"
        return f"unknown field {shown(found.group(1), 40)} in {shown(where, 60)}"
    text = text.replace("org.phenopackets.schema.v2.core.", "").replace("Phenopacket.", "")
    return shown(text.rstrip("."), 200).strip("'")


def phenopacket_case(
    document: str | bytes, book: RuleBook, ontology: HpoOntology | None = None
) -> PhenopacketCase:
    """The case a Phenopacket describes. Raises `PhenopacketError` if it cannot be read."""
    return case_of(read_phenopacket(document), book, ontology)


def case_of(packet: Any, book: RuleBook, ontology: HpoOntology | None = None) -> PhenopacketCase:
    """The case of a parsed Phenopacket (`parse_phenopacket`), and what was not used."""
    reading = _Reading(book)
    reading.features(packet.phenotypic_features, ontology)
    reading.diseases(packet.diseases)
    reading.measurements(packet.measurements)
    reading.subject(packet)
    for field, words in _PART_NAMES.items():
        if getattr(packet, _snake(field)):
            reading.note(f"{words}: not used by the screener")
    profile = Profile(
        findings=tuple(reading.findings),
        cancers=tuple(reading.cancers),
        labs=tuple(reading.labs.values()),
        antibodies=tuple(reading.antibodies),
        age_band=reading.age_band,
        sex=reading.sex,
        follow_up=reading.follow_up,
    )
    return PhenopacketCase(profile, tuple(dict.fromkeys(reading.notes)))


def _snake(camel: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", camel).lower()


def _term(ontology_class: Any) -> str:
    """An ontology class as a reader would name it: its id and label."""
    label = f" {shown(ontology_class.label, 60)}" if ontology_class.label else ""
    return f"{shown(ontology_class.id, 40)}{label}"


class _Reading:
    """What has been read so far, and what could not be."""

    def __init__(self, book: RuleBook) -> None:
        self.book = book
        self.findings: list[str] = []
        self.cancers: list[str] = []
        self.antibodies: list[str] = []
        self.labs: dict[str, LabValue] = {}
        self.age_band: AgeBand | None = None
        self.sex: Sex | None = None
        self.follow_up: FollowUp | None = None
        self.notes: list[str] = []

    def note(self, text: str) -> None:
        self.notes.append(text)

    # --- Phenotypic features ------------------------------------------------------------

    def features(self, features: Iterable[Any], ontology: HpoOntology | None) -> None:
        observed: list[str] = []
        excluded: list[str] = []
        qualifiers: list[tuple[str, Any]] = []
        extras = False
        for feature in features:
            prefix, _, local = feature.type.id.partition(":")
            if prefix == "HP":
                (excluded if feature.excluded else observed).append(feature.type.id)
            elif prefix == PNS_PREFIX:
                self._own_term(local, feature)
            else:
                self.note(f"feature {_term(feature.type)}: not an HPO term, so not used")
            if feature.HasField("onset"):
                qualifiers.append(("onset", feature.onset))
            qualifiers += [("modifier", m) for m in feature.modifiers]
            extras = extras or bool(feature.HasField("severity") or feature.evidence)
            extras = extras or bool(feature.description or feature.HasField("resolution"))
        if observed or excluded or qualifiers:
            self._hpo(observed, excluded, qualifiers, ontology)
        if extras:
            self.note("the severity, evidence, resolution and descriptions of features: not used")

    def _hpo(
        self,
        observed: list[str],
        excluded: list[str],
        qualifiers: list[tuple[str, Any]],
        ontology: HpoOntology | None,
    ) -> None:
        findings = self.book.enterable_findings
        terms = [(kind, q.ontology_class.id) for kind, q in qualifiers if kind == "modifier"]
        terms += [
            ("onset", q.ontology_class.id)
            for kind, q in qualifiers
            if kind == "onset" and q.HasField("ontology_class")
        ]
        for kind, q in qualifiers:
            if kind == "onset" and not q.HasField("ontology_class"):
                self.note(
                    "an onset given as an age, a date or an interval: not used (the screener "
                    "keeps no dates)"
                )
        hpo_terms = [t for _, t in terms if t.startswith("HP:")]
        for kind, term_id in terms:
            if not term_id.startswith("HP:"):
                self.note(f"{kind} {shown(term_id, 40)}: not an HPO term, so not used")
        present = map_hpo_terms(
            [*observed, *hpo_terms], findings, ontology, antibodies=self.book.antibody_by_id
        )
        absent = map_excluded_hpo_terms(excluded, findings, ontology)
        excluded_ids = set(excluded)
        contradicted = {f for f in present.findings if excluded_ids & set(findings[f].hpo_ids)}
        for f in sorted(contradicted):
            self.note(
                f"{self.book.label('finding', f)}: both observed and excluded, so not entered"
            )
        self.findings += [f for f in present.findings if f not in contradicted]
        self.findings += absent.findings
        self.antibodies += present.antibodies
        for mapping, excluded_term in ((present, False), (absent, True)):
            self.notes += _mapping_notes(mapping, self.book, excluded=excluded_term)

    def _own_term(self, local: str, feature: Any) -> None:
        book = self.book
        if feature.excluded:
            self.note(f"excluded {_term(feature.type)}: not entered")
        elif local in book.enterable_findings:
            self.findings.append(local)
        elif local in book.antibody_by_id:
            self.antibodies.append(local)
        elif local.partition(".")[0] == FOLLOW_UP_ID and local.partition(".")[2] in set(FollowUp):
            self.follow_up = FollowUp(local.partition(".")[2])
        else:
            self.note(f"feature {_term(feature.type)}: not in this rule book, so not used")

    # --- Diseases -----------------------------------------------------------------------

    def diseases(self, diseases: Iterable[Any]) -> None:
        for disease in diseases:
            prefix, _, code = disease.term.id.partition(":")
            if disease.excluded:
                self.note(f"disease {_term(disease.term)}: excluded, so no cancer entered")
            elif prefix == PNS_PREFIX and code in self.book.cancer_by_id:
                self.cancers.append(code)
            elif prefix.upper() in ICD10_PREFIXES:
                self._icd10(code.upper(), disease.term)
            else:
                self.note(
                    f"disease {_term(disease.term)}: not an ICD-10 code, so not used (the rule "
                    "book codes its cancers in ICD-10)"
                )

    def _icd10(self, code: str, term: Any) -> None:
        matching = cancers_for_icd10(code, self.book)
        if len(matching) > 1:
            label = term.label.casefold()
            named = [
                c
                for c in matching
                if label
                in {
                    n.casefold()
                    for n in (self.book.cancer_by_id[c].label, *self.book.cancer_by_id[c].synonyms)
                }
            ]
            matching = named or matching
        if len(matching) == 1:
            self.cancers.append(matching[0])
        elif matching:
            names = ", ".join(self.book.label("cancer", c) for c in matching)
            self.note(
                f"disease {_term(term)}: could be any of {names}, so none entered (choose the "
                "cancer on the page)"
            )
        else:
            self.note(f"disease {_term(term)}: not a cancer in this rule book, so not used")

    # --- Measurements ---------------------------------------------------------------------

    def measurements(self, measurements: Iterable[Any]) -> None:
        by_loinc = {a.loinc: a for a in self.book.labs}
        timed = False
        for measurement in measurements:
            prefix, _, code = measurement.assay.id.partition(":")
            analyte = by_loinc.get(code) if prefix == "LOINC" else None
            what = f"measurement {_term(measurement.assay)}"
            timed = timed or measurement.HasField("time_observed")
            if analyte is None:
                kind = (
                    "a LOINC code of no lab in this rule book"
                    if prefix == "LOINC"
                    else "not a LOINC code"
                )
                self.note(f"{what}: {kind}, so not used")
                continue
            if analyte.id in self.labs:
                self.note(f"{what}: {analyte.label} is given more than once; the first is used")
                continue
            lab = self._lab_value(analyte, measurement, what)
            if lab is None:
                continue
            problem = check_lab_value(lab, self.book)
            if problem is not None:
                self.note(f"{what}: {problem}, so not used")
            else:
                self.labs[analyte.id] = lab
        if timed:
            self.note("the times of measurements: not used (the screener keeps no dates)")

    def _lab_value(self, analyte: Any, measurement: Any, what: str) -> LabValue | None:
        censored: str | None = None
        if measurement.HasField("complex_value"):
            typed = list(measurement.complex_value.typed_quantities)
            sides = {f"{PNS_PREFIX}:{CENSORED_ID}.{side}": side for side in ("below", "above")}
            if len(typed) != 1 or typed[0].type.id not in sides:
                self.note(f"{what}: a complex value, so not used")
                return None
            censored, quantity = sides[typed[0].type.id], typed[0].quantity
        elif measurement.value.HasField("quantity"):
            quantity = measurement.value.quantity
        elif measurement.value.ontology_class.id == f"{PNS_PREFIX}:{NOT_DETECTED_ID}":
            return LabValue(analyte=analyte.id, value=None, unit=analyte.unit, censored="below")
        else:
            self.note(f"{what}: not a number with a unit, so not used")
            return None
        prefix, _, ucum = quantity.unit.id.partition(":")
        # The label as the rule book spells a unit first: UCUM reads mIU/L and mU/L as one.
        label = quantity.unit.label
        written = label if label in analyte.units or prefix != "UCUM" else ucum
        unit = canonical_unit(analyte, written) if written else None
        if unit is None:
            self.note(
                f"{what}: the unit {_term(quantity.unit)} is not one of {analyte.label}'s "
                f"({', '.join(analyte.units)}), so not used"
            )
            return None
        try:
            return LabValue(analyte=analyte.id, value=quantity.value, unit=unit, censored=censored)
        except ValidationError:
            self.note(f"{what}: its value is not a finite number, so not used")
            return None

    # --- Subject ------------------------------------------------------------------------

    def subject(self, packet: Any) -> None:
        if not packet.HasField("subject"):
            return
        subject = packet.subject
        from phenopackets.schema.v2.core.individual_pb2 import Sex as PacketSex

        sex_name = PacketSex.Name(subject.sex)
        if sex_name in _SEX:
            self.sex = _SEX[sex_name]
        if subject.HasField("time_at_last_encounter"):
            self.age_band = self._age_band(subject.time_at_last_encounter)
        unused = [
            words
            for field, words in (
                ("date_of_birth", "the date of birth"),
                ("vital_status", "the vital status"),
                ("taxonomy", "the taxonomy"),
                ("gender", "the gender"),
            )
            if subject.HasField(field)
        ]
        if subject.karyotypic_sex:
            unused.append("the karyotypic sex")
        if unused:
            self.note(f"{', '.join(unused)} of the subject: not used (the screener keeps no dates)")

    def _age_band(self, when: Any) -> AgeBand | None:
        if when.HasField("age"):
            years = age_in_years(when.age.iso8601duration)
            if years is None:
                age = shown(when.age.iso8601duration, 30)
                self.note(f"age {age}: not an ISO 8601 age such as P45Y, so no age band")
                return None
            return age_band(years)
        if when.HasField("age_range"):
            start = age_in_years(when.age_range.start.iso8601duration)
            end = age_in_years(when.age_range.end.iso8601duration)
            if start is not None and end is not None and age_band(start) == age_band(end):
                return age_band(start)
            self.note("the age range spans more than one age band, so no age band")
            return None
        self.note("the age at the last encounter is not an age, so no age band")
        return None


def age_in_years(duration: str) -> float | None:
    """An ISO 8601 age ('P45Y', 'P2Y6M', 'P3W') in years, or None if it is not one."""
    found = _AGE.fullmatch(duration)
    if not found or not any(found.groups()):
        return None
    years, months, weeks, days = (int(g) if g else 0 for g in found.groups())
    return years + months / 12 + weeks / 52.18 + days / 365.25


def age_band(years: float) -> AgeBand:
    return next((band for start, band in _BAND_STARTS if years >= start), AgeBand.CHILD)


def _icd10_parts(code: str) -> tuple[str, int, str] | None:
    found = _ICD10.fullmatch(code)
    return (found.group(1), int(found.group(2)), found.group(3) or "") if found else None


def icd10_covers(book_code: str, code: str) -> int | None:
    """How closely the rule book's `book_code` (a code, a category or a range 'C00-C14') covers
    `code`: 0 the same code, 1 its category, 2 a range holding it; None if it does not."""
    if book_code == code:
        return 0
    given = _icd10_parts(code)
    if given is None:
        return None
    first, _, last = book_code.partition("-")
    low = _icd10_parts(first)
    if low is None:
        return None
    if not last:
        return 1 if low[2] == "" and low[:2] == given[:2] else None
    high = _icd10_parts(last)
    if high is None:
        return None
    return 2 if low[:2] <= given[:2] <= high[:2] else None


def cancers_for_icd10(code: str, book: RuleBook) -> list[str]:
    """The cancers whose ICD-10 code covers `code` most closely."""
    closeness = {c.id: icd10_covers(c.icd10, code) for c in book.cancers}
    found = [level for level in closeness.values() if level is not None]
    if not found:
        return []
    best = min(found)
    return [c for c, level in closeness.items() if level == best]


def _mapping_notes(mapping: HpoMapping, book: RuleBook, *, excluded: bool) -> Iterator[str]:
    for term in mapping.terms:
        yield from _term_notes(term, book, excluded)


def _term_notes(term: TermMapping, book: RuleBook, excluded: bool) -> Iterator[str]:
    given = shown(term.given, 40)
    name = f"{given} {shown(term.term.name, 80)}" if term.term is not None else given
    kind = "excluded term" if excluded else "term"
    if term.replaced and term.term is not None:
        now = f"{term.term.id} {shown(term.term.name, 80)}"
        yield f"{kind} {given} is obsolete: read as its replacement {now}"
    if not (term.findings or term.antibodies):
        yield f"{kind} {name}: {term.problem}, so not used"
    elif term.steps:
        labels = "; ".join(
            [*(book.label("finding", f) for f in term.findings)]
            + [book.label("antibody", a) for a in term.antibodies]
        )
        up = "one step" if term.steps == 1 else f"{term.steps} steps"
        yield f"{kind} {name}: entered as {labels}, coded with the term {up} up"
