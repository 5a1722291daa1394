"""Frequencies from a cited series: where Orphanet's annotation does not rate a syndrome's
findings, a series in `rules/frequencies.yaml` does, and every place that says how often a
finding is seen names that series, in words, never with a number."""

from __future__ import annotations

import re

from screener.engine import compare, illness_script, screen
from screener.models import Profile
from screener.present.compare_view import compare_view
from screener.present.differential import differential_view
from screener.present.script_view import script_lines
from screener.present.view import build_view
from screener.rulebook import RuleBook

ERUPTIVE_KERATOSES = Profile(
    findings=("seborrhoeic_keratoses", "sudden_many_new_skin_growths"),
    cancers=("gastric_cancer",),
)
"""A sudden crop of seborrhoeic keratoses with a stomach cancer: the sign of Leser-Trélat,
which Orphanet does not annotate; itch is not entered yet."""
SERIES = "in a cited series (Husain 2013)"


def test_the_book_takes_a_series_where_orphanet_does_not_rate_the_syndrome(
    book: RuleBook,
) -> None:
    rated = {f.finding: f for f in book.finding_frequencies["leser_trelat"]}
    assert rated["itchy_skin"].reference == "husain2013" and rated["itchy_skin"].orpha is None
    assert rated["itchy_skin"].frequency == "frequent"
    # Orphanet still speaks for the syndromes it annotates.
    assert all(f.orpha and not f.reference for f in book.finding_frequencies["lems"])


def test_a_card_names_the_series_and_says_how_often_in_words(book: RuleBook) -> None:
    view = build_view(screen(ERUPTIVE_KERATOSES, book), book)
    card = next(c for c in view.cards if c.syndrome == "leser_trelat")
    (line,) = [c for c in card.context if c.label.startswith("How often")]
    assert line.label == "How often, in a cited series (Husain 2013)"
    assert "Itchy skin seen in many (frequent)" in line.text
    assert "Orphanet" not in line.text
    assert not re.search(r"\d+ ?%", line.text), "a class in words, never the series' number"
    # The series named is listed in full with the card's references, for a reviewer to check.
    (husain,) = [r for r in card.references if r.id == "husain2013"]
    assert husain.citation.startswith("Husain Z") and "PMID 23652964" in husain.identifiers


def test_what_to_ask_next_and_compare_name_the_series(book: RuleBook) -> None:
    result = screen(ERUPTIVE_KERATOSES, book)
    view = differential_view(result.differential, book)
    assert view is not None
    itch = next(q for q in view.questions if q.finding_id == "itchy_skin")
    assert any(
        e.startswith("would support Sign of Leser-Trélat")
        and e.endswith(f"— {SERIES}: seen in many")
        for e in itch.effects
    ), itch.effects
    table = compare_view(compare(["leser_trelat", "tripe_palms"], book), book)
    row = next(r for r in table.separating if r.finding == book.label("finding", "itchy_skin"))
    assert row.effects[0].endswith("; seen in many (a cited series, Husain 2013)"), row.effects


def test_the_illness_script_names_the_series(book: RuleBook) -> None:
    script = illness_script(book.syndrome_by_id["anti_ma2_encephalitis"], book)
    features = script_lines(script, book)["key_features"]
    line = next(f for f in features if f.startswith("How often"))
    assert line.startswith("How often, in a cited series (Dalmau 2004): ")
    sleepy = book.label("finding", "excessive_daytime_sleepiness")
    assert f"{sleepy} seen in many (frequent)" in line


HYPONATRAEMIA = Profile(findings=("low_sodium", "concentrated_urine"), cancers=("sclc",))
"""SIADH's criteria are its only frequencies: a cited guideline's definition, not a series."""


def test_a_finding_the_definition_requires_is_said_to_be_so_not_counted(book: RuleBook) -> None:
    rated = {f.finding: f for f in book.finding_frequencies["siadh"]}
    assert rated["euvolaemic"].by_definition and rated["euvolaemic"].frequency == "obligate"
    card = next(
        c for c in build_view(screen(HYPONATRAEMIA, book), book).cards if c.syndrome == "siadh"
    )
    (line,) = [c for c in card.context if c.label.startswith(("How often", "Part of"))]
    assert line.label == "Part of its definition (Lee 2022)"
    assert "series" not in line.label
    view = differential_view(screen(HYPONATRAEMIA, book).differential, book)
    assert view is not None
    fluid = next(q for q in view.questions if q.finding_id == "euvolaemic")
    assert fluid.effects == ("would support SIADH — by its definition (Lee 2022): seen in all",)
