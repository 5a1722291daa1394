"""Screen a profile against the rule book: `screen(profile, book) -> ScreeningResult`.

Pure and deterministic: the same profile and rule book give the same result in the same order.

The rule's key (its specific part) guards every card. A syndrome's pattern is *strong* when its
criteria and its key hold, evidence points to cancer (a typical cancer, or a linked antibody of
high or intermediate risk or a cancer marker) and no mimic's clues are present. It is *partial*
when criteria and key hold without that, or when more than half of the criteria hold including
the key. When the criteria hold but the key does not, the pattern is listed lower, as *key
missing*, and only where that evidence pointing to cancer is known; otherwise it is not shown,
except as a known association of a selected cancer or antibody. Non-specific findings (fatigue,
weight loss) alone never show a pattern.
"""

from __future__ import annotations

from typing import Literal

from screener.engine.differential import differential
from screener.engine.evaluate import counted_findings, evaluate
from screener.engine.labs import decided_findings, read_labs
from screener.engine.pns_care import pns_care_score
from screener.models import (
    Association,
    CancerContext,
    Category,
    FitNotice,
    LabReading,
    PatternMatch,
    Profile,
    ProfileError,
    RedFlagHit,
    ScoreItem,
    ScreeningResult,
    Sex,
    Syndrome,
    Tier,
    WhoItFits,
)
from screener.rulebook import RuleBook

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
    problems += [
        f"'{finding}' is set by the screener from the rest of the case and cannot be entered"
        for finding in profile.findings
        if finding in book.findings and book.findings[finding].set_when is not None
    ]
    if problems:
        raise ProfileError(problems)


def present_findings(profile: Profile, labs: frozenset[str], book: RuleBook) -> frozenset[str]:
    """What the engine reasons over: entered findings, lab findings and those it sets itself."""
    context = (
        finding
        for finding, when in book.context_findings.items()
        if when.holds(profile.cancers, profile.antibodies)
    )
    return frozenset(profile.findings) | labs | frozenset(context)


def screen(profile: Profile, book: RuleBook) -> ScreeningResult:
    """Which syndrome patterns `profile` fits, why, and what is urgent."""
    check_profile(profile, book)
    labs = read_labs(profile.labs, book, profile.sex)
    present = present_findings(profile, frozenset(c.finding for r in labs for c in r.crossed), book)

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
    matches.sort(key=lambda m: (m.tier.rank, -m.score, m.name, m.syndrome))
    associations.sort(key=lambda a: (category_order.index(a.category), a.name, a.syndrome))
    return ScreeningResult(
        profile=profile,
        labs=labs,
        matches=tuple(matches),
        associations=tuple(associations),
        red_flags=_red_flags(present, book, _lab_facts(labs)),
        differential=differential(matches, present, decided_findings(labs, book), book),
        fit_notices=fit_notices(profile, book),
        book=book.stamp,
    )


def fit_notices(profile: Profile, book: RuleBook) -> tuple[FitNotice, ...]:
    """Entered cancers and findings that cannot concern the sex or age band entered."""
    entries: list[tuple[Literal["cancer", "finding"], str, WhoItFits | None]] = [
        ("cancer", c, book.cancer_by_id[c].fits) for c in profile.cancers
    ]
    entries += [("finding", f, book.findings[f].fits) for f in profile.findings]
    notices = []
    for kind, item, fits in entries:
        if fits is None:
            continue
        if fits.sexes and profile.sex in (Sex.FEMALE, Sex.MALE) and profile.sex not in fits.sexes:
            notices.append(FitNotice(kind=kind, item=item, entered="sex"))
        if fits.age_bands and profile.age_band and profile.age_band not in fits.age_bands:
            notices.append(FitNotice(kind=kind, item=item, entered="age_band"))
    return tuple(notices)


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
    linked = [book.antibody_by_id[a] for a in syndrome.antibodies if a in profile.antibodies]
    antibodies = tuple(a.id for a in linked if a.points_to_cancer)
    lower_risk = tuple(a.id for a in linked if not a.points_to_cancer)
    # A linked antibody of high or intermediate risk (or a cancer marker) is itself the specific
    # part: the 2021 PNS criteria call a syndrome definite on such an antibody.
    key_trace = None if syndrome.key is None or antibodies else evaluate(syndrome.key, present)
    key_met = key_trace is None or key_trace.met
    near_miss = (
        syndrome.key is not None
        and key_met
        and trace.progress > NEAR_MISS_PROGRESS
        and trace.completion is not None
    )
    if not (trace.met or near_miss):
        return None

    cancers = _cancer_context(syndrome, profile)
    typical = [c for c in cancers if c.link == "typical"]
    points_to_cancer = bool(typical or antibodies)
    if not key_met and not points_to_cancer:
        return None
    mimics_first = _mimics_first(syndrome, profile, present, book)
    if not key_met:
        tier = Tier.KEY_MISSING
    elif trace.met and points_to_cancer and not mimics_first:
        tier = Tier.STRONG
    else:
        tier = Tier.PARTIAL

    supporting_present = tuple(f for f in syndrome.supporting if f in present)
    items = [
        ScoreItem(
            points=round(CRITERIA_POINTS * trace.progress, 1),
            kind="criteria",
            progress=trace.progress,
            out_of=CRITERIA_POINTS,
        )
    ]
    items += [
        ScoreItem(points=SUPPORTING_POINTS, kind="supporting", item=f) for f in supporting_present
    ]
    if typical:
        items.append(
            ScoreItem(points=TYPICAL_CANCER_POINTS, kind="typical_cancer", item=typical[0].cancer)
        )
    elif cancers:
        items.append(
            ScoreItem(points=REPORTED_CANCER_POINTS, kind="reported_cancer", item=cancers[0].cancer)
        )
    if antibodies:
        items.append(ScoreItem(points=ANTIBODY_POINTS, kind="antibody", item=antibodies[0]))
    # With a cancer entered its fit decides the cancer points, so the score can be read then too.
    wants_pns_care = (
        trace.met
        and key_met
        and bool(profile.antibodies or profile.cancers or profile.follow_up is not None)
    )
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
        cancer_context=cancers,
        antibody_context=antibodies,
        lower_risk_antibodies=lower_risk,
        key_met=key_met,
        key_completion=None if key_trace is None or key_met else key_trace.completion,
        mimics_first=mimics_first,
        pns_care=(
            pns_care_score(syndrome, profile, book, present, mimics_first)
            if wants_pns_care
            else None
        ),
    )


def _mimics_first(
    syndrome: Syndrome, profile: Profile, present: frozenset[str], book: RuleBook
) -> tuple[str, ...]:
    """The syndrome's mimics whose clues are present, in the rule's order."""
    found = []
    for mimic_id in syndrome.mimics:
        mimic = book.mimic_by_id[mimic_id]
        by_cancer = not set(mimic.suggested_by_cancers).isdisjoint(profile.cancers)
        by_findings = (
            mimic.suggested_by is not None
            and not present.isdisjoint(book.mimic_findings[mimic_id])
            and evaluate(mimic.suggested_by, present).met
        )
        if by_cancer or by_findings:
            found.append(mimic_id)
    return tuple(found)


def _lab_facts(labs: tuple[LabReading, ...]) -> dict[str, str]:
    """Each finding a lab value crossed, mapped to that value: sodium 118 crosses both 'low' and
    'very low', and those are one fact, not two."""
    return {c.finding: f"lab value: {r.analyte}" for r in labs for c in r.crossed}


def _red_flags(
    present: frozenset[str], book: RuleBook, lab_facts: dict[str, str]
) -> tuple[RedFlagHit, ...]:
    hits: list[RedFlagHit] = []
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
                    urgency=flag.urgency,
                    text=flag.text,
                    findings=counted_findings(trace),
                )
            )

    def facts(hit: RedFlagHit) -> set[str]:
        # What a flag rests on. A finding the screener sets from the rest of the case (a known
        # cancer) is the setting, not a reason: "new back pain in a person with cancer" rests on
        # the back pain, which the cord-compression emergency already names.
        return {lab_facts.get(f, f) for f in hit.findings if f not in book.context_findings}

    # Most urgent first; the book's order within a level. A less urgent flag raised only by
    # what already raises a more urgent one adds nothing but noise to the banner. A flag that
    # rests on the setting alone is kept: nothing more urgent says it.
    ordered = sorted(hits, key=lambda hit: hit.urgency.rank)
    return tuple(
        hit
        for hit in ordered
        if not (
            (own := facts(hit))
            and any(
                other.urgency.rank < hit.urgency.rank and own <= facts(other) for other in ordered
            )
        )
    )
