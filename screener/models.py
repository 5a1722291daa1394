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
    """What was done to check a piece of content. No status means a clinician signed it off:
    that is recorded separately, with a name and a date (`Provenance`, `BookInfo`)."""

    DRAFT = "draft"
    NEEDS_REVIEW = "needs-review"
    SOURCE_CHECKED = "source-checked"


class Urgency(StrEnum):
    """How soon a red flag needs care, most urgent first."""

    NOW = "now"
    TODAY = "today"
    THIS_WEEK = "this_week"

    @property
    def rank(self) -> int:
        """0 for the most urgent level."""
        return list(Urgency).index(self)


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
    set_when: Literal["any_cancer_known"] | None = Field(
        default=None,
        description="Set by the screener from the rest of the case, never ticked: "
        "'any_cancer_known' holds when any cancer is entered.",
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


BOUNDS = ("below", "above", "at_or_below", "at_or_above")


class LabThreshold(Frozen):
    """A cut-off, in the analyte's main unit, that turns a value into a finding."""

    finding: Id
    below: float | None = Field(default=None, description="Strictly below (<).")
    above: float | None = Field(default=None, description="Strictly above (>).")
    at_or_below: float | None = Field(default=None, description="At or below (≤).")
    at_or_above: float | None = Field(default=None, description="At or above (≥).")
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

    def crossed_by(self, value: float) -> bool:
        side, bound = self.bound
        return {
            "below": value < bound,
            "above": value > bound,
            "at_or_below": value <= bound,
            "at_or_above": value >= bound,
        }[side]


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
    year: int = Field(ge=1900, le=2100)
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


class PointsItem(Frozen):
    points: int = Field(ge=1, le=100)
    when: Criterion


class PointsSpec(Frozen):
    at_least: int = Field(ge=1, description="Points needed; each item adds its points if it holds.")
    of: tuple[PointsItem, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _satisfiable(self) -> PointsSpec:
        total = sum(item.points for item in self.of)
        if self.at_least > total:
            raise ValueError(f"points needs {self.at_least} but its items add up to only {total}")
        return self


class Points(Frozen):
    """A weighted count, as in a clinical score (e.g. the ISTH overt-DIC score)."""

    points: PointsSpec


_COMBINATORS = {
    "all_of": AllOf,
    "any_of": AnyOf,
    "at_least": AtLeast,
    "none_of": NoneOf,
    "points": Points,
}


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
    | Annotated[NoneOf, Tag("none_of")]
    | Annotated[Points, Tag("points")],
    Discriminator(
        _criterion_kind,
        custom_error_type="criterion",
        custom_error_message=(
            "a criterion is a finding id, or a mapping with exactly one key: "
            "all_of, any_of, at_least, none_of or points"
        ),
    ),
]
"""A finding id (a leaf) or one of the five combinators."""


# --- Syndromes --------------------------------------------------------------------------------


class CancerLinks(Frozen):
    typical: tuple[Id, ...] = Field(default=(), description="The usual tumours.")
    reported: tuple[Id, ...] = Field(default=(), description="Less common, reported tumours.")


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
    syndrome: Id | None = Field(
        default=None, description="The rule for it, when it is itself in this rule book."
    )
    suggested_by: Criterion | None = Field(
        default=None,
        description="Findings or exposures that point to this mimic; when they hold, a card "
        "listing it says 'consider it first' and is never strong.",
    )
    suggested_by_cancers: tuple[Id, ...] = Field(
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
    key: Criterion | None = Field(
        default=None,
        description="The specific part of the pattern. An incomplete pattern is shown only "
        "when its key holds; without a key it is shown only when complete.",
    )
    pns_care: PnsCarePhenotype | None = Field(
        default=None, description="Only for syndromes the 2021 PNS criteria score."
    )
    red_flags: tuple[Id, ...] = ()
    mimics: tuple[Id, ...] = Field(
        default=(), description="Mimic ids (rules/mimics.yaml), the one to think of first first."
    )
    discuss: tuple[ShortText, ...] = Field(default=(), description="Questions for a physician.")
    references: tuple[Id, ...] = Field(min_length=1)
    provenance: Provenance
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
    urgency: Urgency = Field(description="How soon care is needed: now, today or this_week.")
    text: Text = Field(description="What to do, in plain words, at this urgency.")
    references: tuple[Id, ...] = ()
    status: Status = Status.NEEDS_REVIEW


# --- Rule-book level files --------------------------------------------------------------------


class BookInfo(Frozen):
    title: ShortText
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]
    reviewed_by: ShortText | None = Field(
        default=None, description="A named clinician who re-read the whole book; empty until then."
    )
    review_date: dt.date | None = None
    core_references: tuple[Id, ...] = Field(min_length=1)

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
        return getattr(self, urgency.value)


class SafetyText(Frozen):
    """The only wording of the safety framing; every page, PDF page and CLI output uses it."""

    disclaimer: Text
    see_a_physician: Text
    urgent: UrgentTexts
    no_pattern_heading: ShortText
    no_pattern: Text
    not_a_diagnosis_label: ShortText


class PnsCarePoints(Frozen):
    label: ShortText
    points: int = Field(ge=0, le=10)
    explanation: ShortText
    references: tuple[Id, ...] = Field(default=(), description="Where this reading comes from.")


class PnsCareLevel(Frozen):
    name: ShortText
    min_total: int = Field(ge=0)
    explanation: ShortText


class PnsCareNamedLevel(Frozen):
    name: ShortText
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
    antibody_not_fitting: PnsCarePoints = Field(
        description="An antibody that is not linked to this phenotype."
    )
    levels: tuple[PnsCareLevel, ...] = Field(min_length=1)
    exception_level: PnsCareNamedLevel = Field(
        description="The opsoclonus-myoclonus exception: definite without an antibody."
    )
    incomplete: ShortText = Field(
        description="Why no score is shown while the pattern's criteria are incomplete."
    )
    mimic_first: ShortText = Field(
        description="Said with the score when a mimic should be considered first."
    )
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


class MimicCase(Frozen):
    """A presentation that is *not* paraneoplastic, written for teaching: the mimics set.

    It must show no strong card, raise its red flags at exactly `expect_urgency`, and every card
    it does show must name its `cause` as the mimic to consider first.
    """

    id: Id
    title: ShortText
    teaching: Text = Field(description="What it really is, and why it is not paraneoplastic.")
    cause: Id | None = Field(
        default=None,
        description="The mimic (rules/mimics.yaml) behind it; without one, no card may show.",
    )
    expect_urgency: Urgency | None = Field(
        default=None, description="The most urgent red-flag level it must raise, or none."
    )
    findings: tuple[Id, ...] = ()
    cancers: tuple[Id, ...] = ()
    labs: tuple[LabValue, ...] = ()
    antibodies: tuple[Id, ...] = ()
    age_band: AgeBand | None = None
    sex: Sex | None = None
    follow_up: FollowUp | None = None


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

    kind: Literal["finding", "all_of", "any_of", "at_least", "none_of", "points"]
    finding: Id | None = None
    met: bool
    needed: int = Field(description="Children that must hold (none_of: how many may be present).")
    satisfied: int = Field(description="Children that hold (none_of: how many are present).")
    progress: float = Field(ge=0, le=1, description="Share of the node that holds.")
    completion: tuple[Id, ...] | None = Field(
        description="Fewest findings that would make this node hold; None if adding cannot."
    )
    children: tuple[NodeTrace, ...] = ()
    weights: tuple[int, ...] | None = Field(
        default=None, description="Points each child adds (points nodes only)."
    )


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
    caveat: str | None = Field(
        default=None, description="Why the score must wait, e.g. a mimic to consider first."
    )


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
    antibody_context: tuple[Id, ...] = Field(
        description="Linked antibodies present that point to cancer (they can make it strong)."
    )
    lower_risk_antibodies: tuple[Id, ...] = Field(
        default=(),
        description="Linked antibodies present that are usually not paraneoplastic: shown, "
        "lifting nothing.",
    )
    key_met: bool = True
    mimics_first: tuple[Id, ...] = Field(
        default=(), description="Mimics whose clues are present: consider them first."
    )
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
    urgency: Urgency
    text: str
    findings: tuple[Id, ...]
    syndromes: tuple[Id, ...]


class BookStamp(Frozen):
    title: str
    version: str
    reviewed_by: str | None
    review_date: dt.date | None
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
    def urgency(self) -> Urgency | None:
        """The most urgent level among the red flags raised, if any."""
        return min((hit.urgency for hit in self.red_flags), key=lambda u: u.rank, default=None)

    @property
    def no_pattern(self) -> bool:
        return not self.matches


for _model in (
    AllOf,
    AnyOf,
    AtLeastSpec,
    AtLeast,
    NoneOf,
    PointsItem,
    PointsSpec,
    Points,
    PnsCarePhenotype,
    Mimic,
    ExampleProfile,
    Syndrome,
    RedFlag,
    TeachingCase,
    MimicCase,
):
    _model.model_rebuild()
