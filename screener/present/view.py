"""`ScreeningView`: every sentence a user reads about one screening, built once.

The app, the PDF and the text report only lay a view out; none of them re-joins a result with the
rule book or words an enumeration itself, so all three say the same thing in the same words.
A new result section is one field here and one layout per renderer.
"""

from __future__ import annotations

from screener.models import (
    AntibodyRisk,
    FindingFrequency,
    Frozen,
    IdKind,
    LabReading,
    PatternMatch,
    PhenotypeRisk,
    PnsCareItem,
    PnsCareNamedLevel,
    PnsCareScore,
    Profile,
    Reference,
    ScreeningResult,
    Status,
    Tier,
    Urgency,
)
from screener.present import words
from screener.present.criteria_words import missing_text, score_text, trace_lines
from screener.present.differential import DifferentialView, differential_view
from screener.present.frequency import rated_words, source_label
from screener.rulebook import RuleBook


class Line(Frozen):
    """A labelled sentence, e.g. label 'Known cancer', text 'Small cell lung cancer'."""

    label: str
    text: str


class TraceLine(Frozen):
    depth: int
    met: bool
    text: str


class ReferenceView(Frozen):
    id: str
    citation: str
    link: str
    identifiers: tuple[str, ...]
    """'DOI 10.…', 'PMID …', or the guideline's address."""
    note: str | None = None
    """Said when the citation's details await checking."""


class PnsCareView(Frozen):
    heading: str
    total: str
    items: tuple[Line, ...]
    caveat: str | None
    note: str


class MimicView(Frozen):
    name: str
    first: bool
    """Its clues are present: consider it before the paraneoplastic pattern."""
    why: str | None


class CardView(Frozen):
    rank: int
    syndrome: str
    name: str
    title: str
    tier: Tier
    tier_words: str
    meta: str
    status: Status
    status_note: str | None
    summary: str
    consider_first: str | None
    trace: tuple[TraceLine, ...]
    missing: str
    context: tuple[Line, ...]
    mimics: tuple[MimicView, ...]
    discuss: tuple[str, ...]
    references: tuple[ReferenceView, ...]
    ordering: str
    pns_care: PnsCareView | None
    detail: str
    """The rule's teaching text, in Markdown (renderers keep it inert)."""


class UrgentView(Frozen):
    urgency: Urgency
    level: str
    heading: str
    text: str
    flags: tuple[Line, ...]
    """label: what to do (the flag's text); text: 'Because of: …'."""


class LabView(Frozen):
    analyte: str
    entered: str
    converted: str | None
    reference_range: str | None
    outcome: str


class ScreeningView(Frozen):
    title: str
    disclaimer: str
    see_a_physician: str
    urgent: UrgentView | None
    headline: str
    entered: tuple[Line, ...]
    fit_notices: tuple[str, ...]
    """Entries that cannot fit the sex or age band entered, each asking to check it."""
    labs: tuple[LabView, ...]
    no_pattern: Line | None
    patterns_heading: str
    cards: tuple[CardView, ...]
    differential: DifferentialView | None
    """What to ask next to tell the top patterns apart; None when there is nothing to ask."""
    associations: tuple[str, ...]
    book: tuple[Line, ...]
    references: tuple[ReferenceView, ...]
    """Every reference of the cards shown, in order of first mention (numbered in the PDF)."""


# --- Building a view --------------------------------------------------------------------------


def build_view(result: ScreeningResult, book: RuleBook) -> ScreeningView:
    cards = tuple(card_view(rank, m, book) for rank, m in enumerate(result.matches, start=1))
    references: dict[str, ReferenceView] = {}
    for card in cards:
        for ref in card.references:
            references.setdefault(ref.id, ref)
    safety = book.safety
    return ScreeningView(
        title=words.HEADINGS["title"],
        disclaimer=safety.disclaimer,
        see_a_physician=safety.see_a_physician,
        urgent=urgent_view(result, book),
        headline=headline(result, book),
        entered=profile_lines(result.profile, book),
        fit_notices=fit_notice_lines(result, book),
        labs=tuple(lab_view(reading, book) for reading in result.labs),
        no_pattern=Line(label=safety.no_pattern_heading, text=safety.no_pattern)
        if result.no_pattern
        else None,
        patterns_heading=f"{words.HEADINGS['patterns']} ({len(cards)}, in order)",
        cards=cards,
        differential=differential_view(result.differential, book)
        if result.differential.questions
        else None,
        associations=tuple(association_lines(result, book)),
        book=book_lines(result, book),
        references=tuple(references.values()),
    )


def headline(result: ScreeningResult, book: RuleBook) -> str:
    """One line that says where the results stand (a phone shows it first)."""
    if result.no_pattern:
        return book.safety.no_pattern_heading
    top = result.matches[0]
    more = len(result.matches) - 1
    others = f", and {words.plural(more, 'more pattern')}" if more else ""
    return f"Top pattern: {top.name} ({words.TIER_SHORT[top.tier]}){others}"


def urgent_view(result: ScreeningResult, book: RuleBook) -> UrgentView | None:
    if result.urgency is None:
        return None
    wording = book.safety.urgent.at(result.urgency)
    return UrgentView(
        urgency=result.urgency,
        level=words.URGENCY[result.urgency],
        heading=wording.heading,
        text=wording.text,
        flags=tuple(
            Line(
                label=hit.text,
                text="Because of: "
                + ", ".join(book.label("finding", f) for f in hit.findings)
                + f". Urgency: {words.URGENCY[hit.urgency]}.",
            )
            for hit in result.red_flags
        ),
    )


def fit_notice_lines(result: ScreeningResult, book: RuleBook) -> tuple[str, ...]:
    profile = result.profile
    lines = []
    for notice in result.fit_notices:
        if notice.entered == "sex" and profile.sex is not None:
            entered = words.SEX[profile.sex]
        elif notice.entered == "age_band" and profile.age_band is not None:
            entered = words.AGE_BAND[profile.age_band]
        else:
            continue
        label = book.label(notice.kind, notice.item)
        lines.append(words.FIT_NOTICE[notice.entered].format(label=label, entered=entered))
    return tuple(lines)


def antibody_words(antibody_id: str, book: RuleBook) -> str:
    antibody = book.antibody_by_id[antibody_id]
    risk = words.in_sentence(book.pns_care.antibody[antibody.risk].label)
    marker = " that marks cancer risk" if antibody.cancer_marker else ""
    if antibody.risk == AntibodyRisk.OUTSIDE_PNS and not marker:
        return f"{antibody.label} ({risk})"
    return f"{antibody.label} ({risk}{marker})"


def profile_lines(profile: Profile, book: RuleBook) -> tuple[Line, ...]:
    """The entered case in words."""
    entered = set(profile.findings)
    lines = [
        Line(
            label=f"Findings: {system.label}",
            text=words.joined(f.label for f in system.findings if f.id in entered),
        )
        for system in book.systems
        if any(f.id in entered for f in system.findings)
    ]
    if not lines:
        lines.append(Line(label="Findings", text=words.NONE_ENTERED))
    cancers = [book.cancer_by_id[c] for c in profile.cancers]
    lines += [
        Line(
            label="Known cancers",
            text=words.joined((f"{c.label} (ICD-10 {c.icd10})" for c in cancers), words.NO_CANCER),
        ),
        Line(
            label="Antibodies",
            text=words.joined(antibody_words(a, book) for a in profile.antibodies),
        ),
    ]
    if not profile.labs:
        lines.append(Line(label="Lab values", text=words.NONE_ENTERED))
    lines += [
        Line(
            label="Age band",
            text=words.AGE_BAND[profile.age_band] if profile.age_band else words.NOT_GIVEN,
        ),
        Line(label="Sex", text=words.SEX[profile.sex] if profile.sex else words.NOT_GIVEN),
        Line(
            label="Follow-up without a cancer found",
            text=words.FOLLOW_UP[profile.follow_up]
            if profile.follow_up
            else words.FOLLOW_UP_NOT_GIVEN,
        ),
    ]
    return tuple(lines)


def lab_view(reading: LabReading, book: RuleBook) -> LabView:
    analyte = book.lab_by_id[reading.analyte]
    outcomes = []
    for crossing in reading.crossed:
        label = book.label("finding", crossing.finding)
        sexes = f" ({', '.join(crossing.sexes)})" if crossing.sexes else ""
        side = words.BOUND_WORDS[crossing.side]
        rule = f"{side} {words.number(crossing.bound)} {analyte.unit}"
        # Most finding labels already state their cut-off; repeat the rule only when they do not.
        stated = words.states_cut_off(label, side, crossing.bound, analyte.unit)
        outcomes.append(label if stated else f"{label} ({rule}{sexes})")
    converted = (
        None
        if reading.unit == reading.main_unit or reading.value_in_main_unit is None
        else "= " + words.lab_value(reading.value_in_main_unit, reading.main_unit, reading.censored)
    )
    typical = analyte.reference_range
    nothing = words.NO_THRESHOLD
    if reading.value is None:
        nothing += f" ({words.NOT_DETECTED_CROSSES_NOTHING})"
    elif reading.censored is not None:
        nothing += f" ({words.CENSORED_CROSSES_NOTHING})"
    return LabView(
        analyte=analyte.label,
        entered=words.lab_value(reading.value, reading.unit, reading.censored),
        converted=converted,
        reference_range=(
            f"typical adult range {words.number(typical.low)}–{words.number(typical.high)} "
            f"{analyte.unit}"
            if typical
            else None
        ),
        outcome="; ".join(outcomes) or nothing,
    )


def reference_view(reference: Reference) -> ReferenceView:
    parts = (reference.authors, reference.title, reference.source)
    citation = ". ".join(p.rstrip(".") for p in parts) + f" ({reference.year})."
    identifiers = []
    if reference.doi:
        identifiers.append(f"DOI {reference.doi}")
    if reference.pmid:
        identifiers.append(f"PMID {reference.pmid}")
    if not identifiers and reference.url:
        identifiers.append(reference.url)
    return ReferenceView(
        id=reference.id,
        citation=citation,
        link=reference.link,
        identifiers=tuple(identifiers),
        note=None
        if reference.status == Status.SOURCE_CHECKED
        else "Citation details await checking.",
    )


def pns_care_item_text(item: PnsCareItem, book: RuleBook) -> str:
    """One scored item in the rule book's own words: what it is, what it rests on, and why."""
    rules = book.pns_care
    if item.basis == "phenotype" and isinstance(item.risk, PhenotypeRisk):
        points = rules.phenotype[item.risk]
    elif item.basis == "antibody" and isinstance(item.risk, AntibodyRisk):
        points = rules.antibody[item.risk]
    else:
        points = getattr(rules, item.basis)
    kind: IdKind = "antibody" if item.level == "antibody" else "cancer"
    names = ", ".join(book.label(kind, i) for i in item.items)
    if item.basis == "antibody":
        text = f"{names} — {points.label}: {points.explanation}"
    else:
        text = f"{points.label}{f' ({names})' if names else ''}: {points.explanation}"
    return text + (f" {words.FOLLOW_UP_ASSUMED}" if item.follow_up_assumed else "")


def pns_care_level(score: PnsCareScore, book: RuleBook) -> PnsCareNamedLevel:
    """The level a score reaches, as the rule book names and explains it."""
    rules = book.pns_care
    if score.exception:
        return rules.exception_level
    reached = rules.levels[score.level]
    return PnsCareNamedLevel(name=reached.name, explanation=reached.explanation)


def pns_care_view(score: PnsCareScore, book: RuleBook) -> PnsCareView:
    rules = book.pns_care
    level = pns_care_level(score, book)
    names = ", ".join(book.label("mimic", m) for m in score.mimics_first)
    return PnsCareView(
        heading=words.HEADINGS["pns_care"],
        total=f"{score.total} points: {level.name} ({level.explanation})",
        items=tuple(
            Line(
                label=f"{item.level.capitalize()} level: {words.plural(item.points, 'point')}",
                text=pns_care_item_text(item, book),
            )
            for item in score.items
        ),
        caveat=f"{rules.mimic_first} ({names})" if names else None,
        note=rules.note,
    )


def how_often(frequencies: tuple[FindingFrequency, ...], book: RuleBook) -> list[Line]:
    """For each source that rates a rule's findings (an Orphanet disease or a cited series),
    how often it sees each, in words (a frequency class, never a number to combine)."""
    by_source: dict[str, list[str]] = {}
    for rated in frequencies:
        by_source.setdefault(source_label(rated, book), []).append(rated_words(rated, book))
    return [Line(label=label, text="; ".join(found)) for label, found in by_source.items()]


def card_view(rank: int, match: PatternMatch, book: RuleBook) -> CardView:
    syndrome = book.syndrome_by_id[match.syndrome]
    context = []
    if match.supporting_present:
        context.append(
            Line(
                label="Supporting findings present",
                text=", ".join(book.label("finding", f) for f in match.supporting_present),
            )
        )
    if match.cancer_context:
        context.append(
            Line(
                label="Cancer context",
                text=", ".join(
                    f"{book.label('cancer', c.cancer)} ({c.link} for this syndrome)"
                    for c in match.cancer_context
                ),
            )
        )
    if match.antibody_context:
        context.append(
            Line(
                label="Antibody context",
                text=", ".join(antibody_words(a, book) for a in match.antibody_context),
            )
        )
    if match.lower_risk_antibodies:
        context.append(
            Line(
                label=words.LOWER_RISK_ANTIBODY.capitalize(),
                text=", ".join(antibody_words(a, book) for a in match.lower_risk_antibodies),
            )
        )
    context += how_often(book.finding_frequencies[match.syndrome], book)
    first = [book.mimic_by_id[m] for m in match.mimics_first]
    consider_first = (
        "Consider first: "
        + "; ".join(m.name + (f" ({m.why.rstrip('.')})" if m.why else "") for m in first)
        + (". Their" if len(first) > 1 else ". Its")
        + " clues are present, so this card is not shown as strong."
        if first
        else None
    )
    mimics = tuple(
        MimicView(
            name=book.mimic_by_id[m].name,
            first=m in match.mimics_first,
            why=book.mimic_by_id[m].why,
        )
        for m in syndrome.mimics
    )
    category = words.CATEGORY[match.category]
    return CardView(
        rank=rank,
        syndrome=match.syndrome,
        name=match.name,
        title=f"{rank}. {book.safety.not_a_diagnosis_label}: {match.name}",
        tier=match.tier,
        tier_words=words.TIER[match.tier],
        meta=f"{category} · rule '{match.syndrome}' · status: {match.status.value} · "
        f"{words.rule_review_text(syndrome.provenance)}",
        status=match.status,
        status_note=words.STATUS_NOTE.get(match.status),
        summary=syndrome.summary,
        consider_first=consider_first,
        trace=tuple(
            TraceLine(depth=line.depth, met=bool(line.met), text=line.text)
            for line in trace_lines(match.trace, book)
        ),
        missing=missing_text(match, book),
        context=tuple(context),
        mimics=mimics,
        discuss=syndrome.discuss,
        references=tuple(
            reference_view(book.reference_by_id[r]) for r in book.syndrome_references[syndrome.id]
        ),
        ordering=score_text(match, book),
        pns_care=pns_care_view(match.pns_care, book) if match.pns_care else None,
        detail=syndrome.detail,
    )


def association_lines(result: ScreeningResult, book: RuleBook) -> list[str]:
    lines = []
    for association in result.associations:
        via = [f"{book.label('cancer', c.cancer)} ({c.link})" for c in association.via_cancers]
        via += [book.label("antibody", a) for a in association.via_antibodies]
        lines.append(
            f"{association.name} ({words.CATEGORY[association.category]}), via {', '.join(via)}"
        )
    return lines


def book_lines(result: ScreeningResult, book: RuleBook) -> tuple[Line, ...]:
    stamp = result.book
    return (
        Line(label="Rule book", text=f"{stamp.title}, version {stamp.version}"),
        Line(label="Clinical review", text=words.review_text(stamp)),
        Line(label="Content hash (SHA-256)", text=stamp.content_hash),
    )
