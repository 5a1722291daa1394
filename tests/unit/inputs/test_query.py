"""A case as a link: every case the app can make comes back from its own link unchanged, and a
link Streamlit had to drop gets a notice instead of a blank case."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.runtime.state import query_params as streamlit_query_params

from screener.inputs.query import (
    LINK_MAX_CHARS,
    LINK_MAX_PARAMETERS,
    dropped_link_notice,
    profile_from_query,
    profile_to_query,
)
from screener.models import AgeBand, FollowUp, LabValue, Profile, Sex
from screener.rulebook import RuleBook
from tests.support.books import real_book

BOOK = real_book()


def _lab_values(book: RuleBook) -> st.SearchStrategy[LabValue]:
    def for_analyte(analyte_id: str) -> st.SearchStrategy[LabValue]:
        analyte = book.lab_by_id[analyte_id]

        def in_unit(unit: str) -> st.SearchStrategy[LabValue]:
            # The form takes values in any accepted unit; the plausible range is in the main one.
            ends = (
                analyte.from_main_unit(analyte.plausible.low, unit) or 0.0,
                analyte.from_main_unit(analyte.plausible.high, unit) or 0.0,
            )
            low, high = min(ends), max(ends)
            return st.floats(low, high).map(
                lambda v: LabValue(analyte=analyte_id, value=v, unit=unit)
            )

        return st.sampled_from(analyte.units).flatmap(in_unit)

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


def _reopened(profile: Profile) -> tuple[Profile, list[str]]:
    return profile_from_query(profile_to_query(profile), BOOK)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(profiles)
def test_a_profile_survives_the_link_unchanged(profile: Profile) -> None:
    assert _reopened(profile) == (profile, [])


def test_the_biggest_case_the_form_can_make_survives_the_link_unchanged() -> None:
    # Every finding, cancer and antibody, and every lab value at its most digits in its longest
    # unit: far over the old 100-item and 4,000-character caps on the real book.
    labs = []
    for analyte in BOOK.labs:
        unit = max(analyte.units, key=len)
        low = analyte.from_main_unit(analyte.plausible.low, unit) or 0.0
        value = float(f"{low * 1.000000000000001:.16g}")
        labs.append(LabValue(analyte=analyte.id, value=value, unit=unit))
    profile = Profile(
        findings=tuple(BOOK.enterable_findings),
        cancers=tuple(BOOK.cancer_by_id),
        antibodies=tuple(BOOK.antibody_by_id),
        labs=tuple(labs),
        age_band=AgeBand.OLDER,
        sex=Sex.UNSPECIFIED,
        follow_up=FollowUp.TWO_YEARS_OR_MORE,
    )
    assert len(profile.findings) > 100
    assert _reopened(profile) == (profile, [])


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


@pytest.mark.parametrize(
    ("analyte", "written", "value"),
    [
        ("glucose", "5,5", 5.5),
        ("glucose", "5.5", 5.5),
        ("glucose", "12,75", 12.75),
        ("calcium", "2,25", 2.25),
        ("potassium", "−3,5", None),
    ],
)
def test_a_decimal_comma_in_a_link_is_a_decimal_point(
    analyte: str, written: str, value: float | None
) -> None:
    link = {"lab": f"{analyte}:{written}:mmol/L,sodium:140:mmol/L"}
    profile, notices = profile_from_query(link, BOOK)
    values = {lab.analyte: lab.value for lab in profile.labs}
    assert values["sodium"] == 140
    if value is None:
        assert analyte not in values
        assert notices
    else:
        assert (values[analyte], notices) == (value, [])


def test_a_thousands_or_a_decimal_comma_is_asked_about_never_guessed() -> None:
    profile, notices = profile_from_query({"lab": "sodium:1,400:mmol/L"}, BOOK)
    assert profile.labs == ()
    assert notices == [
        "Sodium: '1,400' is unclear: did you mean 1.4 or 1400? (write decimals with a point)"
    ]


def _query_string(fields: int) -> str:
    return urlencode([("f", "seizures"), *(("zz", str(i)) for i in range(fields - 1))])


def _size(query_string: str) -> tuple[int, int]:
    """A query's parameters and characters, as the browser's page measures them."""
    return (query_string.count("&") + 1 if query_string else 0), len(query_string)


def test_a_link_streamlit_drops_gets_a_notice_instead_of_a_blank_case() -> None:
    # Streamlit hands the app no parameters at all for such a link.
    too_many = _query_string(LINK_MAX_PARAMETERS + 1)
    assert streamlit_query_params._parse_query_string(too_many) == {}
    assert dropped_link_notice(*_size(too_many)) == (
        f"the link has {LINK_MAX_PARAMETERS + 1:,} parameters, more than the "
        f"{LINK_MAX_PARAMETERS:,} the app can read, so none of it was read"
    )
    too_long = "f=" + "x" * LINK_MAX_CHARS
    assert streamlit_query_params._parse_query_string(too_long) == {}
    notice = dropped_link_notice(*_size(too_long))
    assert notice is not None and notice.startswith(f"the link is {len(too_long):,} characters")


def test_a_link_streamlit_reads_gets_no_such_notice() -> None:
    fine = _query_string(LINK_MAX_PARAMETERS)
    assert streamlit_query_params._parse_query_string(fine)
    assert dropped_link_notice(*_size(fine)) is None
    assert dropped_link_notice(*_size("")) is None


def test_the_limits_are_streamlits_own() -> None:
    assert LINK_MAX_PARAMETERS == streamlit_query_params.CLIENT_STATE_QUERY_STRING_MAX_FIELDS
    assert LINK_MAX_CHARS == streamlit_query_params.CLIENT_STATE_QUERY_STRING_MAX_LENGTH
