"""A learner's case: what was entered. No names, dates or free text, nothing that identifies
a person. The fields are declared once (`ProfileFields`) and shared by the profile itself, the
rules' own examples, the teaching cases and the mimics set."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from screener.errors import ScreenerError
from screener.models.base import (
    AgeBand,
    AntibodyId,
    CancerId,
    FindingId,
    FollowUp,
    Frozen,
    LabId,
    Number,
    Sex,
    ShortText,
)

Censored = Literal["below", "above"]
"""A value the laboratory reported only as beyond a limit: 'below' ("< 5", or "not detected"
without a limit), 'above' ("> 2000")."""


class LabValue(Frozen):
    """One lab value as entered. A censored value ("< 5", "> 2000", "not detected") says only on
    which side of its limit the true value lies, so it crosses a cut-off only when every value on
    that side would."""

    analyte: LabId
    value: Number | None = Field(
        default=None,
        description="The number, or for a censored value its limit; none only for 'not "
        "detected' without a limit.",
    )
    unit: ShortText
    censored: Censored | None = Field(
        default=None,
        description="'below': reported as less than `value` ('< 5'), or without a value as "
        "'not detected'; 'above': reported as more than `value` ('> 2000').",
    )

    @model_validator(mode="after")
    def _a_number_unless_not_detected(self) -> LabValue:
        if self.value is None and self.censored != "below":
            raise ValueError(
                "give a value, or write a result below the detection limit as "
                "'censored: below' ('not detected')"
            )
        return self

    @property
    def not_detected(self) -> bool:
        """Reported as not detected, without the laboratory's limit."""
        return self.value is None


class ProfileFields(Frozen):
    """Everything a case can say about a person, in one place."""

    findings: tuple[FindingId, ...] = ()
    cancers: tuple[CancerId, ...] = ()
    labs: tuple[LabValue, ...] = ()
    antibodies: tuple[AntibodyId, ...] = ()
    age_band: AgeBand | None = None
    sex: Sex | None = None
    follow_up: FollowUp | None = None


PROFILE_FIELDS = tuple(ProfileFields.model_fields)


class Profile(ProfileFields):
    """What a learner entered, in a canonical order: the same facts are the same profile."""

    @classmethod
    def of(cls, source: BaseModel) -> Profile:
        """The profile a rule example, teaching case or mimic case describes."""
        return cls.model_validate(source.model_dump(include=set(PROFILE_FIELDS)))

    @field_validator("findings", "cancers", "antibodies")
    @classmethod
    def _sorted_unique(cls, ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(set(ids)))

    @field_validator("labs")
    @classmethod
    def _one_value_per_analyte(cls, labs: tuple[LabValue, ...]) -> tuple[LabValue, ...]:
        analytes = [lab.analyte for lab in labs]
        if len(analytes) != len(set(analytes)):
            raise ValueError("each lab analyte may be given once")
        return tuple(sorted(labs, key=lambda lab: lab.analyte))

    @property
    def is_empty(self) -> bool:
        return self == Profile()

    def add(self, more: ProfileFields) -> Profile:
        """This profile with what `more` adds, as the next stage of a case does: its ids join
        these, its lab values replace any of the same analyte, and its choices replace these."""
        merged: dict[str, object] = {}
        for name in PROFILE_FIELDS:
            mine, theirs = getattr(self, name), getattr(more, name)
            if name == "labs":
                merged[name] = tuple({lab.analyte: lab for lab in (*mine, *theirs)}.values())
            elif isinstance(mine, tuple):
                merged[name] = (*mine, *theirs)
            else:
                merged[name] = mine if theirs is None else theirs
        return Profile.model_validate(merged)


class ProfileError(ScreenerError, ValueError):
    """The profile cannot be screened; `problems` says why, one plain sentence each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))
