"""Drawing shared by the pages: the safety frame, result cards and rules in readable form.

Everything the rule book or a URL supplies is passed through `plain` (shows literally) or
`inert_markdown` (teaching Markdown without HTML) before Streamlit renders it.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from screener.book import RuleBook
from screener.catalogue import criteria_lines
from screener.explain import TIER_WORDS, missing_text, score_text, trace_lines
from screener.inert import inert_markdown, markdown_link
from screener.inert import markdown_code as code
from screener.inert import plain_markdown as plain
from screener.loader import Problem
from screener.models import (
    PatternMatch,
    PnsCareScore,
    Profile,
    Reference,
    SafetyText,
    ScreeningResult,
    Status,
    Syndrome,
    Tier,
    Urgency,
)

UNAVAILABLE = "This teaching tool is unavailable right now. If you have symptoms, see a physician."
"""Shown only when even the safety wording cannot be read from the rule book."""

TIER_ICONS = {Tier.STRONG: ":material/check_circle:", Tier.PARTIAL: ":material/timelapse:"}
STATUS_NOTES = {
    Status.NEEDS_REVIEW: "this rule's content awaits checking by a clinician",
    Status.DRAFT: "this rule is unfinished and has not been checked",
}


def safety_frame(safety: SafetyText | None) -> None:
    """The disclaimer and the 'see a physician' prompt, at the top of every page."""
    if safety is None:
        st.error(UNAVAILABLE, icon=":material/medical_services:")
        return
    st.warning(plain(safety.disclaimer), icon=":material/school:")
    st.info(plain(safety.see_a_physician), icon=":material/medical_services:")


def bullets(lines: Iterable[str]) -> str:
    """A Markdown list of lines that are already safe Markdown."""
    return "\n".join(f"- {line}" for line in lines)


def labels(ids: Iterable[str], book: RuleBook) -> str:
    return ", ".join(plain(book.label(item)) for item in ids)


# --- Rule book problems -----------------------------------------------------------------------


def problem_line(problem: Problem) -> str:
    parts = [f"**{plain(problem.file)}**"]
    if problem.line:
        parts.append(f"line {problem.line}")
    if problem.rule_id:
        parts.append(f"rule {code(problem.rule_id)}")
    if problem.field:
        parts.append(f"field {code(problem.field)}")
    return ", ".join(parts) + f": {plain(problem.message)}"


# --- References -------------------------------------------------------------------------------


def citation(reference: Reference) -> str:
    return f"{reference.authors} ({reference.year}). {reference.title}. {reference.source}"


def reference_line(reference: Reference, *, always_show_status: bool = False) -> str:
    line = markdown_link(citation(reference), reference.link)
    if always_show_status or reference.status != Status.SOURCE_CHECKED:
        line += f" — citation status: {reference.status.value}"
    return line


def references(ids: Iterable[str], book: RuleBook) -> None:
    found = [book.reference_by_id[r] for r in ids if r in book.reference_by_id]
    if found:
        st.markdown("**References**\n\n" + bullets(reference_line(r) for r in found))


# --- Screening results ------------------------------------------------------------------------


def urgent_banner(result: ScreeningResult, safety: SafetyText) -> None:
    """'Seek care now', drawn above everything else in the results."""
    wording = safety.urgent.at(result.urgency or Urgency.NOW)
    st.error(
        f"### {plain(wording.heading)}\n\n{plain(wording.text)}\n\n"
        + bullets(plain(hit.text) for hit in result.red_flags),
        icon=":material/emergency:",
    )


def no_pattern(safety: SafetyText) -> None:
    st.info(
        f"**{plain(safety.no_pattern_heading)}**\n\n{plain(safety.no_pattern)}",
        icon=":material/info:",
    )


def link_notices(notices: list[str]) -> None:
    st.warning(
        "**Parts of the link were ignored:**\n\n" + bullets(plain(n) for n in notices),
        icon=":material/link_off:",
    )


def entered_summary(profile: Profile, book: RuleBook) -> None:
    cancers = labels(profile.cancers, book) if profile.cancers else "none known yet"
    lines = [
        f"**Findings ticked:** {labels(profile.findings, book) or 'none'}",
        f"**Known cancer:** {cancers}",
        f"**Antibodies:** {labels(profile.antibodies, book) or 'none entered'}",
    ]
    if profile.age_band:
        lines.append(f"**Age band:** {profile.age_band.value}")
    if profile.sex:
        lines.append(f"**Sex:** {profile.sex.value}")
    if profile.follow_up:
        lines.append(f"**Follow-up:** {profile.follow_up.value.replace('_', ' ')}")
    st.markdown(bullets(lines))


def lab_lines(result: ScreeningResult, book: RuleBook) -> list[str]:
    """Each lab value and what it was read as, e.g. 'Sodium 128 mmol/L → Low sodium (…)'."""
    lines = []
    for lab in result.profile.labs:
        derived = [d for d in result.derived_findings if d.analyte == lab.analyte]
        analyte = book.lab_by_id[lab.analyte]
        value = f"{analyte.label} {lab.value:g} {lab.unit}"
        if derived and derived[0].unit != derived[0].main_unit:
            value += f" (= {derived[0].value_in_main_unit:g} {derived[0].main_unit})"
        if not derived:
            lines.append(f"{value}: crosses none of this rule book's thresholds")
        for d in derived:
            finding = book.label(d.finding)
            rule = "" if d.rule in finding else f" [{d.rule}]"
            lines.append(f"{value} → {finding}{rule}")
    return lines


def trace_markdown(match: PatternMatch, book: RuleBook) -> str:
    # Four spaces per level nest a Markdown list under the line above.
    return "\n".join(
        f"{'    ' * line.depth}- {'✔' if line.met else '✘'} {plain(line.text)}"
        for line in trace_lines(match.trace, book)
    )


def status_note(status: Status) -> None:
    """A visible note on any rule that is not yet reviewed."""
    if status in STATUS_NOTES:
        st.warning(
            f"Rule status {status.value}: {STATUS_NOTES[status]}.", icon=":material/rate_review:"
        )


def pns_care_panel(score: PnsCareScore) -> None:
    with st.container(border=True):
        st.markdown(
            f"**PNS-Care score (2021 criteria): {score.total} points — {plain(score.level)}** "
            f"({plain(score.level_explanation)})\n\n"
            + bullets(
                f"{item.level.capitalize()} level: {item.points} "
                f"point{'s' if item.points != 1 else ''} — {plain(item.explanation)}"
                for item in score.items
            )
        )
        st.caption(plain(score.note))


def pattern_card(rank: int, match: PatternMatch, book: RuleBook) -> None:
    syndrome = book.syndrome_by_id[match.syndrome]
    with st.container(border=True):
        st.subheader(
            f"{rank}. {plain(book.safety.not_a_diagnosis_label)}: {plain(match.name)}",
            anchor=False,
        )
        st.markdown(f"{TIER_ICONS[match.tier]} **{plain(TIER_WORDS[match.tier])}**")
        st.caption(
            f"Rule {code(match.syndrome)} · {match.category.value} · status: {match.status.value}"
        )
        status_note(match.status)
        st.markdown("**Why this pattern shows**\n\n" + trace_markdown(match, book))
        st.markdown(plain(missing_text(match, book)))
        context = []
        if match.supporting_present:
            context.append(
                f"**Supporting findings present:** {labels(match.supporting_present, book)}"
            )
        if match.cancer_context:
            context.append(
                "**Cancer context:** "
                + ", ".join(
                    f"{plain(book.label(c.cancer))} ({c.link} for this syndrome)"
                    for c in match.cancer_context
                )
            )
        if match.antibody_context:
            context.append(f"**Antibody context:** {labels(match.antibody_context, book)}")
        if context:
            st.markdown(bullets(context))
        if match.pns_care:
            pns_care_panel(match.pns_care)
        if syndrome.mimics:
            st.markdown(
                "**Mimics to rule out:** "
                + ", ".join(plain(book.mimic_by_id[m].name) for m in syndrome.mimics)
            )
        if syndrome.discuss:
            st.markdown(
                "**Questions to discuss with a physician**\n\n"
                + bullets(plain(q) for q in syndrome.discuss)
            )
        references(syndrome.references, book)
        st.caption(
            "**Ordering points** (used only to order the cards): " + plain(score_text(match))
        )
        with st.expander(f"About {plain(syndrome.name)}"):
            st.markdown(plain(syndrome.summary))
            st.markdown(inert_markdown(syndrome.detail))


def associations(result: ScreeningResult, book: RuleBook) -> None:
    lines = []
    for association in result.associations:
        via = [f"{plain(book.label(c.cancer))} ({c.link})" for c in association.via_cancers] + [
            plain(book.label(a)) for a in association.via_antibodies
        ]
        lines.append(
            f"{plain(association.name)} ({association.category.value}) — linked to {', '.join(via)}"
        )
    st.markdown(
        "**Known associations of the selected cancer or antibody** (their patterns are not "
        "present in the findings entered)\n\n" + bullets(lines)
    )


# --- A rule in readable form ------------------------------------------------------------------


def criteria_markdown(syndrome: Syndrome, book: RuleBook) -> str:
    return "\n".join(
        f"{'    ' * line.depth}- {plain(line.text)}"
        for line in criteria_lines(syndrome.criteria, book)
    )


def syndrome_rule(syndrome: Syndrome, book: RuleBook) -> None:
    """Everything a rule says, in words: for browsing and for revealing a case's answer."""
    st.markdown(
        f"**{plain(syndrome.summary)}**\n\n"
        f"Rule {code(syndrome.id)} · {syndrome.category.value} · "
        f"status: {syndrome.status.value}"
    )
    status_note(syndrome.status)
    if syndrome.aliases:
        st.caption("Also called: " + ", ".join(plain(a) for a in syndrome.aliases))
    st.markdown(inert_markdown(syndrome.detail))
    st.markdown("**The pattern (criteria)**\n\n" + criteria_markdown(syndrome, book))
    facts = []
    if syndrome.supporting:
        facts.append(f"**Supporting findings:** {labels(syndrome.supporting, book)}")
    for link, cancers in (
        ("Typical cancers", syndrome.cancers.typical),
        ("Reported cancers", syndrome.cancers.reported),
    ):
        if cancers:
            facts.append(
                f"**{link}:** "
                + ", ".join(
                    f"{plain(book.cancer_by_id[c].label)} (ICD-10 {book.cancer_by_id[c].icd10})"
                    for c in cancers
                )
            )
    if syndrome.antibodies:
        facts.append(
            "**Antibodies:** "
            + ", ".join(
                f"{plain(book.antibody_by_id[a].label)} "
                f"({plain(book.pns_care.antibody[book.antibody_by_id[a].risk].label.lower())})"
                for a in syndrome.antibodies
            )
        )
    if syndrome.pns_care:
        phenotype = book.pns_care.phenotype[syndrome.pns_care.phenotype]
        facts.append(f"**PNS-Care phenotype:** {plain(phenotype.label)}")
    if syndrome.mimics:
        facts.append(
            "**Mimics:** " + ", ".join(plain(book.mimic_by_id[m].name) for m in syndrome.mimics)
        )
    st.markdown(bullets(facts))
    flags = [book.red_flag_by_id[f].text for f in syndrome.red_flags]
    if flags:
        st.markdown("**Red flags (seek care now)**\n\n" + bullets(plain(t) for t in flags))
    if syndrome.discuss:
        st.markdown(
            "**Questions to discuss with a physician**\n\n"
            + bullets(plain(q) for q in syndrome.discuss)
        )
    references(syndrome.references, book)
