"""A teaching case in words, stage by stage: what each stage adds, the patterns it shows, what
changed since the stage before, the differential, and the chart of ordering points."""

from __future__ import annotations

from screener.models import (
    CaseScreening,
    Frozen,
    LabValue,
    ProfileFields,
    StageScreening,
    TeachingCase,
    Tier,
)
from screener.present import teaching_words as teaching
from screener.present import words
from screener.present.differential import DifferentialView, differential_view
from screener.present.view import Line, UrgentView, antibody_words, urgent_view
from screener.rulebook import RuleBook


class PatternLine(Frozen):
    rank: int
    syndrome: str
    tier: Tier
    text: str
    """e.g. '1. Lambert-Eaton myasthenic syndrome: partial, 8.5 ordering points'."""


class StageView(Frozen):
    index: int
    label: str
    """The stage's own name ('Examination'), for a chart's axis."""
    heading: str
    """'Stage 2 of 4: Examination'."""
    text: str
    facts: tuple[Line, ...]
    """What this stage adds."""
    urgent: UrgentView | None
    patterns: tuple[PatternLine, ...]
    no_pattern: str | None
    changes: tuple[str, ...]
    differential: DifferentialView | None
    top: str | None
    """The syndrome shown first, if any."""


class ChartPoint(Frozen):
    """One point of the chart: a pattern's ordering points at a stage, as the engine scored."""

    stage: int
    stage_label: str
    pattern: str
    score: float
    tier: str
    rank: int


class StagedCaseView(Frozen):
    id: str
    title: str
    category: str
    about: str
    """Age band and sex, e.g. 'Age band: 40–64 years · Sex: Female'."""
    answer: str
    staged: bool
    stages: tuple[StageView, ...]
    chart_heading: str
    chart_note: str
    chart: tuple[ChartPoint, ...]
    teaching_points: tuple[str, ...]


def about_line(case: TeachingCase) -> str:
    age = words.AGE_BAND[case.age_band] if case.age_band else words.NOT_GIVEN
    sex = words.SEX[case.sex] if case.sex else words.NOT_GIVEN
    return f"Age band: {age} · Sex: {sex}"


def lab_text(lab: LabValue, book: RuleBook) -> str:
    return f"{book.label('lab', lab.analyte)} {words.lab_value(lab.value, lab.unit, lab.censored)}"


def fact_lines(added: ProfileFields, book: RuleBook) -> tuple[Line, ...]:
    """What a case (or one of its stages) tells, in words: never the answer."""
    lines = []
    if added.findings:
        lines.append(
            Line(label="Findings", text="; ".join(book.label("finding", f) for f in added.findings))
        )
    if added.labs:
        lines.append(
            Line(
                label="Lab values",
                text="; ".join(lab_text(lab, book) for lab in added.labs),
            )
        )
    if added.antibodies:
        lines.append(
            Line(
                label="Antibodies",
                text="; ".join(antibody_words(a, book) for a in added.antibodies),
            )
        )
    if added.cancers:
        lines.append(
            Line(
                label="Known cancer", text="; ".join(book.label("cancer", c) for c in added.cancers)
            )
        )
    if added.follow_up:
        lines.append(
            Line(label="Follow-up without a cancer found", text=words.FOLLOW_UP[added.follow_up])
        )
    return tuple(lines)


def pattern_line(rank: int, syndrome: str, tier: Tier, score: float, book: RuleBook) -> PatternLine:
    return PatternLine(
        rank=rank,
        syndrome=syndrome,
        tier=tier,
        text=f"{rank}. {book.label('syndrome', syndrome)}: {words.TIER_SHORT[tier]}, "
        f"{words.number(score)} {words.ORDERING_NOTE}",
    )


def change_lines(screening: StageScreening, book: RuleBook) -> tuple[str, ...]:
    if screening.index == 0:
        return (teaching.FIRST_STAGE_CHANGES,) if screening.result.matches else ()
    lines = []
    for change in screening.changes:
        name = book.label("syndrome", change.syndrome)
        text = f"{name} {teaching.CHANGE[change.change]}"
        if change.change in ("up", "down"):
            text += (
                f", from {teaching.ordinal(change.rank_before or 0)} to "
                f"{teaching.ordinal(change.rank_after or 0)}"
            )
        elif change.change == "new":
            text += f", {teaching.ordinal(change.rank_after or 0)} in the list"
        lines.append(text)
    return tuple(lines) or (teaching.NOTHING_CHANGED,)


def stage_label(case: TeachingCase, index: int) -> str:
    return teaching.PRESENTATION if index == 0 else case.stages[index - 1].title


def stage_text(case: TeachingCase, index: int) -> str:
    return case.vignette if index == 0 else case.stages[index - 1].text


def stage_view(case: TeachingCase, screening: StageScreening, book: RuleBook) -> StageView:
    count = len(case.stage_profiles)
    label = stage_label(case, screening.index)
    result = screening.result
    return StageView(
        index=screening.index,
        label=label,
        heading=teaching.stage_title(screening.index, count, label),
        text=stage_text(case, screening.index),
        facts=fact_lines(screening.added, book),
        urgent=urgent_view(result, book),
        patterns=tuple(
            pattern_line(rank, m.syndrome, m.tier, m.score, book)
            for rank, m in enumerate(result.matches, start=1)
        ),
        no_pattern=book.safety.no_pattern_heading if result.no_pattern else None,
        changes=change_lines(screening, book),
        differential=differential_view(result.differential, book),
        top=screening.top,
    )


def staged_case_view(
    case: TeachingCase, screening: CaseScreening, book: RuleBook
) -> StagedCaseView:
    """The case in words, from the engine's one screening of it (`screen_case`)."""
    stages = tuple(stage_view(case, s, book) for s in screening.stages)
    return StagedCaseView(
        id=case.id,
        title=case.title,
        category=words.CATEGORY[case.category],
        about=about_line(case),
        answer=book.label("syndrome", case.answer),
        staged=bool(case.stages),
        stages=stages,
        chart_heading=teaching.HEADINGS["chart"],
        chart_note=teaching.CHART_NOTE,
        chart=tuple(
            ChartPoint(
                stage=point.stage,
                stage_label=f"{point.stage + 1}. {stages[point.stage].label}",
                pattern=book.label("syndrome", point.syndrome),
                score=point.score,
                tier=words.TIER_SHORT[point.tier],
                rank=point.rank,
            )
            for point in screening.chart
        ),
        teaching_points=case.teaching_points,
    )
