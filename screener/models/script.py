"""A syndrome as an illness script: the standard slots a clinician recalls it by, each filled
from the rule book (ids and the rule's own texts; `screener.present` words them)."""

from __future__ import annotations

from pydantic import Field, model_validator

from screener.models.base import (
    AntibodyId,
    CancerId,
    FindingId,
    Frozen,
    MimicId,
    ReferenceId,
    SyndromeId,
    Treatment,
)
from screener.models.rules import HpoFrequency

SLOTS = (
    "who",
    "time_course",
    "key_features",
    "mechanism",
    "antibodies",
    "confirms",
    "look_alikes",
    "treatment",
)
"""The slots of every illness script, in the order they are read."""


SCRIPT_SECTIONS = {
    "key_features": "What a learner notices",
    "mechanism": "Mechanism",
    "confirms": "Key test clue",
}
"""The teaching text's sections a script reads, by slot; `screener validate` checks each is
there."""


class FindingFrequency(Frozen):
    """How often one of the rule's findings occurs in the syndrome, as Orphanet's annotation
    (phenotype.hpoa) or else a cited series (or definition) says it: a frequency class, never a
    probability.
    Exactly one of `orpha` and `reference` names the source."""

    finding: FindingId
    frequency: HpoFrequency
    orpha: str | None = Field(
        default=None, description="The Orphanet disease whose annotation says it."
    )
    reference: ReferenceId | None = Field(
        default=None, description="The cited series that says it, where Orphanet does not."
    )
    by_definition: bool = Field(
        default=False,
        description="The reference makes the finding part of the syndrome's definition, rather "
        "than counting it in a series.",
    )

    @model_validator(mode="after")
    def _one_source(self) -> FindingFrequency:
        if (self.orpha is None) == (self.reference is None):
            raise ValueError("a frequency names either its Orphanet disease or its reference")
        return self


class LookAlike(Frozen):
    mimic: MimicId
    telling: tuple[FindingId, ...] = Field(description="The findings that point to it.")


class IllnessScript(Frozen):
    syndrome: SyndromeId
    who: str | None = Field(description="None: the rule does not say (validate flags it).")
    cancers: tuple[CancerId, ...] = Field(description="The predisposing (typical) cancers.")
    time_course: str | None
    key_features: str = Field(description="The rule's 'what a learner notices', as written.")
    key: tuple[FindingId, ...] = Field(description="The findings of its specific part (its key).")
    mechanism: str
    antibodies: tuple[AntibodyId, ...]
    confirms: str = Field(description="The rule's key test clue, as written.")
    look_alikes: tuple[LookAlike, ...]
    treatment: Treatment
    frequencies: tuple[FindingFrequency, ...] = Field(
        description="The rule's findings Orphanet's annotation of the syndrome (or else a "
        "cited series) rates, in rule order; a finding neither rates is left out."
    )
