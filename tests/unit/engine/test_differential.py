"""The differential: findings that would separate the top patterns, each effect explained."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from screener.engine import compare, screen
from screener.engine.changes import mentioned_findings
from screener.engine.differential import WEIGHT
from screener.models import LabValue, Profile
from screener.present import words
from screener.present.compare_view import compare_view
from screener.present.differential import differential_view
from screener.present.view import build_view
from screener.report.json_report import render_json
from screener.report.pdf import render_pdf
from screener.report.text import render_text
from screener.rulebook import RuleBook
from tests.support.cases import LEMS_OR_MYASTHENIA


def effects(diff, finding):
    question = next(q for q in diff.questions if q.finding == finding)
    return {(e.syndrome, e.effect, e.mimic) for e in question.effects}


def test_a_finding_that_completes_one_pattern_and_not_the_other_ranks_first(mini_book):
    # Alpha needs A and two of B, C, D; beta needs low sodium with E or C, unless excluded.
    result = screen(Profile(findings=["a", "b", "low_sodium", "e"]), mini_book)
    assert {m.syndrome for m in result.matches} == {"alpha", "beta"}
    diff = result.differential
    assert set(diff.syndromes) == {"alpha", "beta"}
    assert effects(diff, "c") == {("alpha", "completes", None)}
    assert effects(diff, "excl") == {("beta", "excludes", None)}
    assert effects(diff, "exposure_x") == {("alpha", "points_to_mimic", "look_alike")}
    ranked = [q.finding for q in diff.questions]
    assert ranked.index("c") < ranked.index("exposure_x")
    assert all(q.separation > 0 for q in diff.questions)


def test_entered_findings_are_never_asked_again(mini_book):
    result = screen(Profile(findings=["a", "b", "c"]), mini_book)
    asked = {q.finding for q in result.differential.questions}
    assert not asked & {"a", "b", "c"}
    assert "cancer_known" not in asked


def test_no_pattern_means_no_questions(mini_book):
    diff = screen(Profile(findings=["tired"]), mini_book).differential
    assert diff.syndromes == () and diff.questions == ()


# --- Real rule-book cases: robust to content improvements ---------------------------------------
# Each case enters the core of two patterns whose rules are stable; the assertions derive what
# separates them from the rule book itself, so a better rule changes the answer, not the test.


def _weight(question, syndrome: str) -> float:
    return next((WEIGHT[e.effect] for e in question.effects if e.syndrome == syndrome), 0.0)


@pytest.mark.parametrize(
    ("first", "second", "findings"),
    [
        (
            "lems",
            "myasthenia_gravis_thymoma",
            (
                "proximal_leg_weakness",
                "dry_mouth",
                "reduced_reflexes",
                "strength_improves_with_effort",
                "ptosis",
                "fatigable_weakness",
            ),
        ),
        (
            "limbic_encephalitis",
            "anti_nmdar_encephalitis",
            (
                "seizures",
                "mood_behaviour_change",
                "short_term_memory_loss",
                "mri_medial_temporal",
                "orofacial_dyskinesia",
                # Four of the six groups: three alone are no card (addendum 2, B7).
                "reduced_speech",
            ),
        ),
    ],
    ids=["lems-vs-myasthenia", "limbic-vs-nmdar"],
)
def test_two_look_alike_patterns_are_told_apart_by_findings_of_one_and_not_the_other(
    book: RuleBook, first: str, second: str, findings: tuple[str, ...]
) -> None:
    result = screen(Profile(findings=findings), book)
    shown = [m.syndrome for m in result.matches]
    assert {first, second} <= set(shown), shown
    diff = result.differential
    assert {first, second} <= set(diff.syndromes)
    asked = [q.finding for q in diff.questions]
    assert asked and not set(asked) & set(findings)
    # Each pattern has a question that moves it further than the other one.
    for this, other in ((first, second), (second, first)):
        favouring = [q.finding for q in diff.questions if _weight(q, this) > _weight(q, other)]
        assert favouring, f"no question favours {this} among {asked}"
    assert all(q.separation > 0 for q in diff.questions)


def test_low_sodium_questions_come_from_siadh_and_the_other_causes_of_low_sodium(
    book: RuleBook,
) -> None:
    sodium = LabValue(analyte="sodium", value=126, unit="mmol/L")
    result = screen(Profile(findings=("concentrated_urine",), labs=(sodium,)), book)
    assert result.matches and result.matches[0].syndrome == "siadh"
    diff = result.differential
    siadh = book.syndrome_by_id["siadh"]
    asked = {q.finding for q in diff.questions}
    assert asked and "concentrated_urine" not in asked
    assert "very_low_sodium" not in asked, "a finding the lab value already gives is not asked"
    assert asked <= mentioned_findings(siadh, book)
    for question in diff.questions:
        for effect in question.effects:
            if effect.effect == "points_to_mimic":
                assert effect.mimic in siadh.mimics
                assert question.finding in book.mimic_findings[effect.mimic]


def test_the_differential_in_words_names_each_finding_and_what_it_would_do(
    mini_book: RuleBook,
) -> None:
    result = screen(Profile(findings=["a", "b", "low_sodium", "e"]), mini_book)
    view = differential_view(result.differential, mini_book)
    assert view is not None
    lines = {q.finding: q.text for q in view.questions}
    assert lines["Finding C"] == "would complete Alpha syndrome; no change to Beta syndrome"
    assert lines["Excluding finding"].startswith("would rule out Beta syndrome")
    assert (
        "would point to A look-alike caused by exposure X, a mimic of Alpha syndrome"
        in (lines["Exposure X (a treatment that causes a look-alike)"])
    )
    names = [m.name for m in result.matches]
    assert view.compared == f"Patterns compared: 1. {names[0]}, 2. {names[1]}."


def test_no_questions_no_panel(mini_book: RuleBook) -> None:
    assert (
        differential_view(screen(Profile(findings=["tired"]), mini_book).differential, mini_book)
        is None
    )


def test_the_differential_reaches_the_text_report_the_pdf_and_the_json(
    mini_book: RuleBook,
) -> None:
    result = screen(Profile(findings=["a", "b", "low_sodium", "e"]), mini_book)
    view = build_view(result, mini_book)
    assert view.differential is not None
    text = " ".join(render_text(view).split())
    assert view.differential.heading in text
    assert "Finding C: would complete Alpha syndrome" in text
    pdf = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(render_pdf(view))).pages
    )
    assert view.differential.heading in pdf and "would complete Alpha syndrome" in pdf
    document = json.loads(render_json(result))
    assert document["differential"]["syndromes"] == list(result.differential.syndromes)
    assert {q["finding"] for q in document["differential"]["questions"]} >= {"c", "excl"}
    assert document["matches"][0]["syndrome"] == result.matches[0].syndrome


def test_what_to_ask_next_asks_for_the_key_of_a_pattern_listed_without_it(
    mini_book: RuleBook,
) -> None:
    result = screen(Profile(findings=("f", "g"), cancers=("ovarian_cancer",)), mini_book)
    questions = {q.finding: q for q in result.differential.questions}
    assert [e.effect for e in questions["h"].effects] == ["gives_key"]


def test_what_to_ask_next_asks_for_what_sets_the_first_mimic_aside(mini_book: RuleBook) -> None:
    # In a person with cancer and no scan entered, the metastases mimic comes first; the scan
    # is the question that would set it aside.
    result = screen(Profile(findings=("f", "g", "h"), cancers=("ovarian_cancer",)), mini_book)
    assert result.matches[0].mimics_first == ("metastases",)
    questions = {q.finding: q for q in result.differential.questions}
    (effect,) = questions["scan_normal"].effects
    assert (effect.effect, effect.mimic) == ("clears_mimic", "metastases")


def test_what_to_ask_next_says_how_often_orphanet_sees_a_finding_and_only_where_it_does(
    book: RuleBook,
) -> None:
    result = screen(LEMS_OR_MYASTHENIA, book)
    view = differential_view(result.differential, book)
    assert view is not None
    rated = {
        (s, r.finding): r
        for s in result.differential.syndromes
        for r in book.finding_frequencies[s]
    }
    said = 0
    for question, worded in zip(result.differential.questions, view.questions, strict=True):
        for effect, sentence in zip(question.effects, worded.effects, strict=True):
            frequency = rated.get((effect.syndrome, question.finding))
            assert effect.frequency == frequency
            note = (
                f" — Orphanet, for the disease as a whole: {words.HOW_OFTEN[frequency.frequency]}"
                if frequency
                else ""
            )
            assert sentence.endswith(note) if note else "Orphanet" not in sentence
            said += bool(note)
    assert said, "the LEMS-or-myasthenia case asks about a finding Orphanet rates"
    # Compare, side by side: the same words in the separating table's cells.
    table = compare_view(compare(list(result.differential.syndromes), book), book)
    cells = [cell for row in table.separating for cell in row.effects]
    assert any(cell.endswith("(Orphanet)") and "seen in" in cell for cell in cells)
