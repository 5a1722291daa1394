"""A live class: a session's state, the room's anonymous answers and a learner's practice items.

Nothing here is about a person. A `seat` is a random token a student's browser holds for one
class session: it tells one phone's answers apart from another's (so a changed mind is counted
once), and says nothing about who holds it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field

from screener.models.base import FindingId, Frozen, SyndromeId

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Letters and digits a projector and a phone keyboard cannot confuse: no 0/O, 1/I/L."""
JOIN_CODE_LENGTH = 8
"""31⁸ ≈ 8.5 × 10¹¹ codes: guessing one of a hundred open classes takes billions of tries."""
PRACTICE_CODE_LENGTH = 12
SEAT_PATTERN = r"^[A-Za-z0-9_-]{16,43}$"
"""A seat token as `secrets.token_urlsafe` writes it."""
MAX_PICKS = 3
"""A learner's leading patterns: one to three, or none ('no pattern yet')."""
REVIEW_AFTER_DAYS = (1, 3, 7)
"""When a missed pattern comes back in practice, counted from the day it was missed."""

Refusal = Literal[
    "unknown_code",
    "expired",
    "closed",
    "moved_on",
    "revealed",
    "not_teacher",
    "unknown_practice_code",
]
"""Why a class refused an action."""
Unavailable = Literal["busy", "unavailable"]
"""Why the class database could not be used: locked past the timeout, or down."""


class Confidence(StrEnum):
    """How sure a learner is of an answer: a few steps, never a probability."""

    GUESSING = "guessing"
    UNSURE = "unsure"
    FAIRLY_SURE = "fairly_sure"
    CERTAIN = "certain"


class ClassSession(Frozen):
    """A class session as it stands: which case, which stage, revealed or not, closed or not."""

    id: int
    code: str = Field(description="The join code, without its dash.")
    case_id: str
    stage: int = Field(ge=0, description="The stage the class is on, 0 for the presentation.")
    stage_count: int = Field(ge=1)
    revealed: bool = Field(description="The answer of the current stage is shown.")
    closed: bool
    created_at: dt.datetime
    expires_at: dt.datetime

    @property
    def last_stage(self) -> bool:
        return self.stage == self.stage_count - 1

    def expired(self, now: dt.datetime) -> bool:
        return now >= self.expires_at

    @property
    def answering(self) -> bool:
        """Students may answer the current stage."""
        return not (self.revealed or self.closed)


def names_answer(patterns: tuple[SyndromeId, ...], reference: SyndromeId | None) -> bool:
    """Leading patterns name a stage's answer (or, where no pattern shows, say none yet): how a
    live class and a learner's own calibration alike count an answer right."""
    return reference in patterns if reference else not patterns


class ClassAnswer(Frozen):
    """One seat's answer to one stage: its leading patterns (none: 'no pattern yet') and how
    sure it was."""

    seat: str = Field(pattern=SEAT_PATTERN)
    stage: int = Field(ge=0)
    patterns: tuple[SyndromeId, ...] = Field(max_length=MAX_PICKS)
    confidence: Confidence
    saved_at: dt.datetime

    def names(self, reference: SyndromeId | None) -> bool:
        return names_answer(self.patterns, reference)


class TeacherPass(Frozen):
    """What only the teacher's browser holds: the session's code and its secret key."""

    code: str
    key: str


class PracticeItem(Frozen):
    """A pattern a learner missed in class, due to come back in practice."""

    id: int
    case_id: str
    stage: int = Field(ge=0)
    answer: SyndromeId = Field(description="What the stage shows first.")
    finding: FindingId | None = Field(description="The finding that told the answer apart.")
    missed_at: dt.datetime
    reviews_done: int = Field(ge=0, le=len(REVIEW_AFTER_DAYS))
    due_at: dt.datetime | None = Field(description="None once every review is done.")


# --- The room counted (`screener.engine.classroom`) ----------------------------------------


class PatternCount(Frozen):
    syndrome: SyndromeId | None = Field(description="None: 'no pattern yet'.")
    count: int


class StageTally(Frozen):
    """The room at one stage."""

    stage: int
    answered: int
    patterns: tuple[PatternCount, ...] = Field(
        description="Every pattern named (and 'no pattern yet'), most named first; a learner "
        "naming three patterns counts once for each."
    )
    confidence: tuple[tuple[Confidence, int], ...] = Field(description="Every level, in order.")
    answer: SyndromeId | None = Field(description="What the stage shows first.")
    named_answer: int
    missed: tuple[tuple[FindingId, int], ...] = Field(
        description="Distinguishing findings of the stage missed by those who did not name its "
        "answer, most often missed first."
    )

    @property
    def leading(self) -> frozenset[SyndromeId | None]:
        """The most named pattern(s): more than one when tied."""
        if not self.patterns:
            return frozenset()
        most = self.patterns[0].count
        return frozenset(p.syndrome for p in self.patterns if p.count == most)


class StageSummary(Frozen):
    tally: StageTally
    compared: int = Field(description="Seats that answered this stage and the one before.")
    changed_mind: int = Field(description="Of those, the seats whose patterns changed.")


class ClassSummary(Frozen):
    answer: SyndromeId
    stages: tuple[StageSummary, ...]
    first_named: int | None = Field(
        description="The first stage at which the case's answer was the room's most named "
        "pattern (ties count); None if it never was."
    )
