"""The one wording table: every enumeration and fixed phrase a user reads, in one place.

The app, the PDF and the text report take their words from here (through the view), so the same
thing is always said the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from screener.models import (
    AgeBand,
    BookStamp,
    Category,
    Effect,
    FollowUp,
    HpoFrequency,
    Provenance,
    Sex,
    Status,
    Tier,
    Urgency,
)

FALLBACK_DISCLAIMER = (
    "Educational tool, not a diagnosis. This checklist is for teaching only: it does not "
    "diagnose, exclude or predict any disease, and must not guide the care of a real patient."
)
FALLBACK_SEE_A_PHYSICIAN = (
    "See a physician about any symptom that worries you, persists or gets worse. In an emergency, "
    "call your local emergency number now."
)
"""The safety framing built into the code, shown whenever `rules/safety.yaml` cannot be read, so
the promise never depends on a file being valid."""
SAFETY_IN_FULL = "The disclaimer and the advice in full"


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: its first letter in lower case, its acronyms
    ("PNS", "ICD-10") as written."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def lead_sentence(text: str) -> str:
    """A safety text's first sentence: the line every page keeps in view, with the whole text
    one tap away. Taken from the text, not written again, so the short line can never say what
    the full one does not."""
    first, stop, rest = text.partition(". ")
    return f"{first}." if stop and rest else text


FIT_NOTICE = {
    "sex": "Check the entry: {label} does not fit the sex entered ({entered}).",
    "age_band": "Check the entry: {label} does not fit the age band entered ({entered}).",
}
FAILURE_HEADING = "Something went wrong"
FAILURE_TEXT = (
    "This page could not be drawn, so it is not shown. The case you entered is kept in this tab: "
    "try again, or go to another page. Nothing shown here is a result."
)
FAILURE_TRY_AGAIN = "Try again"
"""The page shown, below the disclaimer and the physician prompt, after an unexpected error."""

NOT_GIVEN = "not given"
NONE_ENTERED = "none entered"
NO_CANCER = "none known yet"

AGE_BAND = {band: f"{band.value.replace('-', '–')} years" for band in AgeBand}
SEX = {Sex.FEMALE: "Female", Sex.MALE: "Male", Sex.UNSPECIFIED: "Other or not stated"}
FOLLOW_UP = {
    FollowUp.UNDER_2_YEARS: "under 2 years",
    FollowUp.TWO_YEARS_OR_MORE: "2 years or more",
}
FOLLOW_UP_ASSUMED = "Follow-up was not given, so it is counted as under 2 years."
FOLLOW_UP_NOT_GIVEN = "not given (PNS-Care then counts it as under 2 years)"
CATEGORY = {category: category.value.capitalize() for category in Category}
TIER = {
    Tier.STRONG: "Strong pattern: criteria met, with evidence that points to cancer",
    Tier.PARTIAL: "Partial pattern: criteria or the evidence pointing to cancer still incomplete",
    Tier.KEY_MISSING: "Consider, not yet a pattern: the key feature is missing (listed because "
    "of the known cancer)",
}
TIER_SHORT = {Tier.STRONG: "strong", Tier.PARTIAL: "partial", Tier.KEY_MISSING: "key missing"}
STATUS_NOTE = {
    Status.NEEDS_REVIEW: "parts of this rule rest on standard teaching not yet found in a cited "
    "source; it awaits checking",
    Status.DRAFT: "this rule is unfinished and has not been checked",
}
URGENCY = {
    Urgency.NOW: "now: emergency care",
    Urgency.TODAY: "today: same-day assessment",
    Urgency.THIS_WEEK: "this week: see a doctor within days",
}
PAGE_SIZES = ("A4", "Letter")
NOT_REVIEWED = "not yet reviewed by a clinician"
ORDERING_NOTE = "ordering points (not a probability)"
LOWER_RISK_ANTIBODY = "linked antibody, usually not paraneoplastic (it makes nothing strong)"

HEADINGS = {
    "title": "Paraneoplastic Pattern Screener: screening summary",
    "entered": "What was entered",
    "labs": "Lab values read as findings",
    "patterns": "Patterns the findings resemble",
    "associations": "Known associations of the selected cancer or antibody",
    "references": "References for the patterns shown",
    "why": "Why this pattern shows: the criteria, rule by rule",
    "discuss": "Questions to discuss with a physician",
    "mimics": "Mimics to rule out",
    "pns_care": "PNS-Care score (2021 criteria), shown to teach the arithmetic",
    "book": "This rule book",
}
ASSOCIATIONS_INTRO = (
    "These syndromes are linked to what was selected, but their pattern is not present in the "
    "findings entered."
)
NO_THRESHOLD = "crosses none of this rule book's thresholds"
BOUND_WORDS = {
    "below": "below",
    "above": "above",
    "at_or_below": "at or below",
    "at_or_above": "at or above",
}


def number(value: float) -> str:
    return f"{value:g}"


NOT_DETECTED = "not detected"
CENSORED_SIGN = {"below": "< ", "above": "> "}
CENSORED_CROSSES_NOTHING = (
    "a value reported only as beyond a limit counts for a cut-off only when the limit lies on "
    "the cut-off's side"
)
NOT_DETECTED_CROSSES_NOTHING = "without the laboratory's limit, 'not detected' settles no cut-off"


def lab_value(value: float | None, unit: str, censored: str | None = None) -> str:
    """A lab value as the laboratory reported it: '128 mmol/L', '< 0.5 pmol/L', 'not
    detected'."""
    if value is None:
        return NOT_DETECTED
    return f"{CENSORED_SIGN.get(censored or '', '')}{number(value)} {unit}"


_OR_MORE = {"at or above": "more|higher", "at or below": "less|lower"}
"""How a label may say an inclusive cut-off after its number ("38 °C or higher")."""


def states_cut_off(label: str, side: str, bound: float, unit: str) -> bool:
    """Whether `label` already says the cut-off, however the number is written ("3.0", "3"),
    before it ("at or above 3.5 mmol/L") or, for an inclusive one, after it ("3.5 mmol/L or
    more")."""
    number, spelled = r"([0-9]+(?:\.[0-9]+)?)", re.escape(unit)
    patterns = [rf"\b{re.escape(side)}\s+{number}\s*{spelled}"]
    if side in _OR_MORE:
        patterns.append(rf"{number}\s*{spelled}\s+or\s+(?:{_OR_MORE[side]})\b")
    return any(
        float(found) == bound for pattern in patterns for found in re.findall(pattern, label)
    )


def joined(texts: Iterable[str], empty: str = NONE_ENTERED) -> str:
    return "; ".join(texts) or empty


def review_text(stamp: BookStamp) -> str:
    """Who reviewed the rule book, only if a named clinician did."""
    if stamp.reviewed_by is None or stamp.review_date is None:
        return NOT_REVIEWED
    return f"reviewed by {stamp.reviewed_by} on {stamp.review_date.isoformat()}"


def rule_review_text(provenance: Provenance) -> str:
    """Who reviewed a rule, only if a named clinician did."""
    if provenance.reviewer is None or provenance.reviewed is None:
        return NOT_REVIEWED
    return f"reviewed by {provenance.reviewer} on {provenance.reviewed.isoformat()}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --- How often a finding is seen: Orphanet's frequency classes -------------------------------

HOW_OFTEN = {
    HpoFrequency.OBLIGATE: "seen in all",
    HpoFrequency.VERY_FREQUENT: "seen in most",
    HpoFrequency.FREQUENT: "seen in many",
    HpoFrequency.OCCASIONAL: "seen in some",
    HpoFrequency.VERY_RARE: "seen in very few",
    HpoFrequency.EXCLUDED: "not seen",
}
"""The HPO frequency classes in words, never as a number to combine."""
FREQUENCY_CLASS = {
    HpoFrequency.OBLIGATE: "obligate",
    HpoFrequency.VERY_FREQUENT: "very frequent",
    HpoFrequency.FREQUENT: "frequent",
    HpoFrequency.OCCASIONAL: "occasional",
    HpoFrequency.VERY_RARE: "very rare",
    HpoFrequency.EXCLUDED: "excluded",
}
HOW_OFTEN_SOURCE = (
    "How often, in Orphanet's annotation of {disease} ({orpha}; the disease as a whole, HPO "
    "annotation of {release})"
)
HOW_OFTEN_SERIES = "How often, in a cited series ({reference})"
HOW_OFTEN_DEFINITION = "Part of its definition ({reference})"
FREQUENCY_NOTE = " — {source}: {how}"
"""Said after what a finding would do to a pattern, where its frequency in it is known."""
FREQUENCY_CELL = "; {how} ({source})"
"""The same in a table cell."""
ORPHANET_SOURCE = "Orphanet, for the disease as a whole"
ORPHANET_SHORT = "Orphanet"
SERIES_SOURCE = "in a cited series ({reference})"
SERIES_SHORT = "a cited series, {reference}"
DEFINITION_SOURCE = "by its definition ({reference})"
DEFINITION_SHORT = "its definition, {reference}"


# --- The differential: what to ask next -------------------------------------------------------

DIFFERENTIAL_HEADING = "What to ask next: findings that would tell the top patterns apart"
DIFFERENTIAL_INTRO = (
    "Not entered yet. Each would move the top patterns differently, so asking about it "
    "separates them. A question to discuss, not a test to order."
)


class EffectWords(NamedTuple):
    sentence: str
    """What a finding would do to a pattern, e.g. 'would complete {pattern}'."""
    short: str
    """The same for a table cell, e.g. 'completes'."""


EFFECT: dict[Effect, EffectWords] = {
    "gives_key": EffectWords("would give {pattern} its key feature", "gives the key"),
    "completes": EffectWords("would complete {pattern}", "completes"),
    "advances": EffectWords("would add to {pattern}", "adds to criteria"),
    "supports": EffectWords("would support {pattern}", "supports"),
    "excludes": EffectWords(
        "would rule out {pattern} (its rule excludes this finding)", "rules out"
    ),
    "points_to_mimic": EffectWords(
        "would point to {mimic}, a mimic of {pattern}, to consider first", "points to a mimic"
    ),
    "clears_mimic": EffectWords(
        "would set aside {mimic}, the mimic of {pattern} considered first now",
        "sets a mimic aside",
    ),
}
"""The one wording of the differential's effects: the Screen page, staged cases, compare and
the PDF all say an effect the same way."""
NO_QUESTIONS = "No finding left to ask about would separate the patterns shown."
UNMOVED = "no change to {patterns}"
COMPARED = "Patterns compared: {patterns}."

# --- What changed after the last change to the case --------------------------------------------

CHANGES_HEADING = "What changed"
ENTRY_CHANGE = {"added": "Added", "removed": "Removed", "changed": "Changed"}
CAUSE_CHANGE = {"added": "added", "removed": "removed", "changed": "changed"}
NO_SHIFT = "No pattern appeared, rose, fell or disappeared."
READING_CHANGE = {
    "crossed": "Now read from the lab values",
    "uncrossed": "No longer read from the lab values",
    "raised": "Red flag now in the banner ({urgency})",
    "cleared": "No longer in the banner",
}
"""What a change did beside moving patterns: a lab value crossing a threshold, a red flag."""
MOVEMENT = {
    "appeared": "{name} appeared as pattern {rank} ({tier})",
    "disappeared": "{name} disappeared (it was pattern {rank})",
    "rose": "{name} rose: {detail}",
    "fell": "{name} fell: {detail}",
}
