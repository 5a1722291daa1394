"""Everything the engine works out beyond one screening, as data: what changed between two
screenings, a teaching case screened stage by stage, a practice run's score, two or three
syndromes compared, and where a finding counts. `screener.present` puts each into words."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, computed_field

from screener.models.base import FindingId, Frozen, MimicId, RedFlagId, SyndromeId, Tier
from screener.models.differential import NextQuestion
from screener.models.profile import ProfileFields
from screener.models.result import ScreeningResult
from screener.models.script import IllnessScript

# --- What changed between two screenings ----------------------------------------------------

EntryKind = Literal["finding", "cancer", "antibody", "lab", "age_band", "sex", "follow_up"]
Movement = Literal["appeared", "rose", "fell", "disappeared"]
MOVEMENTS: tuple[Movement, ...] = ("appeared", "rose", "fell", "disappeared")


class EntryChange(Frozen):
    """One entered item that differs: `item` is an id, or a choice's value (age band, sex…)."""

    kind: EntryKind
    item: str
    change: Literal["added", "removed", "changed"]


class Standing(Frozen):
    rank: int
    tier: Tier
    score: float


class PatternShift(Frozen):
    syndrome: SyndromeId
    name: str
    movement: Movement
    before: Standing | None
    after: Standing | None
    causes: tuple[EntryChange, ...]


class CaseChange(Frozen):
    entries: tuple[EntryChange, ...]
    shifts: tuple[PatternShift, ...]
    """Appeared, rose and fell in their new order, then disappeared in their old order."""
    crossed: tuple[FindingId, ...]
    """Findings a lab value now gives that it did not (a threshold crossed), in lab order."""
    uncrossed: tuple[FindingId, ...]
    """Findings a lab value gave before and no longer does."""
    raised: tuple[RedFlagId, ...]
    """Red flags raised by the change, most urgent first: a banner can appear with no pattern
    moving (a sodium of 118 mmol/L)."""
    cleared: tuple[RedFlagId, ...]
    """Red flags the change took away."""


# --- A teaching case, stage by stage --------------------------------------------------------

Change = Literal["new", "gone", "up", "down", "now_strong", "now_partial", "now_key_missing"]
"""How a pattern moved from one stage to the next; `now_<tier>`: its tier changed to that one."""


class PatternChange(Frozen):
    syndrome: SyndromeId
    change: Change
    rank_before: int | None
    rank_after: int | None


class StageScreening(Frozen):
    index: int = Field(description="0 for the presentation.")
    added: ProfileFields = Field(description="What this stage adds (the presentation: all of it).")
    result: ScreeningResult = Field(description="The screening of everything known so far.")
    expected_top: SyndromeId | None = Field(description="What the case says shows first.")
    changes: tuple[PatternChange, ...] = Field(
        default=(), description="How the patterns moved since the stage before."
    )

    @property
    def top(self) -> str | None:
        return self.result.matches[0].syndrome if self.result.matches else None

    @property
    def as_expected(self) -> bool:
        return self.top == self.expected_top


class ScorePoint(Frozen):
    """One pattern's ordering points at one stage: a point of the stage-by-stage chart."""

    stage: int
    syndrome: SyndromeId
    score: float
    tier: Tier
    rank: int


class CaseScreening(Frozen):
    """A teaching case screened once: every stage, how the patterns moved, and the chart."""

    case: str
    stages: tuple[StageScreening, ...]
    chart: tuple[ScorePoint, ...]


class PracticeScore(Frozen):
    """A practice run: the learner commits to a pattern (or to 'not sure yet') at each stage.

    Naming the answer earlier scores more: first at stage 1 of 4 scores 4 points, first at the
    last stage 1 point, never 0. Changing one's mind later does not take the points away.
    """

    stages: int
    first_right: int | None = Field(
        description="The 0-based stage at which the learner first named the answer; None if never."
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def points(self) -> int:
        return 0 if self.first_right is None else self.stages - self.first_right

    @property
    def possible(self) -> int:
        return self.stages


# --- Explore: compare syndromes, look up a finding ------------------------------------------


class Comparison(Frozen):
    """Two or three syndromes side by side: the findings that would move them differently,
    asked before anything is entered (the differential's own question), most separating first."""

    syndromes: tuple[SyndromeId, ...]
    separating: tuple[NextQuestion, ...]
    scripts: tuple[IllnessScript, ...] = Field(description="Each one's illness script, in order.")


class FindingUse(Frozen):
    """Where one finding counts in the rule book."""

    finding: FindingId
    counts_towards: tuple[SyndromeId, ...] = Field(description="Criteria or key, not exclusions.")
    excludes: tuple[SyndromeId, ...]
    supports: tuple[SyndromeId, ...]
    red_flags: tuple[RedFlagId, ...]
    mimics: tuple[MimicId, ...]
