"""The differential: which findings not yet entered would tell the top patterns apart, and what
each would do to each pattern. Data only (ids and effects); `screener.present` words it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from screener.models.base import FindingId, Frozen, MimicId, SyndromeId
from screener.models.script import FindingFrequency

Effect = Literal[
    "gives_key",
    "completes",
    "excludes",
    "clears_mimic",
    "points_to_mimic",
    "advances",
    "supports",
]
"""What entering a finding would do to a pattern: give it its key, complete its criteria, rule
it out, set aside the mimic considered first now, point to a mimic, add to its criteria, or count
as supporting evidence."""


class PatternEffect(Frozen):
    syndrome: SyndromeId
    effect: Effect
    mimic: MimicId | None = None
    frequency: FindingFrequency | None = Field(
        default=None,
        description="How often the finding occurs in the syndrome, where Orphanet's annotation "
        "or a cited series says it (`RuleBook.finding_frequencies`): a frequency class and its "
        "source, never a probability.",
    )


class NextQuestion(Frozen):
    finding: FindingId
    effects: tuple[PatternEffect, ...] = Field(description="Patterns it moves, in rank order.")
    separation: float = Field(description="How differently it moves the top patterns.")


class Differential(Frozen):
    syndromes: tuple[SyndromeId, ...] = Field(description="The top patterns compared.")
    questions: tuple[NextQuestion, ...]
