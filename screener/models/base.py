"""What every model shares: the frozen base, the id and text types, and the enumerations."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError


class Frozen(BaseModel):
    """Immutable and strict: a typo in a rule file is an error, never a silently ignored key."""

    model_config = ConfigDict(frozen=True, extra="forbid")


IdKind = Literal[
    "finding",
    "system",
    "lab",
    "cancer",
    "antibody",
    "reference",
    "red_flag",
    "mimic",
    "syndrome",
    "case",
    "mimic_case",
]
"""Every kind of thing the rule book names by id. One id may name only one thing."""


@dataclass(frozen=True)
class Ref:
    """Field metadata: this id must name an existing `kind` of thing in the rule book.

    The loader's cross-check walks every model and checks every field carrying this marker, so a
    new reference is declared once, on its field, and checked everywhere.
    """

    kind: IdKind


_ID = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=64),
    Field(description="Lower-case identifier: letters, digits and underscores."),
]
Id = _ID
"""The id an item declares for itself."""

FindingId = Annotated[_ID, Ref("finding")]
LabId = Annotated[_ID, Ref("lab")]
CancerId = Annotated[_ID, Ref("cancer")]
AntibodyId = Annotated[_ID, Ref("antibody")]
ReferenceId = Annotated[_ID, Ref("reference")]
RedFlagId = Annotated[_ID, Ref("red_flag")]
MimicId = Annotated[_ID, Ref("mimic")]
SyndromeId = Annotated[_ID, Ref("syndrome")]


def _not_true_or_false(value: object) -> object:
    # YAML reads `yes`, `on` and `true` as booleans, and Python counts True as 1.
    if isinstance(value, bool):
        raise PydanticCustomError("bool_is_not_a_number", "true/false is not a number")
    return value


Number = Annotated[
    float, BeforeValidator(_not_true_or_false), Field(strict=True, allow_inf_nan=False)
]
"""A finite number written as a number: never text, true/false, NaN or infinity."""
Count = Annotated[int, BeforeValidator(_not_true_or_false), Field(strict=True)]
"""A whole number written as one: never text, true/false or a decimal."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class Category(StrEnum):
    NEUROLOGIC = "neurologic"
    ENDOCRINE = "endocrine"
    HEMATOLOGIC = "hematologic"
    DERMATOLOGIC = "dermatologic"
    RHEUMATOLOGIC = "rheumatologic"
    RENAL = "renal"


class Status(StrEnum):
    """What was done to check a piece of content. None of these means a clinician signed it off:
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


class Tier(StrEnum):
    """How a pattern stands, highest first. `key_missing` is the lower entry of a pattern whose
    criteria hold, without the rule's specific part, in a person whose cancer or antibody points
    to it: never a card, a reminder to ask for the key."""

    STRONG = "strong"
    PARTIAL = "partial"
    KEY_MISSING = "key_missing"

    @property
    def rank(self) -> int:
        """0 for the highest tier."""
        return list(Tier).index(self)


Treatment = Literal["cell_surface", "intracellular", "hormone", "tumour_first"]
"""The treatment principle a syndrome's rule points to: treat the tumour first and early in
every case, then, for antibodies against a cell-surface target, early immunotherapy that often
helps; for antibodies against a target inside the cell, immunotherapy tried early mainly to stop
the decline; for a hormone or cytokine made by the tumour, its chemical effect corrected while
the tumour is treated."""
