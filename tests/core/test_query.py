"""A case as a link: what goes in comes back, and a hostile link is read in part with notices."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.inputs.query import (
    MAX_LIST_ITEMS,
    MAX_NOTICES,
    MAX_VALUE_CHARS,
    profile_from_query,
    profile_to_query,
)
from screener.models import AgeBand, FollowUp, LabValue, Profile, Sex
from screener.rulebook import RuleBook, load_rule_book

BOOK = load_rule_book()


def _lab_values(book: RuleBook) -> st.SearchStrategy[LabValue]:
    def for_analyte(analyte_id: str) -> st.SearchStrategy[LabValue]:
        analyte = book.lab_by_id[analyte_id]
        low, high = analyte.plausible.low, analyte.plausible.high
        return st.floats(low, high, allow_nan=False).map(
            lambda v: LabValue(analyte=analyte_id, value=v, unit=analyte.unit)
        )

    return st.sampled_from(sorted(book.lab_by_id)).flatmap(for_analyte)


def _ids(ids) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(sorted(ids)), unique=True, max_size=8).map(tuple)


profiles = st.builds(
    Profile,
    findings=_ids(BOOK.enterable_findings),
    cancers=_ids(BOOK.cancer_by_id),
    antibodies=_ids(BOOK.antibody_by_id),
    labs=st.lists(_lab_values(BOOK), unique_by=lambda lab: lab.analyte, max_size=4).map(tuple),
    age_band=st.none() | st.sampled_from(AgeBand),
    sex=st.none() | st.sampled_from(Sex),
    follow_up=st.none() | st.sampled_from(FollowUp),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(profiles)
def test_a_profile_survives_the_link_unchanged(profile: Profile) -> None:
    assert profile_from_query(profile_to_query(profile), BOOK) == (profile, [])


@given(st.dictionaries(st.text(max_size=8), st.text(max_size=60) | st.lists(st.text())))
def test_any_query_gives_a_profile_and_never_an_exception(params) -> None:
    profile, notices = profile_from_query(params, BOOK)
    assert isinstance(profile, Profile)
    assert len(notices) <= MAX_NOTICES


def test_the_link_format_is_compact_and_readable() -> None:
    profile = Profile(
        findings=("seizures", "psychosis"),
        cancers=("sclc",),
        labs=(LabValue(analyte="sodium", value=128, unit="mmol/L"),),
        age_band=AgeBand("40-64"),
        sex=Sex.FEMALE,
    )
    assert profile_to_query(profile) == {
        "f": "psychosis,seizures",
        "c": "sclc",
        "lab": "sodium:128:mmol/L",
        "age": "40-64",
        "sex": "female",
    }
    assert profile_to_query(Profile()) == {}


def test_unknown_ids_bad_numbers_and_units_are_named_in_notices() -> None:
    profile, notices = profile_from_query(
        {
            "f": "seizures,no_such_finding",
            "c": "martian_cancer",
            "lab": "sodium:lots:mmol/L,potassium:4:furlongs,calcium:1e999:mmol/L,glucose",
            "sex": "robot",
            "name": "Jane",
        },
        BOOK,
    )
    assert profile == Profile(findings=("seizures",))
    text = "\n".join(notices)
    for expected in (
        "unknown finding 'no_such_finding'",
        "unknown cancer 'martian_cancer'",
        "'lots' is not a number",
        "'furlongs' is not accepted",
        "'1e999' is not a number",
        "'glucose' is not in the form analyte:value:unit",
        "unknown sex 'robot'",
        "unknown parameter 'name'",
    ):
        assert expected in text


def test_an_impossible_lab_value_is_left_out_with_the_reason() -> None:
    profile, notices = profile_from_query({"lab": "sodium:5000:mmol/L"}, BOOK)
    assert profile.labs == ()
    assert "outside the range a living person can have" in notices[0]


def test_repeated_parameters_and_lab_values_keep_one_with_a_notice() -> None:
    profile, notices = profile_from_query(
        {"f": ["seizures", "psychosis"], "lab": "sodium:128:mmol/L,sodium:140:mmol/L"}, BOOK
    )
    assert profile.findings == ("psychosis",)
    assert profile.labs == (LabValue(analyte="sodium", value=128, unit="mmol/L"),)
    assert any("given 2 times" in n for n in notices)
    assert any("more than once" in n for n in notices)


def test_oversized_values_and_lists_are_capped() -> None:
    _, notices = profile_from_query({"f": "x" * (MAX_VALUE_CHARS + 1)}, BOOK)
    assert notices == [f"'f' is longer than {MAX_VALUE_CHARS:,} characters and was ignored"]
    many = ",".join(["seizures"] * (MAX_LIST_ITEMS + 5))
    profile, notices = profile_from_query({"f": many}, BOOK)
    assert f"only the first {MAX_LIST_ITEMS} were read" in notices[0]
    assert profile.findings == ("seizures",)


def test_a_flood_of_problems_is_summarised_and_quotes_are_shortened() -> None:
    params = {"f": ",".join(f"bad{i}" for i in range(50)), "c": "<script>" + "y" * 100}
    _, notices = profile_from_query(params, BOOK)
    assert len(notices) == MAX_NOTICES
    assert notices[-1] == f"and {51 - MAX_NOTICES + 1} more problems"
    _, notices = profile_from_query({"c": "<script>" + "y" * 100 + "\x00"}, BOOK)
    assert len(notices[0]) < 80
    assert "…" in notices[0]
