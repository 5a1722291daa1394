"""A learner's committed differential beside the rule book (`reflect`) and their confidence
beside how often they were right (`calibrate`), on the real rule book's staged case."""

from __future__ import annotations

import pytest

from screener.engine import calibrate, reflect, screen_case
from screener.models import Confidence, Hypothesis, StageAnswer
from screener.present.reflection_view import calibration_sentence
from screener.rulebook import RuleBook

CASE = "case_stairs_and_dry_mouth"


def answer(stage: int, *patterns: str, confidence: Confidence = Confidence.CERTAIN) -> StageAnswer:
    return StageAnswer(
        stage=stage,
        hypotheses=tuple(Hypothesis(syndrome=p) for p in patterns),
        confidence=confidence,
    )


def test_each_entered_finding_is_weighed_as_the_learner_marked_it_and_as_the_rule_does(
    book: RuleBook,
) -> None:
    case = book.case_by_id[CASE]
    stage = screen_case(case, book).stages[1]
    committed = StageAnswer(
        stage=1,
        hypotheses=(
            Hypothesis(
                syndrome="dermatomyositis",
                for_findings=("proximal_leg_weakness", "dry_mouth"),
                against_findings=("strength_improves_with_effort",),
            ),
        ),
        confidence=Confidence.UNSURE,
    )
    reflected = reflect(stage, committed, book)
    (mine,) = reflected.hypotheses
    weighed = {w.finding: (w.marked, w.rule) for w in mine.findings}
    assert weighed["proximal_leg_weakness"] == ("for", "counts")
    assert weighed["dry_mouth"] == ("for", "silent")
    assert weighed["strength_improves_with_effort"] == ("against", "mimic")
    assert weighed["difficulty_rising_from_chair"] == (None, "counts"), "missed"
    assert "constipation" not in weighed, "neither the learner nor the rule weighs it"
    assert mine.rank is None and reflected.not_named == ("lems",)
    assert not reflected.right and reflected.telling is not None


def test_no_pattern_yet_is_right_where_none_shows_and_a_finding_sits_on_one_side_only(
    book: RuleBook,
) -> None:
    case = book.case_by_id[CASE]
    first = screen_case(case, book).stages[0]
    assert reflect(first, answer(0), book).right
    assert not reflect(first, answer(0, "lems"), book).right
    with pytest.raises(ValueError, match="not both"):
        Hypothesis(syndrome="lems", for_findings=("dry_mouth",), against_findings=("dry_mouth",))


def test_calibration_counts_right_and_wrong_at_every_confidence_level(book: RuleBook) -> None:
    case = book.case_by_id[CASE]
    stages = screen_case(case, book).stages
    answers = [
        answer(0, confidence=Confidence.CERTAIN),
        answer(1, "dermatomyositis", confidence=Confidence.CERTAIN),
        answer(2, "lems", confidence=Confidence.GUESSING),
        answer(3, "ectopic_acth_syndrome", confidence=Confidence.FAIRLY_SURE),
    ]
    calibration = calibrate(reflect(stages[a.stage], a, book) for a in answers)
    assert [(t.confidence, t.right, t.wrong) for t in calibration.levels] == [
        (Confidence.GUESSING, 1, 0),
        (Confidence.UNSURE, 0, 0),
        (Confidence.FAIRLY_SURE, 0, 1),
        (Confidence.CERTAIN, 1, 1),
    ]
    assert calibration.sure_and_wrong == 2
    assert calibration_sentence(calibration) == (
        "You were right on 2 of 4 stages; you were sure and wrong on 2 of 4; 1 right when you "
        "were not sure."
    )
    assert calibration_sentence(calibrate([])).startswith("Commit at least one stage")
