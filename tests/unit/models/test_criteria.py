"""Every node type of a criteria tree: whether it holds, its counts, and what would complete it."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter

from screener.engine.evaluate import counted_findings, evaluate
from screener.models import Criterion

parse = TypeAdapter(Criterion).validate_python


def run(tree, *present):
    return evaluate(parse(tree), frozenset(present))


def test_leaf():
    assert run("a", "a").met and run("a", "a").completion == ()
    missing = run("a")
    assert not missing.met and missing.completion == ("a",) and missing.progress == 0


@pytest.mark.parametrize(
    ("present", "met", "satisfied", "completion"),
    [((), False, 0, ("a", "b")), (("a",), False, 1, ("b",)), (("a", "b"), True, 2, ())],
)
def test_all_of(present, met, satisfied, completion):
    trace = run({"all_of": ["a", "b"]}, *present)
    assert (trace.met, trace.satisfied, trace.needed, trace.completion) == (
        met,
        satisfied,
        2,
        completion,
    )


def test_any_of_picks_the_cheapest_completion_in_rule_order():
    trace = run({"any_of": [{"all_of": ["x", "y"]}, "b", "c"]})
    assert not trace.met and trace.completion == ("b",)
    assert run({"any_of": ["a", "b"]}, "b").met


@pytest.mark.parametrize(
    ("present", "met", "progress", "completion"),
    [
        ((), False, 0.0, ("a", "b")),
        (("c",), False, 0.5, ("a",)),
        (("a", "c"), True, 1.0, ()),
        (("a", "b", "c"), True, 1.0, ()),
    ],
)
def test_at_least_n_of(present, met, progress, completion):
    trace = run({"at_least": {"n": 2, "of": ["a", "b", "c"]}}, *present)
    assert trace.kind == "at_least" and trace.needed == 2
    assert (trace.met, trace.progress, trace.completion) == (met, progress, completion)


def test_none_of_excludes_and_cannot_be_completed_by_adding():
    clear = run({"none_of": ["x"]})
    assert clear.met and clear.completion == ()
    hit = run({"none_of": ["x"]}, "x")
    assert not hit.met and hit.satisfied == 1 and hit.completion is None


def test_an_exclusion_zeroes_the_progress_of_its_parent():
    tree = {"all_of": ["a", "b", {"none_of": ["x"]}]}
    assert run(tree, "a").progress == 0.5
    blocked = run(tree, "a", "b", "x")
    assert not blocked.met and blocked.progress == 0 and blocked.completion is None


def test_a_trivially_true_exclusion_does_not_count_as_progress():
    assert run({"all_of": ["a", "b", "c", {"none_of": ["x"]}]}, "a").progress == pytest.approx(
        1 / 3
    )


def test_counted_findings_skip_exclusions_and_absent_leaves():
    trace = run({"all_of": ["a", {"any_of": ["b", "c"]}, {"none_of": ["x"]}]}, "a", "c", "z")
    assert counted_findings(trace) == ("a", "c")


def test_nested_completion_is_minimal_and_unique():
    tree = {"all_of": [{"at_least": {"n": 2, "of": ["a", "b", "c"]}}, {"any_of": ["a", "d"]}]}
    assert run(tree).completion == ("a", "b")


def test_points_add_up_like_a_clinical_score():
    tree = {
        "points": {
            "at_least": 5,
            "of": [
                {"points": 1, "when": "p100"},
                {"points": 1, "when": "p50"},
                {"points": 3, "when": "ddimer"},
                {"points": 1, "when": "pt"},
            ],
        }
    }
    assert not run(tree, "p100", "pt").met
    trace = run(tree, "p100", "ddimer", "pt")
    assert trace.met and trace.satisfied == 5 and trace.needed == 5
    short = run(tree, "p100", "pt")
    assert short.completion == ("ddimer",) and short.progress == pytest.approx(2 / 5)


def test_points_that_cannot_add_up_are_refused():
    with pytest.raises(ValueError, match="add up to only 2"):
        parse({"points": {"at_least": 3, "of": [{"points": 2, "when": "a"}]}})
