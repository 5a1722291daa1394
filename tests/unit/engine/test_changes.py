"""What changed: each pattern that appeared, rose, fell or disappeared, and the item that did it."""

from __future__ import annotations

from screener.engine import screen
from screener.engine.changes import EntryChange, entry_changes, what_changed
from screener.models import AgeBand, LabValue, Profile, Tier
from screener.present.changes import ChangeView, change_view
from screener.rulebook import RuleBook


def _change(before: Profile, after: Profile, book: RuleBook):
    return what_changed(screen(before, book), screen(after, book), book)


def _words(before: Profile, after: Profile, book: RuleBook) -> ChangeView | None:
    return change_view(_change(before, after, book), before, after, book)


def _moves(change) -> dict[str, str]:
    return {shift.syndrome: shift.movement for shift in change.shifts}


def test_adding_the_key_finding_makes_a_pattern_appear(mini_book: RuleBook) -> None:
    change = _change(Profile(findings=("b", "c")), Profile(findings=("a", "b", "c")), mini_book)
    assert _moves(change) == {"alpha": "appeared"}
    (shift,) = change.shifts
    assert shift.causes == (EntryChange(kind="finding", item="a", change="added"),)
    assert shift.before is None and shift.after is not None and shift.after.rank == 1


def test_a_typical_cancer_makes_a_pattern_rise_to_strong(mini_book: RuleBook) -> None:
    before = Profile(findings=("a", "b", "c"))
    change = _change(before, before.model_copy(update={"cancers": ("sclc",)}), mini_book)
    (shift,) = change.shifts
    assert (shift.syndrome, shift.movement) == ("alpha", "rose")
    assert shift.before and shift.after
    assert (shift.before.tier, shift.after.tier) == (Tier.PARTIAL, Tier.STRONG)
    assert shift.causes == (EntryChange(kind="cancer", item="sclc", change="added"),)


def test_removing_a_finding_makes_patterns_fall_or_disappear(mini_book: RuleBook) -> None:
    before = Profile(findings=("a", "b", "c"))
    change = _change(before, Profile(findings=("a", "b")), mini_book)
    assert _moves(change) == {"alpha": "fell"}
    assert change.shifts[0].causes == (EntryChange(kind="finding", item="c", change="removed"),)
    change = _change(before, Profile(findings=("b", "c")), mini_book)
    assert _moves(change) == {"alpha": "disappeared"}
    assert change.shifts[0].causes == (EntryChange(kind="finding", item="a", change="removed"),)


def test_a_lab_value_is_the_cause_when_its_threshold_makes_the_pattern(
    mini_book: RuleBook,
) -> None:
    low = Profile(findings=("e",), labs=(LabValue(analyte="sodium", value=128, unit="mmol/L"),))
    change = _change(Profile(findings=("e",)), low, mini_book)
    assert _moves(change) == {"beta": "appeared"}
    assert change.shifts[0].causes == (EntryChange(kind="lab", item="sodium", change="added"),)


def test_only_the_items_a_rule_mentions_are_named_as_its_cause(mini_book: RuleBook) -> None:
    before = Profile(findings=("b", "c"))
    after = Profile(findings=("a", "b", "c", "breathless"), age_band=AgeBand.OLDER)
    change = _change(before, after, mini_book)
    assert len(change.entries) == 3
    (shift,) = change.shifts
    assert [c.item for c in shift.causes] == ["a"]


def test_an_unrelated_change_moves_no_pattern(mini_book: RuleBook) -> None:
    before = Profile(findings=("a", "b", "c"))
    change = _change(before, before.model_copy(update={"age_band": AgeBand.OLDER}), mini_book)
    assert change.entries == (EntryChange(kind="age_band", item="65+", change="added"),)
    assert change.shifts == ()


def test_every_kind_of_entry_change_is_seen() -> None:
    before = Profile(findings=("a",), labs=(LabValue(analyte="sodium", value=128, unit="mmol/L"),))
    after = Profile(
        findings=("b",),
        antibodies=("hu",),
        labs=(LabValue(analyte="sodium", value=131, unit="mmol/L"),),
    )
    assert set(entry_changes(before, after)) == {
        EntryChange(kind="finding", item="b", change="added"),
        EntryChange(kind="finding", item="a", change="removed"),
        EntryChange(kind="antibody", item="hu", change="added"),
        EntryChange(kind="lab", item="sodium", change="changed"),
    }


def test_the_words_name_the_finding_that_did_it(mini_book: RuleBook) -> None:
    view = _words(Profile(findings=("b", "c")), Profile(findings=("a", "b", "c")), mini_book)
    assert view is not None
    assert view.entered == "Added: Finding A."
    (line,) = view.shifts
    assert line.movement == "appeared"
    assert line.text == (
        "Alpha syndrome appeared as pattern 1 (partial), because of: Finding A added."
    )
    assert view.none_moved is None


def test_the_words_say_so_when_nothing_moved_and_nothing_when_nothing_changed(
    mini_book: RuleBook,
) -> None:
    same = Profile(findings=("a", "b", "c"))
    assert _words(same, same, mini_book) is None
    older = Profile(findings=("a", "b", "c"), age_band=AgeBand.OLDER)
    view = _words(same, older, mini_book)
    assert view is not None and view.shifts == ()
    assert view.entered == "Added: age band 65+ years."
    assert view.none_moved == "No pattern appeared, rose, fell or disappeared."


def test_the_key_lifts_a_pattern_listed_lower_and_taking_it_out_lowers_it(
    mini_book: RuleBook,
) -> None:
    without = Profile(findings=("f", "g", "scan_normal"), cancers=("ovarian_cancer",))
    with_key = without.model_copy(update={"findings": (*without.findings, "h")})
    assert _moves(_change(without, with_key, mini_book)) == {"delta": "rose"}
    assert _moves(_change(with_key, without, mini_book)) == {"delta": "fell"}


def _sodium(value: float) -> Profile:
    return Profile(
        findings=("confusion",), labs=(LabValue(analyte="sodium", value=value, unit="mmol/L"),)
    )


def test_a_lab_value_crossing_a_threshold_is_reported_with_no_pattern_moving(
    book: RuleBook,
) -> None:
    # Sodium 128 -> 118: no pattern moves, but the value is now very low and a banner rises.
    change = _change(_sodium(128), _sodium(118), book)
    assert change.shifts == ()
    assert change.crossed == ("very_low_sodium",) and change.uncrossed == ()
    assert change.raised == ("severe_hyponatraemia",) and change.cleared == ()
    view = _words(_sodium(128), _sodium(118), book)
    assert view is not None
    crossed = book.label("finding", "very_low_sodium")
    assert view.readings[0] == f"Now read from the lab values: {crossed}."
    flag = book.red_flag_by_id["severe_hyponatraemia"]
    assert view.readings[1].startswith("Red flag now in the banner (now: emergency care):")
    assert flag.text.split(". ")[0] in view.readings[1]
    assert view.none_moved is not None, "it still says no pattern moved"


def test_a_lab_value_back_in_range_says_what_it_no_longer_gives(book: RuleBook) -> None:
    change = _change(_sodium(118), _sodium(128), book)
    assert change.uncrossed == ("very_low_sodium",) and change.crossed == ()
    # The emergency goes; the less urgent flags it had stood for come back into the banner.
    assert change.cleared == ("severe_hyponatraemia",)
    assert "severe_hyponatraemia" not in change.raised
    view = _words(_sodium(118), _sodium(128), book)
    assert view is not None
    assert any(line.startswith("No longer in the banner:") for line in view.readings)


def test_a_change_that_touches_no_lab_or_flag_reports_none(mini_book: RuleBook) -> None:
    change = _change(Profile(findings=("b",)), Profile(findings=("a", "b")), mini_book)
    assert change.crossed == change.uncrossed == change.raised == change.cleared == ()
    view = _words(Profile(findings=("b",)), Profile(findings=("a", "b")), mini_book)
    assert view is not None and view.readings == ()
