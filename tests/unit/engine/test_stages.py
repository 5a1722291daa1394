"""A case screened stage by stage: the top patterns the YAML states, what changed between
stages, and the chart's data, which must be the engine's own scores."""

from __future__ import annotations

import pytest

from screener.engine import screen, screen_case
from screener.engine.stages import pattern_changes, score_points
from screener.models import Profile, TeachingCase, Tier
from screener.present.stage_view import staged_case_view
from screener.rulebook import RuleBook
from tests.support.books import real_book
from tests.unit.engine.test_teaching import staged

STAGED = [case for case in real_book().cases if case.stages]


def test_the_rule_book_has_enough_staged_cases_in_every_category(book: RuleBook) -> None:
    assert len(book.cases) >= 30
    assert len(STAGED) * 100 >= 40 * len(book.cases), "about half the cases should be staged"
    for category in {s.category for s in book.syndromes}:
        assert sum(c.category == category for c in book.cases) >= 3, category


@pytest.mark.parametrize("case", STAGED, ids=lambda c: c.id)
def test_a_staged_case_shows_first_at_each_stage_what_its_yaml_says(
    case: TeachingCase, book: RuleBook
) -> None:
    tops = [s.top for s in screen_case(case, book).stages]
    assert tops == list(case.stage_tops)
    assert tops[-1] == case.answer


def test_stages_on_the_mini_book_narrow_to_the_answer(mini_book: RuleBook) -> None:
    stages = screen_case(staged(), mini_book).stages
    assert [s.top for s in stages] == [None, "alpha", "alpha"]
    assert [s.result.matches[0].tier for s in stages[1:]] == [Tier.PARTIAL, Tier.STRONG]
    assert stages[2].added.findings == ("c",) and stages[2].added.cancers == ("sclc",)


def test_what_changed_names_new_moved_and_upgraded_patterns(mini_book: RuleBook) -> None:
    stages = screen_case(staged(), mini_book).stages
    first = {(c.syndrome, c.change) for c in pattern_changes(stages[0].result, stages[1].result)}
    assert first == {("alpha", "new")}
    later = {(c.syndrome, c.change) for c in pattern_changes(stages[1].result, stages[2].result)}
    assert later == {("alpha", "now_strong")}
    gone = pattern_changes(stages[2].result, screen(Profile(findings=("b",)), mini_book))
    assert [(c.syndrome, c.change, c.rank_before) for c in gone] == [("alpha", "gone", 1)]


@pytest.mark.parametrize("case", [staged(), *STAGED[:6]], ids=lambda c: c.id)
def test_the_chart_plots_the_engines_own_scores(case: TeachingCase, book, mini_book) -> None:
    rules = mini_book if case.id == "case_mini" else book
    stages = screen_case(case, rules).stages
    points = score_points(stages)
    assert points
    for point in points:
        match = screen(case.stage_profiles[point.stage], rules).matches[point.rank - 1]
        assert (match.syndrome, match.score, match.tier) == (
            point.syndrome,
            point.score,
            point.tier,
        )
    # Every pattern in the first three at some stage is plotted wherever it shows.
    leading = {m.syndrome for s in stages for m in s.result.matches[:3]}
    for stage in stages:
        shown = {m.syndrome for m in stage.result.matches} & leading
        assert {p.syndrome for p in points if p.stage == stage.index} == shown
    view = staged_case_view(case, screen_case(case, rules), rules)
    assert [(p.stage, p.score) for p in view.chart] == [(p.stage, p.score) for p in points]


def test_the_stage_view_words_each_stage_without_inventing_anything(mini_book: RuleBook) -> None:
    view = staged_case_view(staged(), screen_case(staged(), mini_book), mini_book)
    assert [s.heading for s in view.stages] == [
        "Stage 1 of 3: Presentation",
        "Stage 2 of 3: Examination",
        "Stage 3 of 3: Tests",
    ]
    presentation, examination, tests = view.stages
    assert presentation.no_pattern and not presentation.patterns
    assert examination.patterns[0].text.startswith("1. Alpha syndrome: partial")
    assert examination.changes == ("Alpha syndrome now shows, 1st in the list",)
    assert tests.changes == ("Alpha syndrome is now a strong pattern",)
    assert [(f.label, f.text) for f in tests.facts] == [
        ("Findings", "Finding C"),
        ("Known cancer", "Small cell lung cancer"),
    ]
    assert examination.differential is not None
    assert "Finding C" in {q.finding for q in examination.differential.questions}
