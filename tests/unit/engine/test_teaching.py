"""Teaching cases: stages that add to a case, the profile at each stage, and practice scores."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from screener.engine import score_practice
from screener.models import LabValue, Profile, ProfileFields, TeachingCase
from screener.rulebook import RuleBook


def staged(**changes: Any) -> TeachingCase:
    """A staged case for the mini rule book: nothing, then alpha partial, then alpha strong."""
    fields: dict[str, Any] = {
        "id": "case_mini",
        "title": "Mini",
        "category": "neurologic",
        "vignette": "Finding B only.",
        "findings": ["b"],
        "age_band": "40-64",
        "answer": "alpha",
        "teaching_points": ["A point."],
        "stages": [
            {"title": "Examination", "text": "Finding A.", "findings": ["a"], "top": "alpha"},
            {
                "title": "Tests",
                "text": "Finding C; small cell lung cancer.",
                "findings": ["c"],
                "cancers": ["sclc"],
                "top": "alpha",
            },
        ],
    }
    return TeachingCase.model_validate(fields | changes)


def test_each_stage_adds_to_what_was_known_before() -> None:
    case = staged()
    profiles = case.stage_profiles
    assert [p.findings for p in profiles] == [("b",), ("a", "b"), ("a", "b", "c")]
    assert [p.cancers for p in profiles] == [(), (), ("sclc",)]
    assert all(p.age_band == case.age_band for p in profiles)
    assert case.profile == profiles[-1]
    assert case.stage_tops == (None, "alpha", "alpha")


def test_a_case_without_stages_is_its_presentation_and_shows_its_answer(book: RuleBook) -> None:
    for case in book.cases:
        if not case.stages:
            assert case.stage_profiles == (Profile.of(case),)
            assert case.stage_tops == (case.answer,)


def test_a_later_lab_value_replaces_the_earlier_one_and_choices_can_change() -> None:
    first = Profile(findings=("a",), labs=(LabValue(analyte="sodium", value=130, unit="mmol/L"),))
    later = ProfileFields(
        findings=("a", "b"),
        labs=(LabValue(analyte="sodium", value=118, unit="mmol/L"),),
        follow_up="2_years_or_more",
    )
    merged = first.add(later)
    assert merged.findings == ("a", "b")
    assert merged.labs == (LabValue(analyte="sodium", value=118, unit="mmol/L"),)
    assert merged.follow_up == "2_years_or_more"
    assert first.add(ProfileFields()) == first


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"top": "alpha"}, None),
        (
            {"stages": [{"title": "Exam", "text": "Nothing new.", "top": "alpha"}]},
            "a stage must add findings",
        ),
        (
            {"stages": [{"title": "Exam", "text": "A.", "findings": ["a"], "top": "beta"}]},
            "the last stage must show the answer first: give it 'top: alpha'",
        ),
        (
            {
                "stages": [
                    {
                        "title": "Exam",
                        "text": "A.",
                        "findings": ["a"],
                        "sex": "male",
                        "top": "alpha",
                    }
                ]
            },
            "age band and sex belong to the case",
        ),
        ({"stages": [], "top": "alpha"}, "'top' belongs to staged cases"),
    ],
)
def test_a_malformed_staged_case_is_refused_in_words(changes, message) -> None:
    if message is None:
        assert staged(**changes).top == "alpha"
        return
    with pytest.raises(ValidationError, match=message):
        staged(**changes)


@pytest.mark.parametrize(
    ("commitments", "first_right", "points"),
    [
        (["alpha", "alpha", "alpha"], 0, 3),
        ([None, "alpha", "beta"], 1, 2),
        (["beta", None, "alpha"], 2, 1),
        (["beta", "beta", None], None, 0),
        ([None], None, 0),
    ],
)
def test_naming_the_answer_earlier_scores_more(commitments, first_right, points) -> None:
    score = score_practice(staged(), commitments)
    assert (score.first_right, score.points, score.possible) == (first_right, points, 3)
