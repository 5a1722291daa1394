"""A teaching case screened stage by stage, once: what each stage shows first, how the patterns
moved between stages, and each leading pattern's ordering points across the stages (how the
picture narrows). Every figure is the engine's own, from `screen()` on what is known at that
stage.
"""

from __future__ import annotations

from screener.engine.screen import screen
from screener.models import (
    PROFILE_FIELDS,
    CaseScreening,
    Change,
    PatternChange,
    ProfileFields,
    ScorePoint,
    ScreeningResult,
    StageScreening,
    TeachingCase,
    Tier,
)
from screener.rulebook import RuleBook

CHART_PATTERNS = 3
"""A pattern is charted when it ranks this high at some stage."""

_NOW: dict[Tier, Change] = {
    Tier.STRONG: "now_strong",
    Tier.PARTIAL: "now_partial",
    Tier.KEY_MISSING: "now_key_missing",
}


def _added(source: ProfileFields) -> ProfileFields:
    return ProfileFields.model_validate(source.model_dump(include=set(PROFILE_FIELDS)))


def screen_case(case: TeachingCase, book: RuleBook) -> CaseScreening:
    """The case screened at each of its stages, the presentation first, with how the patterns
    moved from stage to stage and the chart of the leading patterns' ordering points."""
    additions = [_added(case), *(_added(stage) for stage in case.stages)]
    results = [screen(profile, book) for profile in case.stage_profiles]
    stages = tuple(
        StageScreening(
            index=i,
            added=added,
            result=result,
            expected_top=top,
            changes=pattern_changes(results[i - 1], result) if i else (),
        )
        for i, (added, result, top) in enumerate(
            zip(additions, results, case.stage_tops, strict=True)
        )
    )
    return CaseScreening(case=case.id, stages=stages, chart=score_points(stages))


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
