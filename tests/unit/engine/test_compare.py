"""Compare: syndromes side by side, and the findings that separate them, from the same core
function as the differential."""

from __future__ import annotations

import pytest

from screener.engine import compare, screen
from screener.engine.differential import separating_findings
from screener.engine.screen import present_findings
from screener.models import Profile
from screener.present.compare_view import CompareView, compare_view
from screener.rulebook import RuleBook


def compared(ids: list[str], book: RuleBook) -> CompareView:
    return compare_view(compare(ids, book), book)


def separating(view) -> dict[str, tuple[str, ...]]:
    return {row.finding: row.effects for row in view.separating}


def test_lems_and_myasthenia_are_told_apart_by_their_own_findings(book: RuleBook) -> None:
    view = compared(["lems", "myasthenia_gravis_thymoma"], book)
    rows = separating(view)
    label = lambda f: book.label("finding", f)  # noqa: E731
    # Orphanet's annotation of LEMS sees dry mouth in most: said beside what it does.
    assert rows[label("dry_mouth")] == ("adds to criteria; seen in most (Orphanet)", "")
    assert rows[label("ptosis")] == ("", "adds to criteria; seen in many (Orphanet)")
    assert rows[label("double_vision")] == ("", "adds to criteria; seen in many (Orphanet)")
    for effects in rows.values():
        assert effects[0] != effects[1], "a separating finding moves them differently"
    assert [c.name for c in view.columns] == [
        book.syndrome_by_id["lems"].name,
        book.syndrome_by_id["myasthenia_gravis_thymoma"].name,
    ]


def test_each_side_shows_what_its_rule_says(book: RuleBook) -> None:
    view = compared(["lems", "myasthenia_gravis_thymoma"], book)
    rows = {row.heading: row.cells for row in view.rows}
    assert list(rows) == [
        "Summary",
        # The illness scripts, slot by slot.
        "Who",
        "Time course",
        "Key features",
        "Mechanism",
        "Antibodies (2021 risk class)",
        "What confirms it",
        "Look-alikes, and what tells each apart",
        "Treatment principle",
        # Then the rules.
        "Criteria in words",
        "Reported cancers",
        "Red flags",
    ]
    lems, mg = book.syndrome_by_id["lems"], book.syndrome_by_id["myasthenia_gravis_thymoma"]
    assert rows["Summary"][0][0].text == lems.summary
    who = " ".join(line.text for line in rows["Who"][0])
    assert book.label("cancer", lems.cancers.typical[0]) in who
    assert lems.script is not None and lems.script.who in who
    first_mimic = book.mimic_by_id[lems.mimics[0]]
    assert rows["Look-alikes, and what tells each apart"][0][0].text.startswith(first_mimic.name)
    for syndrome, cell in zip((lems, mg), rows["Antibodies (2021 risk class)"], strict=True):
        antibodies = " ".join(line.text for line in cell)
        for antibody in syndrome.antibodies:
            assert f"{book.label('antibody', antibody)} (" in antibodies
    risk = book.pns_care.antibody[book.antibody_by_id[lems.antibodies[0]].risk].label.lower()
    assert risk in rows["Antibodies (2021 risk class)"][0][0].text
    criteria = [line.text for line in rows["Criteria in words"][0]]
    assert book.label("finding", "dry_mouth") in criteria


def test_a_shared_finding_separates_nothing_and_an_exclusion_does(mini_book: RuleBook) -> None:
    # C counts for alpha and for beta; excl rules beta out; exposure X points to alpha's mimic.
    rows = separating(compared(["alpha", "beta"], mini_book))
    assert "Finding C" not in rows
    assert rows["Excluding finding"] == ("", "rules out")
    assert rows["Exposure X (a treatment that causes a look-alike)"][0].startswith(
        "points to a mimic"
    )


def test_the_differential_is_the_same_question_asked_of_the_leading_patterns(book) -> None:
    result = screen(Profile(findings=("proximal_leg_weakness", "ptosis")), book)
    top = [book.syndrome_by_id[m.syndrome] for m in result.matches[:5]]
    present = present_findings(result.profile, result.lab_findings, book)
    assert result.differential.questions == separating_findings(top, present, book)


@pytest.mark.parametrize("ids", [["lems"], ["lems", "lems"], ["lems", "siadh", "dic", "sweet"]])
def test_compare_takes_two_or_three_different_syndromes(ids, book: RuleBook) -> None:
    with pytest.raises(ValueError, match="two or three"):
        compare(ids, book)
