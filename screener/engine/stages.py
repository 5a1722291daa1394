"""A teaching case screened stage by stage: what each stage shows first, how the patterns moved
between stages, and each leading pattern's ordering points across the stages (how the picture
narrows). Every figure here is the engine's own, from `screen()` on what is known at that stage.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from screener.engine.screen import screen
from screener.models import (
    PROFILE_FIELDS,
    Frozen,
    ProfileFields,
    ScreeningResult,
    SyndromeId,
    TeachingCase,
    Tier,
)
from screener.rulebook import RuleBook

CHART_PATTERNS = 3
"""A pattern is charted when it ranks this high at some stage."""


class StageScreening(Frozen):
    index: int = Field(description="0 for the presentation.")
    added: ProfileFields = Field(description="What this stage adds (the presentation: all of it).")
    result: ScreeningResult = Field(description="The screening of everything known so far.")
    expected_top: SyndromeId | None = Field(description="What the case says shows first.")

    @property
    def top(self) -> str | None:
        return self.result.matches[0].syndrome if self.result.matches else None

    @property
    def as_expected(self) -> bool:
        return self.top == self.expected_top


Change = Literal["new", "gone", "up", "down", "now_strong", "now_partial", "now_key_missing"]
"""`now_<tier>`: the pattern's tier changed to that one."""


_NOW: dict[Tier, Change] = {
    Tier.STRONG: "now_strong",
    Tier.PARTIAL: "now_partial",
    Tier.KEY_MISSING: "now_key_missing",
}


class PatternChange(Frozen):
    syndrome: SyndromeId
    change: Change
    rank_before: int | None
    rank_after: int | None


class ScorePoint(Frozen):
    """One pattern's ordering points at one stage: a point of the stage-by-stage chart."""

    stage: int
    syndrome: SyndromeId
    score: float
    tier: Tier
    rank: int


def _added(source: ProfileFields) -> ProfileFields:
    return ProfileFields.model_validate(source.model_dump(include=set(PROFILE_FIELDS)))


def screen_stages(case: TeachingCase, book: RuleBook) -> tuple[StageScreening, ...]:
    """The case screened at each of its stages, the presentation first."""
    additions = [_added(case), *(_added(stage) for stage in case.stages)]
    return tuple(
        StageScreening(index=i, added=added, result=screen(profile, book), expected_top=top)
        for i, (added, profile, top) in enumerate(
            zip(additions, case.stage_profiles, case.stage_tops, strict=True)
        )
    )


def pattern_changes(before: ScreeningResult, after: ScreeningResult) -> tuple[PatternChange, ...]:
    """How the shown patterns moved from one stage to the next: new, gone, up or down the list,
    or a change of tier; in the order of the later list, then those that are gone."""
    ranks_before = {m.syndrome: rank for rank, m in enumerate(before.matches, start=1)}
    tiers_before = {m.syndrome: m.tier for m in before.matches}
    changes = []
    for rank, match in enumerate(after.matches, start=1):
        earlier = ranks_before.get(match.syndrome)
        kinds: list[Change] = []
        if earlier is None:
            kinds.append("new")
        else:
            if rank < earlier:
                kinds.append("up")
            elif rank > earlier:
                kinds.append("down")
            if match.tier != tiers_before[match.syndrome]:
                kinds.append(_NOW[match.tier])
        changes += [
            PatternChange(syndrome=match.syndrome, change=k, rank_before=earlier, rank_after=rank)
            for k in kinds
        ]
    shown = {m.syndrome for m in after.matches}
    changes += [
        PatternChange(syndrome=m.syndrome, change="gone", rank_before=rank, rank_after=None)
        for rank, m in enumerate(before.matches, start=1)
        if m.syndrome not in shown
    ]
    return tuple(changes)


def score_points(
    stages: tuple[StageScreening, ...], leading: int = CHART_PATTERNS
) -> tuple[ScorePoint, ...]:
    """The ordering points of every pattern that ranks in the first `leading` at some stage,
    at each stage where it shows (a pattern that does not show has no points to plot)."""
    charted = {m.syndrome for s in stages for m in s.result.matches[:leading]}
    return tuple(
        ScorePoint(stage=stage.index, syndrome=m.syndrome, score=m.score, tier=m.tier, rank=rank)
        for stage in stages
        for rank, m in enumerate(stage.result.matches, start=1)
        if m.syndrome in charted
    )
