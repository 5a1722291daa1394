"""A screening: which patterns a profile fits, why, every lab reading and what is urgent.

Results are data, never sentences: `screener.present` puts them into words, once, for the app,
the PDF and the text report alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, computed_field

from screener.models.base import (
    AntibodyId,
    AntibodyRisk,
    CancerId,
    Category,
    FindingId,
    Frozen,
    LabId,
    MimicId,
    PhenotypeRisk,
    RedFlagId,
    Status,
    SyndromeId,
    Tier,
    Urgency,
)
from screener.models.criteria import Kind
from screener.models.differential import Differential
from screener.models.profile import Profile


class NodeTrace(Frozen):
    """How one node of a criteria tree fared against the profile."""

    kind: Kind
    finding: FindingId | None = None
    met: bool
    needed: int = Field(description="Children (or points) that must hold; none_of: how many may.")
    satisfied: int = Field(description="Children (or points) that hold; none_of: how many do.")
    progress: float = Field(ge=0, le=1, description="Share of the node that holds.")
    completion: tuple[FindingId, ...] | None = Field(
        description="Fewest findings that would make this node hold; None if adding cannot."
    )
    children: tuple[NodeTrace, ...] = ()
    weights: tuple[int, ...] | None = Field(
        default=None, description="Points each child adds (points nodes only)."
    )


ScoreKind = Literal["criteria", "supporting", "typical_cancer", "reported_cancer", "antibody"]


class ScoreItem(Frozen):
    """One part of a pattern's ordering points, and what it rests on."""

    points: float
    kind: ScoreKind
    item: str | None = Field(
        default=None, description="The supporting finding, cancer or antibody it counts."
    )
    progress: float | None = Field(
        default=None, description="Criteria only: the share of the criteria that holds."
    )
    out_of: float | None = Field(
        default=None, description="Criteria only: the points complete criteria would give."
    )


class ThresholdCrossing(Frozen):
    finding: FindingId
    side: Literal["below", "above", "at_or_below", "at_or_above"]
    bound: float
    sexes: tuple[str, ...] | None = None


class LabReading(Frozen):
    """One lab value as entered, in the rule book's unit, and the thresholds it crossed."""

    analyte: LabId
    value: float | None = Field(description="None only for 'not detected' without a limit.")
    unit: str
    censored: Literal["below", "above"] | None = None
    value_in_main_unit: float | None
    main_unit: str
    crossed: tuple[ThresholdCrossing, ...]


PnsCareBasis = Literal[
    "phenotype",
    "antibody",
    "antibody_not_fitting",
    "no_antibody",
    "cancer_consistent",
    "cancer_not_consistent",
    "no_cancer_short_follow_up",
    "no_cancer_long_follow_up",
]
"""Which of the published PNS-Care points (`rules/pns_care.yaml`) an item scores."""


class PnsCareItem(Frozen):
    level: Literal["clinical", "antibody", "cancer"]
    points: int
    basis: PnsCareBasis
    risk: PhenotypeRisk | AntibodyRisk | None = Field(
        default=None, description="The phenotype's or the antibody's risk class, where it counts."
    )
    items: tuple[str, ...] = Field(
        default=(), description="The antibodies or cancers it rests on, by id."
    )
    follow_up_assumed: bool = Field(
        default=False, description="No follow-up was given, so it counts as under 2 years."
    )


class PnsCareScore(Frozen):
    items: tuple[PnsCareItem, ...]
    total: int
    level: int = Field(description="Index of the level reached in the rule book's PNS-Care levels.")
    exception: bool = Field(
        default=False, description="Definite by the opsoclonus-myoclonus exception."
    )
    mimics_first: tuple[MimicId, ...] = Field(
        default=(), description="Mimics to consider before the score is read."
    )


class CancerContext(Frozen):
    cancer: CancerId
    link: Literal["typical", "reported"]


class PatternMatch(Frozen):
    syndrome: SyndromeId
    name: str
    category: Category
    status: Status
    tier: Tier
    score: float
    score_items: tuple[ScoreItem, ...]
    trace: NodeTrace
    counted_findings: tuple[FindingId, ...]
    missing_findings: tuple[FindingId, ...] | None
    supporting_present: tuple[FindingId, ...]
    cancer_context: tuple[CancerContext, ...]
    antibody_context: tuple[AntibodyId, ...] = Field(
        description="Linked antibodies present that point to cancer (they can make it strong)."
    )
    lower_risk_antibodies: tuple[AntibodyId, ...] = Field(
        default=(),
        description="Linked antibodies present that are usually not paraneoplastic: shown, "
        "lifting nothing.",
    )
    key_met: bool = True
    key_completion: tuple[FindingId, ...] | None = Field(
        default=None,
        description="Key missing only: the fewest findings that would make the key hold.",
    )
    mimics_first: tuple[MimicId, ...] = Field(
        default=(), description="Mimics whose clues are present: consider them first."
    )
    pns_care: PnsCareScore | None = None


class Association(Frozen):
    """A syndrome linked to a selected cancer or antibody whose pattern is not (yet) present."""

    syndrome: SyndromeId
    name: str
    category: Category
    via_cancers: tuple[CancerContext, ...]
    via_antibodies: tuple[AntibodyId, ...]


class RedFlagHit(Frozen):
    red_flag: RedFlagId
    urgency: Urgency
    text: str
    findings: tuple[FindingId, ...]


class FitNotice(Frozen):
    """An entered cancer or finding that cannot concern the sex or age band entered."""

    kind: Literal["cancer", "finding"]
    item: str
    entered: Literal["sex", "age_band"]


class BookStamp(Frozen):
    title: str
    version: str
    reviewed_by: str | None
    review_date: dt.date | None
    content_hash: str


class ScreeningResult(Frozen):
    profile: Profile
    labs: tuple[LabReading, ...] = Field(description="Every lab value entered, read once.")
    matches: tuple[PatternMatch, ...]
    associations: tuple[Association, ...]
    red_flags: tuple[RedFlagHit, ...]
    differential: Differential = Field(
        description="What to ask next: the findings that would tell the top patterns apart."
    )
    fit_notices: tuple[FitNotice, ...] = Field(
        default=(), description="Entries that cannot fit the sex or age band entered."
    )
    book: BookStamp

    @property
    def urgent(self) -> bool:
        return bool(self.red_flags)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def urgency(self) -> Urgency | None:
        """The most urgent level among the red flags raised, if any."""
        return min((hit.urgency for hit in self.red_flags), key=lambda u: u.rank, default=None)

    @property
    def no_pattern(self) -> bool:
        return not self.matches

    @property
    def lab_findings(self) -> frozenset[str]:
        return frozenset(c.finding for reading in self.labs for c in reading.crossed)
