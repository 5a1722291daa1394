"""The differential: findings that would separate the top patterns, each effect explained."""

from __future__ import annotations

from screener.engine import screen
from screener.engine.differential import differential
from screener.models import Profile


def effects(diff, finding):
    question = next(q for q in diff.questions if q.finding == finding)
    return {(e.syndrome, e.effect, e.mimic) for e in question.effects}


def test_a_finding_that_completes_one_pattern_and_not_the_other_ranks_first(mini_book):
    # Alpha needs A and two of B, C, D; beta needs low sodium with E or C, unless excluded.
    result = screen(Profile(findings=["a", "b", "low_sodium", "e"]), mini_book)
    assert {m.syndrome for m in result.matches} == {"alpha", "beta"}
    diff = differential(result, mini_book)
    assert set(diff.syndromes) == {"alpha", "beta"}
    assert effects(diff, "c") == {("alpha", "completes", None)}
    assert effects(diff, "excl") == {("beta", "excludes", None)}
    assert effects(diff, "exposure_x") == {("alpha", "points_to_mimic", "look_alike")}
    ranked = [q.finding for q in diff.questions]
    assert ranked.index("c") < ranked.index("exposure_x")
    assert all(q.separation > 0 for q in diff.questions)


def test_entered_findings_are_never_asked_again(mini_book):
    result = screen(Profile(findings=["a", "b", "c"]), mini_book)
    asked = {q.finding for q in differential(result, mini_book).questions}
    assert not asked & {"a", "b", "c"}
    assert "cancer_known" not in asked


def test_no_pattern_means_no_questions(mini_book):
    diff = differential(screen(Profile(findings=["tired"]), mini_book), mini_book)
    assert diff.syndromes == () and diff.questions == ()
