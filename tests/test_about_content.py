"""The About text: sourced where it states facts, never calls an output a diagnosis, and it
explains the screener with the numbers the engine and the rule book really use."""

from __future__ import annotations

import re

import pytest

from screener.engine import (
    ANTIBODY_POINTS,
    CRITERIA_POINTS,
    NEAR_MISS_PROGRESS,
    REPORTED_CANCER_POINTS,
    SUPPORTING_POINTS,
    TYPICAL_CANCER_POINTS,
)
from screener.models import AntibodyRisk, PhenotypeRisk

REQUIRED_SECTIONS = {
    "what_they_are",
    "mechanisms",
    "how_common",
    "symptoms_come_first",
    "confirming_and_treating",
    "criteria_2021",
    "pns_care",
    "criteria_2004",
    "how_this_screener_works",
    "limits",
}
# These describe the screener itself, so they have no literature to cite.
TOOL_SECTIONS = {"how_this_screener_works", "limits"}
TOOL_QUESTIONS = ("needs-review", "for a patient", "stored", "tiredness or weight loss")

FIGURE = re.compile(r"\d\s?%|per 100,000|\b1 (?:for every|in) \d+")
OUTPUT_WORD = re.compile(r"\b(?:diagnos\w*|probabilit\w*)", re.IGNORECASE)
NEGATIONS = {"not", "no", "never", "nor", "neither", "without", "cannot"}
HTML_TAG = re.compile(r"<\s*/?[A-Za-z!]")
# Phrases for content the clinical reference marks as standard teaching not found in a source.
UNSOURCED_PHRASES = ("Non-PNS", "lists eight", "never show a pattern on")


def unnegated_output_words(text: str) -> list[str]:
    """Uses of 'diagnosis' or 'probability' not negated within the four words before them."""
    hits = []
    for match in OUTPUT_WORD.finditer(text):
        clause = re.split(r"[.!?;:]", text[: match.start()])[-1]
        words = re.findall(r"[a-z']+", clause.lower())[-4:]
        if not NEGATIONS & set(words) and not any(w.endswith("n't") for w in words):
            hits.append(f"...{clause[-60:]}{match.group()}")
    return hits


def all_texts(about) -> list[tuple[str, str]]:
    texts = []
    for section in about.sections:
        texts += [
            (f"section {section.id}", section.heading),
            (f"section {section.id}", section.body),
        ]
    for item in about.faq:
        texts += [
            (f"FAQ {item.question!r}", item.question),
            (f"FAQ {item.question!r}", item.answer),
        ]
    return texts


@pytest.fixture(scope="module")
def sections(book):
    return {s.id: s for s in book.about.sections}


def is_tool_question(question: str) -> bool:
    return any(marker in question for marker in TOOL_QUESTIONS)


def test_every_required_topic_has_its_section(sections):
    assert set(sections) >= REQUIRED_SECTIONS, REQUIRED_SECTIONS - set(sections)
    assert next(iter(sections)) == "what_they_are"


def test_every_cited_reference_is_in_the_reference_list(book):
    cited = [r for s in book.about.sections for r in s.references]
    cited += [r for item in book.about.faq for r in item.references]
    assert set(cited) <= set(book.reference_by_id)


def test_sections_that_state_clinical_facts_cite_a_source(sections):
    uncited = [i for i, s in sections.items() if i not in TOOL_SECTIONS and not s.references]
    assert uncited == []


def test_figures_and_epidemiology_always_come_with_a_source(book):
    items = [(s.id, s.body, s.references) for s in book.about.sections]
    items += [(f.question, f.answer, f.references) for f in book.about.faq]
    uncited = [name for name, text, refs in items if FIGURE.search(text) and not refs]
    assert uncited == []
    assert FIGURE.search(next(s.body for s in book.about.sections if s.id == "how_common"))


def test_faq_has_six_to_ten_questions_and_clinical_answers_cite(book):
    faq = book.about.faq
    assert 6 <= len(faq) <= 10
    assert [f.question for f in faq if not is_tool_question(f.question) and not f.references] == []
    for marker in TOOL_QUESTIONS:
        assert any(marker in f.question for f in faq), f"no FAQ about {marker!r}"


def test_faq_gives_the_plain_answers_a_learner_needs(book):
    answers = {f.question: f.answer for f in book.about.faq}
    no_pattern = next(a for q, a in answers.items() if book.safety.no_pattern_heading in q)
    assert no_pattern.startswith("No.")
    assert "excludes nothing" in no_pattern
    patient = next(a for q, a in answers.items() if "for a patient" in q)
    assert patient.startswith("No.")
    stored = next(a for q, a in answers.items() if "stored" in q)
    assert stored.startswith("No.")
    assert "stored, logged or sent anywhere" in stored
    assert any("myasthenia gravis" in q and "PNS-Care" in q for q in answers)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The result is a diagnosis of LEMS.", True),
        ("Shows the probability of cancer.", True),
        ("The points are not a probability.", False),
        ("It is not a diagnosis, and gives no probabilities.", False),
        ("Nothing here is a diagnosis.", True),
    ],
)
def test_the_wording_check_tells_negated_from_plain_uses(text, flagged):
    assert bool(unnegated_output_words(text)) is flagged


def test_the_text_never_calls_an_output_a_diagnosis_or_probability(book):
    hits = [
        (where, hit)
        for where, text in all_texts(book.about)
        for hit in unnegated_output_words(text)
    ]
    assert hits == []


def test_the_limits_say_not_a_diagnosis_and_no_probabilities(sections):
    body = sections["limits"].body
    assert "not a diagnosis" in body
    assert "no probabilities" in body
    assert "needs-review" in body


def test_the_text_is_markdown_without_html(book):
    assert [where for where, text in all_texts(book.about) if HTML_TAG.search(text)] == []


def test_statements_awaiting_review_say_so(book):
    for where, text in all_texts(book.about):
        for phrase in UNSOURCED_PHRASES:
            if phrase in text:
                assert "await" in text, f"{where} states {phrase!r} without 'awaits review'"


def test_how_it_works_uses_the_engines_real_numbers(sections):
    body = " ".join(sections["how_this_screener_works"].body.split())
    assert NEAR_MISS_PROGRESS == 0.5
    assert "more than half of the criteria hold" in body
    assert f"up to {CRITERIA_POINTS} points for the criteria" in body
    assert f"{SUPPORTING_POINTS} point for each supporting finding" in body
    assert f"{TYPICAL_CANCER_POINTS} points for a typical cancer" in body
    assert f"({REPORTED_CANCER_POINTS} point for a reported one)" in body
    assert f"{ANTIBODY_POINTS} points for a linked antibody" in body


def test_how_it_works_quotes_the_safety_headings_and_a_real_threshold(book, sections):
    body = " ".join(sections["how_this_screener_works"].body.split())
    assert f'"{book.safety.urgent.now.heading}"' in body
    assert f'"{book.safety.no_pattern_heading}". That excludes nothing.' in body
    sodium = book.lab_by_id["sodium"]
    low = next(t for t in sodium.thresholds if t.finding == "low_sodium")
    assert f"sodium below {low.below:g} {sodium.unit}" in body


def test_pns_care_explanation_matches_the_rule_data(book, sections):
    body = " ".join(sections["pns_care"].body.split())
    rules = book.pns_care
    assert f"High-risk phenotype: **{rules.phenotype[PhenotypeRisk.HIGH].points}**" in body
    assert (
        f"Intermediate-risk phenotype: **{rules.phenotype[PhenotypeRisk.INTERMEDIATE].points}**"
        in body
    )
    assert f"High-risk antibody: **{rules.antibody[AntibodyRisk.HIGH].points}**" in body
    assert (
        f"Intermediate-risk antibody: **{rules.antibody[AntibodyRisk.INTERMEDIATE].points}**"
        in body
    )
    assert f"antibody: **{rules.cancer_consistent.points}**" in body
    assert f"follow-up: **{rules.no_cancer_short_follow_up.points}**" in body
    assert f"follow-up: **{rules.no_cancer_long_follow_up.points}**" in body

    levels = sorted(rules.levels, key=lambda lv: lv.min_total, reverse=True)
    top, *middle, bottom = levels
    assert f"{top.min_total} points or more: **{top.name}**" in body
    upper = top.min_total
    for level in middle:
        assert f"{level.min_total}–{upper - 1}: **{level.name}**" in body
        upper = level.min_total
    assert f"{upper - 1} or fewer: **{bottom.name}**" in body
