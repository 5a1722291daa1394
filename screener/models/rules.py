"""The rule book's files, as models. Each model doubles as the JSON Schema an editor uses to
autocomplete its file (see `screener.rulebook.schema`). Fields that name another item carry a
`Ref` marker in their type (`FindingId`, `CancerId`…), so the loader checks every reference
from that one declaration."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, field_validator, model_validator

from screener.models.base import (
    AgeBand,
    AntibodyId,
    AntibodyRisk,
    CancerId,
    Category,
    Count,
    FindingId,
    Frozen,
    Id,
    MimicId,
    Number,
    PhenotypeRisk,
    RedFlagId,
    ReferenceId,
    Sex,
    ShortText,
    Status,
    SyndromeId,
    Text,
    Treatment,
    Urgency,
)
from screener.models.criteria import Criterion, finding_paths
from screener.models.profile import Censored, Profile, ProfileFields

# --- Vocabulary -------------------------------------------------------------------------------

HpoTerm = Annotated[
    str,
    StringConstraints(pattern=r"^HP:\d{7} \S.*$", max_length=200),
    Field(description="An HPO id and its exact label, e.g. 'HP:0001250 Seizure'."),
]
HpoId = Annotated[str, StringConstraints(pattern=r"^HP:\d{7}$")]


def _terms(written: str | tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(id, label) of each 'HP:0001250 Seizure' written, one or a list."""
    terms = (written,) if isinstance(written, str) else written
    return tuple((term[:10], term[11:]) for term in terms)


class WhoItFits(Frozen):
    """Whom a cancer or finding can concern at all: entered for anyone else, it gets a notice
    asking to check the entry (ovarian cancer for a man, a toddler's sign at 65+)."""

    sexes: tuple[Sex, ...] = Field(default=(), description="Only these sexes; empty: any.")
    age_bands: tuple[AgeBand, ...] = Field(
        default=(), description="Only these age bands; empty: any."
    )

    @model_validator(mode="after")
    def _says_something(self) -> WhoItFits:
        if not (self.sexes or self.age_bands):
            raise ValueError("give 'sexes' or 'age_bands'")
        return self


class SetWhen(Frozen):
    """What in the rest of the case sets a context finding: a criterion can then ask for a known
    cancer, an acute leukaemia or an antibody as it asks for a symptom. Give exactly one."""

    any_cancer: Literal[True] | None = Field(default=None, description="Any cancer is entered.")
    cancers: tuple[CancerId, ...] = Field(default=(), description="One of these is entered.")
    antibodies: tuple[AntibodyId, ...] = Field(
        default=(), description="One of these antibodies is entered."
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> SetWhen:
        if sum((self.any_cancer is not None, bool(self.cancers), bool(self.antibodies))) != 1:
            raise ValueError("give exactly one of 'any_cancer', 'cancers' or 'antibodies'")
        return self

    def holds(self, cancers: tuple[str, ...], antibodies: tuple[str, ...]) -> bool:
        if self.any_cancer:
            return bool(cancers)
        return not set(self.cancers).isdisjoint(cancers) or not set(self.antibodies).isdisjoint(
            antibodies
        )

    def involves(self, kind: Literal["cancer", "antibody"], item: str) -> bool:
        """Whether entering or removing `item` can change this finding."""
        if kind == "cancer":
            return bool(self.any_cancer) or item in self.cancers
        return item in self.antibodies


class HpoCoded(Frozen):
    """An item that can carry the Human Phenotype Ontology term(s) it means (a finding, an
    antibody result), so that a case written in HPO terms can be read into it."""

    hpo: HpoTerm | tuple[HpoTerm, ...] = Field(
        default=(),
        description="Human Phenotype Ontology term(s) it means, each written as the id and the "
        "term's exact HPO label ('HP:0001250 Seizure'); one term or a list.",
    )

    @property
    def hpo_terms(self) -> tuple[tuple[str, str], ...]:
        """(id, label) of each HPO term, however many the file gives."""
        terms = (self.hpo,) if isinstance(self.hpo, str) else self.hpo
        return tuple((term[:10], term[11:]) for term in terms)

    @property
    def hpo_ids(self) -> tuple[str, ...]:
        return tuple(term_id for term_id, _ in self.hpo_terms)


class Finding(HpoCoded):
    """Something a learner can enter: a symptom, a sign, a test result or a lab-derived state."""

    id: Id
    label: ShortText = Field(description="Plain words a student would recognise.")
    synonyms: tuple[ShortText, ...] = Field(default=(), description="What a student might type.")
    nonspecific: bool = Field(
        default=False,
        description="Common and non-specific (fatigue, weight loss): never enough for a pattern.",
    )
    hpo_absent: HpoTerm | tuple[HpoTerm, ...] = Field(
        default=(),
        description="For a normal or negative result: the HPO term(s) whose absence it records "
        "('Tendon reflexes normal': 'HP:0001315 Reduced tendon reflexes'), written like `hpo`. "
        "A Phenopacket that excludes such a term, or a broader one, enters this finding.",
    )
    normal: bool = Field(
        default=False,
        description="A normal or negative result ('brain MRI normal', 'CK normal', 'antibody "
        "negative'): not a phenotype, so it needs no HPO term.",
    )
    narrower_than_hpo: bool = Field(
        default=False,
        description="The finding is a narrower band of its HPO term (a very low value, a "
        "particular pattern, a specific test result): it carries the nearest term, but a "
        "patient described only by that term is not taken to have it.",
    )
    set_when: SetWhen | None = Field(
        default=None,
        description="Set by the screener from the rest of the case, never entered.",
    )
    fits: WhoItFits | None = Field(default=None, description="Whom it can concern at all.")

    @model_validator(mode="after")
    def _narrower_than_a_term(self) -> Finding:
        if self.narrower_than_hpo and not self.hpo:
            raise ValueError("'narrower_than_hpo' needs the HPO term it is narrower than")
        return self

    @property
    def hpo_absent_terms(self) -> tuple[tuple[str, str], ...]:
        """(id, label) of each HPO term whose absence this finding records."""
        return _terms(self.hpo_absent)


SystemKind = Literal["phenotype", "exposure", "course", "context"]
"""What a group of findings describes: the person's phenotype (symptoms, signs, test results),
exposures (treatments, habits), the course over time, or context the screener sets itself."""


class BodySystem(Frozen):
    id: Id
    label: ShortText
    kind: SystemKind = Field(
        default="phenotype",
        description="'phenotype' (symptoms, signs and test results: each should carry HPO "
        "terms), 'exposure' (treatments and habits), 'course' (how the illness unfolded) or "
        "'context' (set by the screener from the rest of the case).",
    )
    findings: tuple[Finding, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _set_findings_are_context(self) -> BodySystem:
        set_by_screener = [f.id for f in self.findings if f.set_when is not None]
        if set_by_screener and self.kind != "context":
            raise ValueError(
                f"findings the screener sets ({', '.join(set_by_screener)}) belong in a group "
                "of kind 'context'"
            )
        return self

    @property
    def phenotypes(self) -> tuple[Finding, ...]:
        """The findings that describe the person's phenotype: a phenotype group's findings,
        normal and negative results left out."""
        if self.kind != "phenotype":
            return ()
        return tuple(f for f in self.findings if not f.normal)


UcumCode = Annotated[
    str,
    StringConstraints(pattern=r"^[!-~]{1,60}$"),
    Field(description="The unit in UCUM, case-sensitive ('mmol/L', '10*9/L', 'ug/L', 'Cel')."),
]


def loinc_check_digit(number: str) -> int:
    """LOINC's mod-10 check digit of a code's number part (the Luhn algorithm)."""
    total = 0
    for position, digit in enumerate(reversed(number)):
        doubled = int(digit) * (2 if position % 2 == 0 else 1)
        total += doubled // 10 + doubled % 10
    return (10 - total % 10) % 10


def _loinc(code: str) -> str:
    number, _, check = code.partition("-")
    if loinc_check_digit(number) != int(check):
        raise ValueError(
            f"{code} is not a LOINC code: its check digit should be {loinc_check_digit(number)}"
        )
    return code


LoincCode = Annotated[
    str,
    StringConstraints(pattern=r"^\d{1,7}-\d$"),
    AfterValidator(_loinc),
    Field(description="The LOINC code of the test, with its check digit ('2951-2')."),
]


class AlternativeUnit(Frozen):
    unit: ShortText
    ucum: UcumCode
    factor: Number = Field(gt=0, description="Multiply a value in this unit to get the main unit.")
    offset: Number = Field(
        default=0,
        description="Added after multiplying, for scales that do not start at the same zero: "
        "main = value × factor + offset (°F → °C: factor 0.5556, offset −17.78).",
    )
    molar_mass: Number | None = Field(
        default=None,
        gt=0,
        description="For a factor between a mass and an amount of substance: the molar mass it "
        "assumes, in g/mol (glucose 180.16); `screener validate` checks the factor against it.",
    )
    basis: ShortText | None = Field(
        default=None,
        description="For a factor UCUM cannot check (an assay's own equation, a WHO standard's "
        "units, a divalent ion's equivalents): what it rests on, in a sentence.",
    )

    @model_validator(mode="after")
    def _one_basis(self) -> AlternativeUnit:
        if self.molar_mass is not None and self.basis is not None:
            raise ValueError("give 'molar_mass' or 'basis', not both")
        return self


class Range(Frozen):
    low: Number
    high: Number

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low >= self.high:
            raise ValueError(f"low ({self.low}) must be below high ({self.high})")
        return self


BOUNDS = ("below", "above", "at_or_below", "at_or_above")


class LabThreshold(Frozen):
    """A cut-off, in the analyte's main unit, that turns a value into a finding."""

    finding: FindingId
    below: Number | None = Field(default=None, description="Below (<).")
    above: Number | None = Field(default=None, description="Above (>).")
    at_or_below: Number | None = Field(default=None, description="At or below (≤).")
    at_or_above: Number | None = Field(default=None, description="At or above (≥).")
    sex: tuple[Sex, ...] | None = Field(
        default=None, description="Only for these sexes; absent means everyone."
    )

    @model_validator(mode="after")
    def _one_bound(self) -> LabThreshold:
        if sum(getattr(self, bound) is not None for bound in BOUNDS) != 1:
            raise ValueError(f"give exactly one of {', '.join(repr(b) for b in BOUNDS)}")
        return self

    @property
    def bound(self) -> tuple[str, float]:
        """Which side of the cut-off counts, and the cut-off itself."""
        return next((b, v) for b in BOUNDS if (v := getattr(self, b)) is not None)

    def crossed_by(self, value: float, censored: Censored | None = None) -> bool:
        """Whether `value` (in the main unit) is on this cut-off's side. A censored value is
        only a limit: every true value lies beyond it, so it crosses when all of them would. A
        value below its limit can cross a 'below' cut-off at or above that limit, never an
        'above' one; a value above its limit the other way round."""
        side, bound = self.bound
        if censored == "below":
            return side in ("below", "at_or_below") and value <= bound
        if censored == "above":
            return side in ("above", "at_or_above") and value >= bound
        return {
            "below": value < bound,
            "above": value > bound,
            "at_or_below": value <= bound,
            "at_or_above": value >= bound,
        }[side]

    def decided_by(self, value: float, censored: Censored | None = None) -> bool:
        """Whether `value` settles this cut-off either way: a censored value does so only when
        its limit lies on the near side of the cut-off."""
        bound = self.bound[1]
        if censored == "below":
            return value <= bound
        if censored == "above":
            return value >= bound
        return True


class LabAnalyte(Frozen):
    id: Id
    label: ShortText
    synonyms: tuple[ShortText, ...] = Field(default=(), description="What a student might type.")
    loinc: LoincCode
    kind: Literal["lab", "measurement"] = Field(
        default="lab",
        description="A laboratory test, or a measurement taken at the bedside (a vital sign, "
        "the FVC): the picker names it as such.",
    )
    unit: ShortText = Field(description="Main unit; thresholds and ranges are in this unit.")
    ucum: UcumCode
    alternative_units: tuple[AlternativeUnit, ...] = ()
    reference_range: Range | None = Field(
        default=None, description="Typical adult range, shown beside an entered value."
    )
    plausible: Range = Field(description="Values outside this range are refused as impossible.")
    thresholds: tuple[LabThreshold, ...] = Field(min_length=1)
    note: ShortText | None = Field(
        default=None, description="Where the cut-offs come from, in a sentence."
    )
    references: tuple[ReferenceId, ...] = Field(
        default=(), description="Sources of the cut-offs, where one was found."
    )
    status: Status = Field(
        default=Status.NEEDS_REVIEW,
        description="source-checked only when every cut-off is in a cited, checked source; "
        "cut-offs from standard knowledge stay needs-review.",
    )

    def factor_for(self, unit: str) -> float | None:
        if unit == self.unit:
            return 1.0
        return next((alt.factor for alt in self.alternative_units if alt.unit == unit), None)

    def _conversion(self, unit: str) -> tuple[float, float] | None:
        if unit == self.unit:
            return 1.0, 0.0
        return next(
            ((alt.factor, alt.offset) for alt in self.alternative_units if alt.unit == unit), None
        )

    def in_main_unit(self, value: float, unit: str) -> float | None:
        """`value` (in `unit`) in the main unit, or None if the unit is not accepted."""
        conversion = self._conversion(unit)
        return None if conversion is None else value * conversion[0] + conversion[1]

    def from_main_unit(self, value: float, unit: str) -> float | None:
        """`value` (in the main unit) in `unit`, or None if the unit is not accepted."""
        conversion = self._conversion(unit)
        return None if conversion is None else (value - conversion[1]) / conversion[0]

    @property
    def units(self) -> tuple[str, ...]:
        return (self.unit, *(alt.unit for alt in self.alternative_units))


ICD10_CODE = r"[A-Z]\d{2}(?:\.\d)?(?:-[A-Z]\d{2})?"
"""One WHO ICD-10 category ('C34'), subcategory ('C22.0': one digit after the point) or block of
categories ('C00-C14')."""


class Cancer(Frozen):
    id: Id
    label: ShortText
    icd10: Annotated[
        str,
        StringConstraints(pattern=rf"^{ICD10_CODE}(?:, {ICD10_CODE})*$"),
        Field(
            description="WHO ICD-10: a category ('C34'), a subcategory ('C22.0') or a block of "
            "categories in order ('C00-C14'); several, separated by ', ', when one block does "
            "not cover it (the larynx, C32, lies outside the lip, mouth and pharynx, C00-C14)."
        ),
    ]
    synonyms: tuple[ShortText, ...] = ()
    fits: WhoItFits | None = Field(default=None, description="Whom it can concern at all.")

    @field_validator("icd10")
    @classmethod
    def _block_in_order(cls, codes: str) -> str:
        for code in codes.split(", "):
            first, _, last = code.partition("-")
            if last and (first[0] != last[0] or first >= last):
                raise ValueError(
                    f"the ICD-10 block {code} must run from a category to a later one of the "
                    "same chapter letter (as C00-C14)"
                )
        return codes


class Antibody(HpoCoded):
    id: Id
    label: ShortText
    synonyms: tuple[ShortText, ...] = ()
    risk: AntibodyRisk
    target: Literal["intracellular", "cell_surface", "other"]
    cancers: tuple[CancerId, ...] = Field(default=(), description="Tumours that fit it.")
    cancer_marker: bool = Field(
        default=False,
        description="Outside the PNS risk classes, but marks a raised cancer risk for its "
        "syndrome (e.g. TIF1-gamma in dermatomyositis): it can make a pattern strong.",
    )
    note: ShortText | None = None

    @property
    def points_to_cancer(self) -> bool:
        """High- and intermediate-risk antibodies and cancer markers lift a pattern to strong."""
        return self.cancer_marker or self.risk in (AntibodyRisk.HIGH, AntibodyRisk.INTERMEDIATE)


class Reference(Frozen):
    id: Id
    authors: ShortText
    title: ShortText
    source: ShortText = Field(description="Journal and citation, or publisher.")
    year: Count = Field(ge=1900, le=2100)
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    pmid: Annotated[str, StringConstraints(pattern=r"^\d{1,9}$")] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = Field(
        default=None, description="Where a guideline without a DOI or PMID is published."
    )
    kind: Literal["article", "guideline"] = "article"
    status: Status = Status.SOURCE_CHECKED

    @model_validator(mode="after")
    def _findable(self) -> Reference:
        if self.kind == "guideline" and not (self.doi or self.pmid or self.url):
            raise ValueError("a guideline needs a DOI, a PMID or its https address")
        if self.kind == "article" and not (self.doi or self.pmid):
            raise ValueError("a reference needs a DOI or a PMID")
        return self

    @property
    def link(self) -> str:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url or ""


# --- Syndromes, red flags and mimics ----------------------------------------------------------


class CancerLinks(Frozen):
    typical: tuple[CancerId, ...] = Field(default=(), description="The usual tumours.")
    reported: tuple[CancerId, ...] = Field(default=(), description="Less common, reported.")


class PnsCarePhenotype(Frozen):
    phenotype: PhenotypeRisk
    high_risk_when: Criterion | None = Field(
        default=None,
        description="When this holds the presentation scores as a high-risk phenotype "
        "(e.g. anti-Ma2 encephalitis presenting as limbic encephalitis).",
    )
    definite_without_antibody: bool = Field(
        default=False,
        description="The 2021 exception: a fitting tumour makes it definite without an antibody "
        "(opsoclonus-myoclonus only).",
    )


class Mimic(Frozen):
    """Something that looks like a paraneoplastic pattern and should be thought of first."""

    id: Id
    name: ShortText
    syndrome: SyndromeId | None = Field(
        default=None, description="The rule for it, when it is itself in this rule book."
    )
    suggested_by: Criterion | None = Field(
        default=None,
        description="Findings or exposures that point to this mimic; when they hold, a card "
        "listing it says 'consider it first' and is never strong.",
    )
    suggested_by_cancers: tuple[CancerId, ...] = Field(
        default=(), description="Known cancers that point to this mimic."
    )
    why: ShortText | None = Field(default=None, description="What points to it, in a sentence.")


class Provenance(Frozen):
    """Who wrote a rule and when; a reviewer only once a clinician has signed it off."""

    author: ShortText
    written: dt.date
    reviewer: ShortText | None = Field(
        default=None, description="A named clinician who checked the rule; empty until then."
    )
    reviewed: dt.date | None = None

    @model_validator(mode="after")
    def _review_needs_both(self) -> Provenance:
        if (self.reviewer is None) != (self.reviewed is None):
            raise ValueError("give both 'reviewer' and 'reviewed', or neither")
        return self


class ExampleProfile(ProfileFields):
    """A rule's own test case, run by pytest and by `python -m screener validate`."""

    expect: Literal["strong", "partial", "match", "key_missing", "no_match"] = Field(
        description="'match' accepts strong or partial; 'key_missing' is the lower entry of a "
        "pattern whose criteria hold without its key."
    )
    note: ShortText | None = None


class ScriptSlots(Frozen):
    """The illness-script slots a rule cannot say by itself: the rest (key features, mechanism,
    antibodies, what confirms it, look-alikes, treatment principle) come from the rule."""

    who: ShortText = Field(description="Age, sex, predisposing cancers and exposures.")
    time_course: ShortText = Field(description="How fast it comes on and how it runs.")


class Syndrome(Frozen):
    id: Id
    name: ShortText
    aliases: tuple[ShortText, ...] = ()
    category: Category
    status: Status
    summary: ShortText
    detail: Text = Field(description="Teaching text in Markdown; rendered inert (no HTML).")
    script: ScriptSlots | None = Field(
        default=None,
        description="Who it affects and its time course, for the illness script; every "
        "syndrome has them (`screener validate` checks it).",
    )
    criteria: Criterion
    key: Criterion | None = Field(
        default=None,
        description="The specific part of the pattern: no card shows without it. A linked "
        "antibody of high or intermediate risk (or a cancer marker) counts as the key. When the "
        "criteria hold but the key does not, the pattern is listed lower ('key missing'), and "
        "only with a typical cancer or such an antibody; an incomplete pattern shows only when "
        "its key holds; without a key a pattern shows only when complete.",
    )
    supporting: tuple[FindingId, ...] = Field(default=(), description="Findings that add weight.")
    cancers: CancerLinks = CancerLinks()
    antibodies: tuple[AntibodyId, ...] = ()
    pns_care: PnsCarePhenotype | None = Field(
        default=None, description="Only for syndromes the 2021 PNS criteria score."
    )
    brain: bool = Field(
        default=False,
        description="A syndrome of the brain itself: in a person with cancer, brain metastases "
        "are named first until a brain scan is entered (validate checks its mimics' order).",
    )
    red_flags: tuple[RedFlagId, ...] = ()
    mimics: tuple[MimicId, ...] = Field(
        default=(), description="Mimic ids, the one to think of first first."
    )
    discuss: tuple[ShortText, ...] = Field(default=(), description="Questions for a physician.")
    references: tuple[ReferenceId, ...] = Field(min_length=1)
    provenance: Provenance
    examples: tuple[ExampleProfile, ...] = Field(min_length=2)

    @property
    def rule_findings(self) -> tuple[str, ...]:
        """Every finding the rule names, once each: its criteria, its key, then supporting."""
        trees = [self.criteria] + ([self.key] if self.key is not None else [])
        ordered = [f for tree in trees for _, f in finding_paths(tree)]
        return tuple(dict.fromkeys([*ordered, *self.supporting]))

    def section(self, heading: str) -> str | None:
        """The paragraph of the teaching text under a bold heading ('**Mechanism.** …'), as
        written (Markdown), or None."""
        found = re.search(
            rf"\*\*{re.escape(heading)}\.\*\*\s*(.+?)(?=\n\s*\n|\Z)", self.detail, re.DOTALL
        )
        return " ".join(found.group(1).split()) if found else None

    @model_validator(mode="after")
    def _examples_both_ways(self) -> Syndrome:
        kinds = {e.expect for e in self.examples}
        if "no_match" not in kinds or kinds == {"no_match"}:
            raise ValueError("examples need at least one positive and one 'no_match' case")
        return self


class RedFlag(Frozen):
    id: Id
    when: Criterion
    urgency: Urgency = Field(description="How soon care is needed: now, today or this_week.")
    text: Text = Field(description="What to do, in plain words, at this urgency.")
    references: tuple[ReferenceId, ...] = ()
    status: Status = Status.NEEDS_REVIEW


# --- Rule-book level files --------------------------------------------------------------------


class BookInfo(Frozen):
    title: ShortText
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]
    reviewed_by: ShortText | None = Field(
        default=None, description="A named clinician who re-read the whole book; empty until then."
    )
    review_date: dt.date | None = None
    coverage: dict[Category, tuple[ShortText, ...]] = Field(
        default_factory=dict,
        description="Syndromes the book must cover, by category: each entry is a name and its "
        "aliases separated by '|'; validate checks a rule exists for each.",
    )

    @model_validator(mode="after")
    def _review_needs_both(self) -> BookInfo:
        if (self.reviewed_by is None) != (self.review_date is None):
            raise ValueError("give both 'reviewed_by' and 'review_date', or neither")
        return self


class UrgentWording(Frozen):
    heading: ShortText = Field(description="Says the urgency in words; never relies on colour.")
    text: Text


class UrgentTexts(Frozen):
    now: UrgentWording
    today: UrgentWording
    this_week: UrgentWording

    def at(self, urgency: Urgency) -> UrgentWording:
        wording: UrgentWording = getattr(self, urgency.value)
        return wording


SafetyLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]
"""Safety texts print on every PDF page and above every app page, so they must stay short."""


class SafetyText(Frozen):
    """The only wording of the safety framing; every page, PDF page and CLI output uses it."""

    disclaimer: SafetyLine
    see_a_physician: SafetyLine
    urgent: UrgentTexts
    no_pattern_heading: ShortText
    no_pattern: Text
    not_a_diagnosis_label: ShortText


class PnsCarePoints(Frozen):
    label: ShortText
    points: Count = Field(ge=0, le=10)
    explanation: ShortText
    references: tuple[ReferenceId, ...] = Field(
        default=(), description="Where this reading comes from."
    )


class PnsCareLevel(Frozen):
    name: ShortText
    min_total: Count = Field(ge=0)
    explanation: ShortText


class PnsCareNamedLevel(Frozen):
    name: ShortText
    explanation: ShortText


class PnsCareRules(Frozen):
    """The published PNS-Care points, kept as data so a reviewer can check them."""

    reference: ReferenceId
    phenotype: dict[PhenotypeRisk, PnsCarePoints]
    antibody: dict[AntibodyRisk, PnsCarePoints]
    no_antibody: PnsCarePoints
    cancer_consistent: PnsCarePoints
    cancer_not_consistent: PnsCarePoints
    no_cancer_short_follow_up: PnsCarePoints
    no_cancer_long_follow_up: PnsCarePoints
    antibody_not_fitting: PnsCarePoints = Field(
        description="An antibody that is not linked to this phenotype."
    )
    levels: tuple[PnsCareLevel, ...] = Field(min_length=1)
    exception_level: PnsCareNamedLevel = Field(
        description="The opsoclonus-myoclonus exception: definite without an antibody."
    )
    mimic_first: ShortText = Field(
        description="Said with the score when a mimic should be considered first."
    )
    note: Text


# --- Teaching material ------------------------------------------------------------------------


StageTitle = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
"""A stage's name, short enough for a chart's axis: 'Examination', 'First tests'…"""

MAX_STAGES = 6
"""Later stages a case may have, after its presentation."""
SUMMARY_LENGTH = 300
"""A summary statement's length, the model's and a learner's alike: one sentence."""


class CaseStage(ProfileFields):
    """A later stage of a teaching case: what the next step of the work-up adds to the case."""

    title: StageTitle = Field(description="e.g. 'Examination', 'First tests', 'Antibodies'.")
    text: Text = Field(description="What this stage finds, in the case's own words.")
    top: SyndromeId | None = Field(
        default=None,
        description="The pattern the screener shows first once this stage is known; leave it "
        "out while no pattern shows. `screener validate` checks it.",
    )

    @model_validator(mode="after")
    def _adds_to_the_case(self) -> CaseStage:
        if self.age_band is not None or self.sex is not None:
            raise ValueError("age band and sex belong to the case, not to a later stage")
        if not (self.findings or self.cancers or self.labs or self.antibodies or self.follow_up):
            raise ValueError("a stage must add findings, lab values, antibodies or a cancer")
        return self


SummarySentence = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SUMMARY_LENGTH)
]


def qualifier_span(sentence: str, qualifier: str) -> tuple[int, int] | None:
    """Where `qualifier` is first written in `sentence` as whole words ('acute' is not in
    'subacute'), whatever its case; None if it is not."""
    found = re.search(rf"(?<!\w){re.escape(qualifier)}(?!\w)", sentence, re.IGNORECASE)
    return found.span() if found else None


class SummaryStatement(Frozen):
    """A model one-line summary of a teaching case, the way a clinician presents it: who, the
    time course and the key findings, in the semantic qualifiers that sort a differential
    (acute or subacute, symmetric, proximal …)."""

    sentence: SummarySentence = Field(description="One sentence; it must not name the answer.")
    qualifiers: tuple[ShortText, ...] = Field(
        min_length=1,
        description="The semantic qualifiers of the sentence, each written as it appears there.",
    )

    @model_validator(mode="after")
    def _qualifiers_in_sentence(self) -> SummaryStatement:
        missing = [q for q in self.qualifiers if qualifier_span(self.sentence, q) is None]
        if missing:
            raise ValueError(f"qualifiers not in the sentence: {', '.join(missing)}")
        return self


class TeachingCase(ProfileFields):
    """A vignette for the Cases page; distinct from the rules' own examples.

    Its own fields are what the presentation shows. A staged case adds `stages` (examination,
    first tests, specialist tests…), each adding to what is known, so a learner can watch the
    pattern emerge; each stage states the pattern it shows first, and the last one its answer.
    """

    id: Id
    title: ShortText
    category: Category
    vignette: Text = Field(description="The presentation, in words; it must not name the answer.")
    findings: tuple[FindingId, ...] = Field(min_length=1)
    answer: SyndromeId = Field(description="The syndrome whose pattern the case shows.")
    teaching_points: tuple[ShortText, ...] = Field(min_length=1)
    summary: SummaryStatement | None = Field(
        default=None,
        description="The model summary statement a learner's own is set beside; every case of "
        "the rule book has one (`screener validate` checks it).",
    )
    top: SyndromeId | None = Field(
        default=None,
        description="Staged cases only: the pattern shown first at presentation; leave it out "
        "while no pattern shows.",
    )
    stages: tuple[CaseStage, ...] = Field(
        default=(),
        max_length=MAX_STAGES,
        description="Later stages, in order, each adding findings, lab values, antibodies or a "
        "cancer. Without stages the whole case is its presentation.",
    )

    @model_validator(mode="after")
    def _ends_on_its_answer(self) -> TeachingCase:
        if not self.stages and self.top is not None:
            raise ValueError(
                "'top' belongs to staged cases: a case without stages shows its answer first"
            )
        if self.stages and self.stages[-1].top != self.answer:
            raise ValueError(
                f"the last stage must show the answer first: give it 'top: {self.answer}'"
            )
        return self

    @property
    def stage_profiles(self) -> tuple[Profile, ...]:
        """What is known at each stage, the presentation first: each adds to the one before."""
        profiles = [Profile.of(self)]
        for stage in self.stages:
            profiles.append(profiles[-1].add(stage))
        return tuple(profiles)

    @property
    def stage_tops(self) -> tuple[str | None, ...]:
        """The pattern each stage should show first (None: no pattern yet)."""
        if not self.stages:
            return (self.answer,)
        return (self.top, *(stage.top for stage in self.stages))

    @property
    def profile(self) -> Profile:
        """Everything the case tells, at its last stage."""
        return self.stage_profiles[-1]


class MimicCase(ProfileFields):
    """A presentation that is *not* paraneoplastic, written for teaching: the mimics set.

    It must show no strong card, raise its red flags at exactly `expect_urgency`, and every card
    it does show must name its `cause` as the mimic to consider first.
    """

    id: Id
    title: ShortText
    teaching: Text = Field(description="What it really is, and why it is not paraneoplastic.")
    cause: MimicId | None = Field(
        default=None,
        description="The mimic (rules/mimics.yaml) behind it; without one, no card may show.",
    )
    expect_urgency: Urgency | None = Field(
        default=None, description="The most urgent red-flag level it must raise, or none."
    )


AboutKind = Literal["clinical", "tool"]
"""'tool' text describes the screener itself, so it has no literature to cite."""


class AboutSection(Frozen):
    id: Id
    heading: ShortText
    kind: AboutKind = "clinical"
    body: Text = Field(description="Markdown; rendered inert (no HTML).")
    references: tuple[ReferenceId, ...] = ()
    status: Status = Field(
        default=Status.SOURCE_CHECKED,
        description="needs-review when it states something not yet found in a cited source.",
    )


class FaqItem(Frozen):
    question: ShortText
    kind: AboutKind = "clinical"
    answer: Text
    references: tuple[ReferenceId, ...] = ()


class TreatmentPrinciples(Frozen):
    """The treatment principle an illness script states, one sentence for each kind of
    syndrome (by what drives it: an antibody against a cell-surface or an intracellular target,
    a hormone or cytokine, or neither), taken from the About text's 'Treatment principles'."""

    cell_surface: Text
    intracellular: Text
    hormone: Text
    tumour_first: Text
    references: tuple[ReferenceId, ...] = Field(min_length=1)
    status: Status = Field(
        default=Status.NEEDS_REVIEW,
        description="needs-review while a sentence rests on standard teaching not yet found in "
        "a cited source.",
    )

    def principle(self, kind: Treatment) -> str:
        return {
            "cell_surface": self.cell_surface,
            "intracellular": self.intracellular,
            "hormone": self.hormone,
            "tumour_first": self.tumour_first,
        }[kind]


class About(Frozen):
    sections: tuple[AboutSection, ...] = Field(min_length=1)
    faq: tuple[FaqItem, ...] = ()
    treatment_principles: TreatmentPrinciples


# --- External examples: Orphanet's phenotypes of the syndromes ------------------------------


class HpoFrequency(StrEnum):
    """The HPO's frequency classes, in which Orphanet states how often a feature occurs."""

    OBLIGATE = "obligate"
    """100 %"""
    VERY_FREQUENT = "very_frequent"
    """80–99 %"""
    FREQUENT = "frequent"
    """30–79 %"""
    OCCASIONAL = "occasional"
    """5–29 %"""
    VERY_RARE = "very_rare"
    """1–4 %"""
    EXCLUDED = "excluded"
    """0 %: the feature is absent."""


def frequency_of_share(share: float) -> HpoFrequency:
    """The HPO frequency class a share of patients (in %) falls in, by the classes' definitions
    (100 %, 80–99 %, 30–79 %, 5–29 %, 1–4 %, 0 %); a share between two classes goes to the
    lower one."""
    for lowest, frequency in (
        (100, HpoFrequency.OBLIGATE),
        (80, HpoFrequency.VERY_FREQUENT),
        (30, HpoFrequency.FREQUENT),
        (5, HpoFrequency.OCCASIONAL),
    ):
        if share >= lowest:
            return frequency
    return HpoFrequency.VERY_RARE if share > 0 else HpoFrequency.EXCLUDED


class FrequencyBasis(StrEnum):
    """What a cited frequency rests on."""

    SERIES = "series"
    """The share of a series (or review of reported cases) that had the finding."""
    DEFINITION = "definition"
    """The finding is part of the syndrome's definition or criteria in the cited source: every
    case has it by definition, which is not a count of patients."""


class SeriesFrequency(Frozen):
    """How often a cited series (or review of reported cases) saw one of a syndrome's rule
    findings, for a syndrome Orphanet's annotation does not rate it in: the share of people
    with the syndrome who had the finding, never the share with a cancer; or, by `basis`, a
    finding the cited source's definition of the syndrome requires."""

    syndrome: SyndromeId
    finding: FindingId = Field(description="One of the syndrome's rule findings.")
    figure: ShortText = Field(
        description="The figure as the source states it, in our own words, with its population."
    )
    percent: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="The stated share as a number, where the source gives one; `validate` "
        "checks that it falls in `band`.",
    )
    band: HpoFrequency = Field(description="The HPO frequency class the figure falls in.")
    reference: ReferenceId
    basis: FrequencyBasis = Field(
        default=FrequencyBasis.SERIES,
        description="A series' count, or the syndrome's definition in the source (obligate).",
    )
    status: Status = Status.NEEDS_REVIEW


class OrphanetTerm(Frozen):
    term: HpoTerm = Field(description="The HPO term, as the ontology now names it.")
    frequency: HpoFrequency
    hpoa_id: HpoId | None = Field(
        default=None,
        description="The id the annotation file gives, where the ontology has since replaced it.",
    )


class OrphanetEntry(Frozen):
    """Orphanet's annotation of one disease, and the rule or mimic it tests.

    With `syndrome`, a patient drawn from its common features and the syndrome's typical cancer
    must show that syndrome among the first three patterns. Without it the disease is a
    non-paraneoplastic look-alike: it must show no card, or only cards that name `mimic` first.
    """

    orpha: Annotated[str, StringConstraints(pattern=r"^ORPHA:\d{1,7}$")]
    name: ShortText = Field(description="Orphanet's name of the disease.")
    syndrome: SyndromeId | None = Field(
        default=None, description="The rule this disease's phenotype should show."
    )
    mimic: MimicId | None = Field(
        default=None,
        description="A look-alike's mimic (rules/mimics.yaml); without one, no card may show.",
    )
    note: ShortText | None = Field(
        default=None, description="Why the disease stands for this rule or mimic, if not plain."
    )
    known_gap: ShortText | None = Field(
        default=None,
        description="Why the rule book fails this example today: `screener validate` then "
        "warns instead of failing, and fails once the example passes, until this is removed.",
    )
    terms: tuple[OrphanetTerm, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _syndrome_or_look_alike(self) -> OrphanetEntry:
        if self.syndrome is not None and self.mimic is not None:
            raise ValueError(
                "give 'syndrome' (a rule's example) or 'mimic' (a look-alike), not both"
            )
        return self


class OrphanetRelease(Frozen):
    hpoa: dt.date = Field(description="The release of the HPO annotation file (phenotype.hpoa).")
    hpoa_source: ShortText = Field(description="Where that file came from.")
    ontology: dt.date = Field(
        description="The HPO release that resolved and labelled the terms (hpo3's ontology)."
    )


class OrphanetAnnotations(Frozen):
    """Which Orphanet diseases test which rules or mimics (`orpha`, `syndrome` or `mimic`,
    `note`, `known_gap`: edited by hand), and Orphanet's annotation of each (names, terms and
    release: refreshed by tools/orphanet_extract.py)."""

    release: OrphanetRelease
    entries: tuple[OrphanetEntry, ...] = ()

    @model_validator(mode="after")
    def _one_entry_per_disease(self) -> OrphanetAnnotations:
        seen: set[str] = set()
        for entry in self.entries:
            if entry.orpha in seen:
                raise ValueError(f"{entry.orpha} is listed twice")
            seen.add(entry.orpha)
        return self


for _model in (PnsCarePhenotype, Mimic, ExampleProfile, Syndrome, RedFlag, CaseStage, TeachingCase):
    _model.model_rebuild()
