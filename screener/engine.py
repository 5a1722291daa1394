"""Screen a profile against the rule book: `screen(profile, book) -> ScreeningResult`.

Pure and deterministic: the same profile and rule book give the same result in the same order.

A syndrome's pattern is *strong* when its criteria hold and a typical cancer or one of its
antibodies is known, *partial* when the criteria hold without that context or more than half of
them hold, and otherwise not shown, except as a known association of a selected cancer or
antibody. Non-specific findings (fatigue, weight loss) alone never show a pattern.
"""

from __future__ import annotations

from screener.book import RuleBook
from screener.criteria import counted_findings, evaluate
from screener.labs import ProfileError, derive_lab_findings
from screener.models import (
    Association,
    CancerContext,
    Category,
    PatternMatch,
    Profile,
    RedFlagHit,
    ScoreItem,
    ScreeningResult,
    Syndrome,
    Tier,
)
from screener.pns_care import pns_care_score

NEAR_MISS_PROGRESS = 0.5
"""A pattern whose criteria are not complete is shown when more than this share holds."""

CRITERIA_POINTS = 10
SUPPORTING_POINTS = 1
TYPICAL_CANCER_POINTS = 3
REPORTED_CANCER_POINTS = 1
ANTIBODY_POINTS = 3


def check_profile(profile: Profile, book: RuleBook) -> None:
    """Raise `ProfileError` naming every id in `profile` that the rule book does not know."""
    problems = [
        f"unknown {kind} '{item_id}'"
        for kind, ids, known in (
            ("finding", profile.findings, book.findings),
            ("cancer", profile.cancers, book.cancer_by_id),
            ("antibody", profile.antibodies, book.antibody_by_id),
        )
        for item_id in ids
        if item_id not in known
    ]
    if problems:
        raise ProfileError(problems)


def screen(profile: Profile, book: RuleBook) -> ScreeningResult:
    """Which syndrome patterns `profile` fits, why, and what is urgent."""
    check_profile(profile, book)
    derived = derive_lab_findings(profile.labs, book, profile.sex)
    present = frozenset(profile.findings) | {d.finding for d in derived}

    matches: list[PatternMatch] = []
    associations: list[Association] = []
    for syndrome in book.syndromes:
        match = _match(syndrome, profile, present, book)
        if match is not None:
            matches.append(match)
            continue
        via_cancers = _cancer_context(syndrome, profile)
        via_antibodies = tuple(a for a in syndrome.antibodies if a in profile.antibodies)
        if via_cancers or via_antibodies:
            associations.append(
                Association(
                    syndrome=syndrome.id,
                    name=syndrome.name,
                    category=syndrome.category,
                    via_cancers=via_cancers,
                    via_antibodies=via_antibodies,
                )
            )

    category_order = list(Category)
    matches.sort(key=lambda m: (m.tier != Tier.STRONG, -m.score, m.name, m.syndrome))
    associations.sort(key=lambda a: (category_order.index(a.category), a.name, a.syndrome))
    return ScreeningResult(
        profile=profile,
        derived_findings=derived,
        matches=tuple(matches),
        associations=tuple(associations),
        red_flags=_red_flags(present, book),
        book=book.stamp,
    )


def _cancer_context(syndrome: Syndrome, profile: Profile) -> tuple[CancerContext, ...]:
    return tuple(
        [
            CancerContext(cancer=c, link="typical")
            for c in syndrome.cancers.typical
            if c in profile.cancers
        ]
        + [
            CancerContext(cancer=c, link="reported")
            for c in syndrome.cancers.reported
            if c in profile.cancers
        ]
    )


def _match(
    syndrome: Syndrome, profile: Profile, present: frozenset[str], book: RuleBook
) -> PatternMatch | None:
    if present.isdisjoint(book.syndrome_findings[syndrome.id]):
        # Nothing it needs is present, so no finding counts: skip building its trace.
        return None
    trace = evaluate(syndrome.criteria, present)
    counted = counted_findings(trace)
    if not any(not book.findings[f].nonspecific for f in counted):
        return None
    cancers = _cancer_context(syndrome, profile)
    antibodies = tuple(a for a in syndrome.antibodies if a in profile.antibodies)
    typical = [c for c in cancers if c.link == "typical"]
    if trace.met:
        tier = Tier.STRONG if typical or antibodies else Tier.PARTIAL
    elif trace.progress > NEAR_MISS_PROGRESS and trace.completion is not None:
        tier = Tier.PARTIAL
    else:
        return None

    supporting_present = tuple(f for f in syndrome.supporting if f in present)
    items = [
        ScoreItem(
            points=round(CRITERIA_POINTS * trace.progress, 1),
            reason=f"criteria {round(100 * trace.progress)}% complete "
            f"({CRITERIA_POINTS} points when complete)",
        )
    ]
    items += [
        ScoreItem(points=SUPPORTING_POINTS, reason=f"supporting: {book.label(f)}")
        for f in supporting_present
    ]
    if typical:
        items.append(
            ScoreItem(
                points=TYPICAL_CANCER_POINTS,
                reason=f"typical cancer known: {book.label(typical[0].cancer)}",
            )
        )
    elif cancers:
        items.append(
            ScoreItem(
                points=REPORTED_CANCER_POINTS,
                reason=f"reported cancer known: {book.label(cancers[0].cancer)}",
            )
        )
    if antibodies:
        items.append(
            ScoreItem(
                points=ANTIBODY_POINTS, reason=f"linked antibody: {book.label(antibodies[0])}"
            )
        )
    wants_pns_care = bool(profile.antibodies) or profile.follow_up is not None
    return PatternMatch(
        syndrome=syndrome.id,
        name=syndrome.name,
        category=syndrome.category,
        status=syndrome.status,
        tier=tier,
        score=round(sum(i.points for i in items), 1),
        score_items=tuple(items),
        trace=trace,
        counted_findings=counted,
        missing_findings=trace.completion,
        supporting_present=supporting_present,
        supporting_absent=tuple(f for f in syndrome.supporting if f not in present),
        cancer_context=cancers,
        antibody_context=antibodies,
        pns_care=pns_care_score(syndrome, profile, book) if wants_pns_care else None,
    )


def _red_flags(present: frozenset[str], book: RuleBook) -> tuple[RedFlagHit, ...]:
    hits = []
    for flag in book.red_flags:
        if present.isdisjoint(book.red_flag_findings[flag.id]) and (
            flag.id not in book.red_flags_met_when_empty
        ):
            continue
        trace = evaluate(flag.when, present)
        if trace.met:
            hits.append(
                RedFlagHit(
                    red_flag=flag.id,
                    text=flag.text,
                    findings=counted_findings(trace),
                    syndromes=tuple(s.id for s in book.syndromes if flag.id in s.red_flags),
                )
            )
    return tuple(hits)
