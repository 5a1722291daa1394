"""The Screen page's entry as a profile: usable parts screen, a bad lab value waits beside its
input with a reason, and nothing typed is lost."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.inputs.form import (
    FormEntry,
    LabEntry,
    entry_for,
    lab_problem,
    pick_token,
    read_form,
    with_lab,
    with_pick,
    with_system_findings,
)
from screener.models import AgeBand, LabValue, Profile, Sex
from screener.rulebook import RuleBook
from tests.support.books import mini_book

MINI = mini_book()


def test_a_usable_entry_reads_as_its_profile(mini_book: RuleBook) -> None:
    entry = FormEntry(
        findings=("b", "a"),
        cancers=("sclc",),
        labs=(LabEntry(analyte="calcium", value="12", unit="mg/dL"),),
        age_band=AgeBand.OLDER,
    )
    reading = read_form(entry, mini_book)
    assert reading.problems == ()
    assert reading.profile == Profile(
        findings=("a", "b"),
        cancers=("sclc",),
        labs=(LabValue(analyte="calcium", value=12.0, unit="mg/dL"),),
        age_band=AgeBand.OLDER,
    )


def test_an_impossible_lab_value_is_left_out_with_a_reason_beside_its_row(
    mini_book: RuleBook,
) -> None:
    entry = FormEntry(
        findings=("a",),
        labs=(
            LabEntry(analyte="sodium", value="1280", unit="mmol/L"),
            LabEntry(analyte="calcium", value="2.8", unit="mmol/L"),
        ),
    )
    reading = read_form(entry, mini_book)
    assert [lab.analyte for lab in reading.profile.labs] == ["calcium"]
    assert reading.profile.findings == ("a",)
    problem = lab_problem(reading.problems, "sodium")
    assert problem is not None and "outside the range a living person can have" in problem
    assert lab_problem(reading.problems, "calcium") is None
    # The typed value is still in the entry: nothing entered is lost.
    assert entry.lab("sodium") == LabEntry(analyte="sodium", value="1280", unit="mmol/L")


def test_a_lab_value_is_read_as_the_learner_meant_it(mini_book: RuleBook) -> None:
    def read(typed: str) -> tuple[tuple[LabValue, ...], str | None]:
        entry = FormEntry(labs=(LabEntry(analyte="calcium", value=typed, unit="mmol/L"),))
        reading = read_form(entry, mini_book)
        return reading.profile.labs, lab_problem(reading.problems, "calcium")

    assert read("2,5") == ((LabValue(analyte="calcium", value=2.5, unit="mmol/L"),), None)
    assert read(" 2.5 ")[0] == read("2,5")[0]
    labs, problem = read("1,500")
    assert labs == ()
    assert problem == (
        "Calcium: '1,500' is unclear: did you mean 1.5 or 1500? (write decimals with a point)"
    )
    assert read("NaN")[1] == "Calcium: 'NaN' is not a number"


def test_a_lab_row_without_a_value_is_waiting_not_wrong(mini_book: RuleBook) -> None:
    reading = read_form(FormEntry(labs=(LabEntry(analyte="sodium", unit="mmol/L"),)), mini_book)
    assert reading.profile.labs == () and reading.problems == ()


def test_ids_a_browser_could_forge_are_left_out_with_a_problem(mini_book: RuleBook) -> None:
    entry = FormEntry(findings=("a", "cancer_known", "nope"), cancers=("moon",))
    reading = read_form(entry, mini_book)
    assert reading.profile.findings == ("a",)
    texts = " ".join(p.text for p in reading.problems)
    assert "'cancer_known'" in texts and "'nope'" in texts and "'moon'" in texts


def _profiles(book: RuleBook) -> st.SearchStrategy[Profile]:
    def lab(analyte_id: str) -> st.SearchStrategy[LabValue]:
        analyte = book.lab_by_id[analyte_id]
        return (
            st.tuples(
                st.floats(analyte.plausible.low, analyte.plausible.high),
                st.sampled_from(analyte.units),
            )
            .filter(
                lambda pair: (
                    analyte.plausible.low
                    <= (analyte.in_main_unit(pair[0], pair[1]) or 0)
                    <= analyte.plausible.high
                )
            )
            .map(lambda pair: LabValue(analyte=analyte_id, value=pair[0], unit=pair[1]))
        )

    def ids(known) -> st.SearchStrategy[tuple[str, ...]]:
        return st.lists(st.sampled_from(sorted(known)), unique=True, max_size=6).map(tuple)

    return st.builds(
        Profile,
        findings=ids(book.enterable_findings),
        cancers=ids(book.cancer_by_id),
        antibodies=ids(book.antibody_by_id),
        labs=st.lists(
            st.sampled_from(sorted(book.lab_by_id)).flatmap(lab),
            unique_by=lambda v: v.analyte,
            max_size=3,
        ).map(tuple),
        age_band=st.none() | st.sampled_from(AgeBand),
        sex=st.none() | st.sampled_from(Sex),
    )


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(_profiles(MINI))
def test_a_profile_shown_in_the_form_reads_back_unchanged(profile: Profile) -> None:
    reading = read_form(entry_for(profile), MINI)
    assert reading.problems == ()
    assert reading.profile == profile


def test_a_body_systems_chips_replace_only_that_systems_findings(mini_book: RuleBook) -> None:
    entry = FormEntry(findings=("a", "b", "low_sodium"))
    changed = with_system_findings(entry, "core", ["b", "c", "low_sodium"], mini_book)
    # low_sodium belongs to another system: a chip list for "core" cannot add or drop it.
    assert set(changed.findings) == {"b", "c", "low_sodium"}
    assert set(with_system_findings(entry, "core", [], mini_book).findings) == {"low_sodium"}


def test_the_picker_adds_a_finding_a_cancer_an_antibody_or_a_lab_row(
    mini_book: RuleBook,
) -> None:
    entry = FormEntry()
    for token in (
        pick_token("finding", "a"),
        pick_token("finding", "a"),
        pick_token("cancer", "sclc"),
        pick_token("antibody", "hu"),
        pick_token("lab", "sodium"),
    ):
        entry, problem = with_pick(entry, token, mini_book)
        assert problem is None
    assert entry.findings == ("a",)
    assert entry.cancers == ("sclc",) and entry.antibodies == ("hu",)
    assert entry.labs == (LabEntry(analyte="sodium", value="", unit="mmol/L"),)
    unchanged, problem = with_pick(entry, "finding:cancer_known", mini_book)
    assert unchanged == entry and problem


def test_setting_a_lab_row_keeps_the_order_rows_were_added_in() -> None:
    entry = with_lab(FormEntry(), "sodium", "", "mmol/L")
    entry = with_lab(entry, "calcium", "2.7", "mmol/L")
    entry = with_lab(entry, "sodium", "131", "mEq/L")
    assert [(lab.analyte, lab.value, lab.unit) for lab in entry.labs] == [
        ("sodium", "131", "mEq/L"),
        ("calcium", "2.7", "mmol/L"),
    ]
