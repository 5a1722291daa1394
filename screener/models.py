"""Typed models of the rule book and of a screening.

Every model is frozen and refuses unknown fields, so a typo in a rule file is an error rather than a
silently ignored key. The rule-file models double as the JSON Schema that editors use to
autocomplete `rules/` (see `screener.schema`).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=64),
    Field(description="Lower-case identifier: letters, digits and underscores."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Category(StrEnum):
    NEUROLOGIC = "neurologic"
    ENDOCRINE = "endocrine"
    HEMATOLOGIC = "hematologic"
    DERMATOLOGIC = "dermatologic"
    RHEUMATOLOGIC = "rheumatologic"
    RENAL = "renal"


class Status(StrEnum):
    DRAFT = "draft"
    NEEDS_REVIEW = "needs-review"
    REVIEWED = "reviewed"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    UNSPECIFIED = "unspecified"


class AgeBand(StrEnum):
    CHILD = "0-17"
    YOUNG_ADULT = "18-39"
    MIDDLE_AGED = "40-64"
    OLDER = "65+"


class FollowUp(StrEnum):
    """Time since the neurological syndrome began without a cancer being found (PNS-Care)."""

    UNDER_2_YEARS = "under_2_years"
    TWO_YEARS_OR_MORE = "2_years_or_more"


class AntibodyRisk(StrEnum):
    """2021 PNS criteria class: share of patients with the antibody who have a cancer."""

    HIGH = "high"
    INTERMEDIATE = "intermediate"
    LOWER = "lower"
    OUTSIDE_PNS = "outside_pns"


class PhenotypeRisk(StrEnum):
    HIGH = "high_risk"
    INTERMEDIATE = "intermediate_risk"
    OTHER = "other"


# --- Vocabulary -------------------------------------------------------------------------------


class Finding(Frozen):
    """Something a learner can tick: a symptom, a sign, a test result or a lab-derived state."""

    id: Id
    label: ShortText = Field(description="Plain words a student would recognise.")
    synonyms: tuple[ShortText, ...] = Field(default=(), description="What a student might type.")
    hpo: Annotated[str, StringConstraints(pattern=r"^HP:\d{7}$")] | None = Field(
        default=None, description="Human Phenotype Ontology id, where one exists."
    )
    nonspecific: bool = Field(
        default=False,
        description="Common and non-specific (fatigue, weight loss): never enough for a pattern.",
    )


class BodySystem(Frozen):
    id: Id
    label: ShortText
    findings: tuple[Finding, ...] = Field(min_length=1)


class AlternativeUnit(Frozen):
    unit: ShortText
    factor: float = Field(gt=0, description="Multiply a value in this unit to get the main unit.")
    system: Literal["si", "conventional"] = "conventional"


class Range(Frozen):
    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low >= self.high:
            raise ValueError(f"low ({self.low}) must be below high ({self.high})")
        return self


class LabThreshold(Frozen):
    """A cut-off, in the analyte's main unit, that turns a value into a finding."""

    finding: Id
    below: float | None = None
    above: float | None = None
    sex: tuple[Sex, ...] | None = Field(
        default=None, description="Only for these sexes; absent means everyone."
    )

    @model_validator(mode="after")
    def _one_bound(self) -> LabThreshold:
        if (self.below is None) == (self.above is None):
            raise ValueError("give exactly one of 'below' or 'above'")
        return self


class LabAnalyte(Frozen):
    id: Id
    label: ShortText
    unit: ShortText = Field(description="Main unit; thresholds and ranges are in this unit.")
    unit_system: Literal["si", "conventional"] = "si"
    alternative_units: tuple[AlternativeUnit, ...] = ()
    reference_range: Range | None = Field(default=None, description="Typical adult range.")
    plausible: Range = Field(description="Values outside this range are refused as impossible.")
    thresholds: tuple[LabThreshold, ...] = Field(min_length=1)
    note: ShortText | None = None

    def factor_for(self, unit: str) -> float | None:
        if unit == self.unit:
            return 1.0
        return next((alt.factor for alt in self.alternative_units if alt.unit == unit), None)

    @property
    def units(self) -> tuple[str, ...]:
        return (self.unit, *(alt.unit for alt in self.alternative_units))


class Cancer(Frozen):
    id: Id
    label: ShortText
    icd10: Annotated[str, StringConstraints(pattern=r"^[A-Z]\d{2}(\.\d{1,2})?(-[A-Z]\d{2})?$")]
    synonyms: tuple[ShortText, ...] = ()


class Antibody(Frozen):
    id: Id
    label: ShortText
    synonyms: tuple[ShortText, ...] = ()
    risk: AntibodyRisk
    target: Literal["intracellular", "cell_surface", "other"]
    cancers: tuple[Id, ...] = Field(default=(), description="Tumours that fit this antibody.")
    note: ShortText | None = None


class Reference(Frozen):
    id: Id
    authors: ShortText
    title: ShortText
    source: ShortText = Field(description="Journal and citation, or publisher.")
    year: int = Field(ge=1900, le=2100)
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    pmid: Annotated[str, StringConstraints(pattern=r"^\d{1,9}$")] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = None
    status: Status = Status.REVIEWED

    @model_validator(mode="after")
    def _findable(self) -> Reference:
        if not (self.doi or self.pmid):
            raise ValueError("a reference needs a DOI or a PMID")
        return self

    @property
    def link(self) -> str:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"


# --- Criteria trees ---------------------------------------------------------------------------


class AllOf(Frozen):
    all_of: tuple[Criterion, ...] = Field(min_length=1)


class AnyOf(Frozen):
    any_of: tuple[Criterion, ...] = Field(min_length=1)


class AtLeastSpec(Frozen):
    n: int = Field(ge=1)
    of: tuple[Criterion, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _satisfiable(self) -> AtLeastSpec:
        if self.n > len(self.of):
            raise ValueError(f"at_least needs {self.n} but lists only {len(self.of)}")
        return self


class AtLeast(Frozen):
    at_least: AtLeastSpec


class NoneOf(Frozen):
    none_of: tuple[Criterion, ...] = Field(min_length=1)


_COMBINATORS = {"all_of": AllOf, "any_of": AnyOf, "at_least": AtLeast, "none_of": NoneOf}


def _criterion_kind(value: Any) -> str | None:
    # Choosing the branch by shape gives one precise error instead of one per union member.
    if isinstance(value, str):
        return "finding"
    if isinstance(value, dict) and len(value) == 1:
        key = next(iter(value))
        return key if key in _COMBINATORS else None
    for key, model in _COMBINATORS.items():
        if isinstance(value, model):
            return key
    return None


Criterion = Annotated[
    Annotated[Id, Tag("finding")]
    | Annotated[AllOf, Tag("all_of")]
    | Annotated[AnyOf, Tag("any_of")]
    | Annotated[AtLeast, Tag("at_least")]
    | Annotated[NoneOf, Tag("none_of")],
    Discriminator(
        _criterion_kind,
        custom_error_type="criterion",
        custom_error_message=(
            "a criterion is a finding id, or a mapping with exactly one key: "
            "all_of, any_of, at_least or none_of"
        ),
    ),
]
"""A finding id (a leaf) or one of the four combinators."""


# --- Syndromes --------------------------------------------------------------------------------


class CancerLinks(Frozen):
    typical: tuple[Id, ...] = Field(default=(), description="The usual tumours.")
    reported: tuple[Id, ...] = Field(default=(), description="Less common, reported tumours.")


class PnsCarePhenotype(Frozen):
    phenotype: PhenotypeRisk


class ExampleProfile(Frozen):
    """A rule's own test case, run by pytest and by `python -m screener validate`."""

    expect: Literal["strong", "partial", "match", "no_match"] = Field(
        description="'match' accepts strong or partial."
    )
    note: ShortText | None = None
    findings: tuple[Id, ...] = ()
    cancers: tuple[Id, ...] = ()
    antibodies: tuple[Id, ...] = ()
    labs: tuple[LabValue, ...] = ()
    age_band: AgeBand | None = None
    sex: Sex | None = None


class Syndrome(Frozen):
    id: Id
    name: ShortText
    aliases: tuple[ShortText, ...] = ()
    category: Category
    status: Status
    summary: ShortText
    detail: Text = Field(description="Teaching text in Markdown; rendered inert (no HTML).")
    criteria: Criterion
    supporting: tuple[Id, ...] = Field(default=(), description="Findings that add weight.")
    cancers: CancerLinks = CancerLinks()
    antibodies: tuple[Id, ...] = ()
    pns_care: PnsCarePhenotype | None = Field(
        default=None, description="Only for syndromes the 2021 PNS criteria score."
    )
    red_flags: tuple[Id, ...] = ()
    mimics: tuple[ShortText, ...] = ()
    discuss: tuple[ShortText, ...] = Field(default=(), description="Questions for a physician.")
    references: tuple[Id, ...] = Field(min_length=1)
    examples: tuple[ExampleProfile, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _examples_both_ways(self) -> Syndrome:
        kinds = {e.expect for e in self.examples}
        if "no_match" not in kinds or kinds == {"no_match"}:
            raise ValueError("examples need at least one positive and one 'no_match' case")
        return self


class RedFlag(Frozen):
    id: Id
    when: Criterion
    text: Text = Field(description="What to do now, in plain words.")


# --- Rule-book level files --------------------------------------------------------------------


class BookInfo(Frozen):
    title: ShortText
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]
    review_date: dt.date
    reviewed_by: ShortText
    core_references: tuple[Id, ...] = Field(min_length=1)


class SafetyText(Frozen):
    """The only wording of the safety framing; every page, PDF page and CLI output uses it."""

    disclaimer: Text
    see_a_physician: Text
    urgent_heading: ShortText
    urgent_generic: Text
    no_pattern_heading: ShortText
    no_pattern: Text
    not_a_diagnosis_label: ShortText


class PnsCarePoints(Frozen):
    label: ShortText
    points: int = Field(ge=0, le=10)
    explanation: ShortText


class PnsCareLevel(Frozen):
    name: ShortText
    min_total: int = Field(ge=0)
    explanation: ShortText


class PnsCareRules(Frozen):
    """The published PNS-Care points, kept as data so a reviewer can check them."""

    reference: Id
    phenotype: dict[PhenotypeRisk, PnsCarePoints]
    antibody: dict[AntibodyRisk, PnsCarePoints]
    no_antibody: PnsCarePoints
    cancer_consistent: PnsCarePoints
    cancer_not_consistent: PnsCarePoints
    no_cancer_short_follow_up: PnsCarePoints
    no_cancer_long_follow_up: PnsCarePoints
    levels: tuple[PnsCareLevel, ...] = Field(min_length=1)
    note: Text


# --- Teaching material ------------------------------------------------------------------------


class TeachingCase(Frozen):
    """A vignette for the Cases page; distinct from the rules' own examples."""

    id: Id
    title: ShortText
    category: Category
    vignette: Text
    findings: tuple[Id, ...] = Field(min_length=1)
    cancers: tuple[Id, ...] = ()
    labs: tuple[LabValue, ...] = ()
    antibodies: tuple[Id, ...] = ()
    age_band: AgeBand | None = None
    sex: Sex | None = None
    follow_up: FollowUp | None = None
    answer: Id = Field(description="The syndrome whose pattern the case shows.")
    teaching_points: tuple[ShortText, ...] = Field(min_length=1)


class AboutSection(Frozen):
    id: Id
    heading: ShortText
    body: Text = Field(description="Markdown; rendered inert (no HTML).")
    references: tuple[Id, ...] = ()


class FaqItem(Frozen):
    question: ShortText
    answer: Text
    references: tuple[Id, ...] = ()


class About(Frozen):
    sections: tuple[AboutSection, ...] = Field(min_length=1)
    faq: tuple[FaqItem, ...] = ()


# --- A learner's input ------------------------------------------------------------------------


class LabValue(Frozen):
    analyte: Id
    value: float = Field(allow_inf_nan=False)
    unit: ShortText


class Profile(Frozen):
    """What a learner entered. No names, dates or free text: nothing that identifies a person."""

    findings: tuple[Id, ...] = ()
    cancers: tuple[Id, ...] = ()
    labs: tuple[LabValue, ...] = ()
    antibodies: tuple[Id, ...] = ()
    age_band: AgeBand | None = None
    sex: Sex | None = None
    follow_up: FollowUp | None = None

    @classmethod
    def of(cls, source: BaseModel) -> Profile:
        """The profile a rule example or a teaching case describes."""
        shared = set(cls.model_fields) & set(type(source).model_fields)
        return cls.model_validate(source.model_dump(include=shared))

    @field_validator("findings", "cancers", "antibodies")
    @classmethod
    def _sorted_unique(cls, ids: tuple[str, ...]) -> tuple[str, ...]:
        # Same facts in any order are the same profile.
        return tuple(sorted(set(ids)))

    @field_validator("labs")
    @classmethod
    def _one_value_per_analyte(cls, labs: tuple[LabValue, ...]) -> tuple[LabValue, ...]:
        analytes = [lab.analyte for lab in labs]
        if len(analytes) != len(set(analytes)):
            raise ValueError("each lab analyte may be given once")
        return tuple(sorted(labs, key=lambda lab: lab.analyte))


# --- A screening ------------------------------------------------------------------------------


class Tier(StrEnum):
    STRONG = "strong"
    PARTIAL = "partial"


class NodeTrace(Frozen):
    """How one node of a criteria tree fared against the profile."""

    kind: Literal["finding", "all_of", "any_of", "at_least", "none_of"]
    finding: Id | None = None
    met: bool
    needed: int = Field(description="Children that must hold (none_of: how many may be present).")
    satisfied: int = Field(description="Children that hold (none_of: how many are present).")
    progress: float = Field(ge=0, le=1, description="Share of the node that holds.")
    completion: tuple[Id, ...] | None = Field(
        description="Fewest findings that would make this node hold; None if adding cannot."
    )
    children: tuple[NodeTrace, ...] = ()


class ScoreItem(Frozen):
    points: float
    reason: ShortText


class DerivedFinding(Frozen):
    analyte: Id
    value: float
    unit: str
    value_in_main_unit: float
    main_unit: str
    finding: Id
    rule: str = Field(description="The threshold that applied, e.g. 'below 135 mmol/L'.")


class PnsCareItem(Frozen):
    level: Literal["clinical", "antibody", "cancer"]
    points: int
    explanation: str


class PnsCareScore(Frozen):
    items: tuple[PnsCareItem, ...]
    total: int
    level: str
    level_explanation: str
    note: str


class CancerContext(Frozen):
    cancer: Id
    link: Literal["typical", "reported"]


class PatternMatch(Frozen):
    syndrome: Id
    name: str
    category: Category
    status: Status
    tier: Tier
    score: float
    score_items: tuple[ScoreItem, ...]
    trace: NodeTrace
    counted_findings: tuple[Id, ...]
    missing_findings: tuple[Id, ...] | None
    supporting_present: tuple[Id, ...]
    supporting_absent: tuple[Id, ...]
    cancer_context: tuple[CancerContext, ...]
    antibody_context: tuple[Id, ...]
    pns_care: PnsCareScore | None = None


class Association(Frozen):
    """A syndrome linked to a selected cancer or antibody whose pattern is not (yet) present."""

    syndrome: Id
    name: str
    category: Category
    via_cancers: tuple[CancerContext, ...]
    via_antibodies: tuple[Id, ...]


class RedFlagHit(Frozen):
    red_flag: Id
    text: str
    findings: tuple[Id, ...]
    syndromes: tuple[Id, ...]


class BookStamp(Frozen):
    title: str
    version: str
    review_date: dt.date
    content_hash: str


class ScreeningResult(Frozen):
    profile: Profile
    derived_findings: tuple[DerivedFinding, ...]
    matches: tuple[PatternMatch, ...]
    associations: tuple[Association, ...]
    red_flags: tuple[RedFlagHit, ...]
    book: BookStamp

    @property
    def urgent(self) -> bool:
        return bool(self.red_flags)

    @property
    def no_pattern(self) -> bool:
        return not self.matches


for _model in (
    AllOf,
    AnyOf,
    AtLeastSpec,
    AtLeast,
    NoneOf,
    ExampleProfile,
    Syndrome,
    RedFlag,
    TeachingCase,
):
    _model.model_rebuild()
