"""Properties of screening over any input the rule book allows (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.engine import screen
from screener.models import (
    AgeBand,
    Criterion,
    FollowUp,
    LabValue,
    NoneOf,
    Profile,
    Sex,
    criterion_findings,
    walk,
)
from screener.rulebook import DEFAULT_RULES_DIR, load_rule_book
from screener.rulebook.labs import check_lab_value
from tests.support.books import real_book

BOOK = real_book()
FINDINGS = sorted(BOOK.enterable_findings)


def _lab(analyte) -> st.SearchStrategy[LabValue]:
    return st.builds(
        LabValue,
        analyte=st.just(analyte.id),
        unit=st.sampled_from(analyte.units),
        value=st.floats(analyte.plausible.low, analyte.plausible.high).map(lambda v: round(v, 2)),
    )


def _valid_labs(labs: list[LabValue]) -> list[LabValue]:
    # Keep one value per analyte, and only values plausible in the unit drawn.
    unique = {lab.analyte: lab for lab in labs}
    return [lab for lab in unique.values() if check_lab_value(lab, BOOK) is None]


profiles = st.builds(
    Profile,
    findings=st.lists(st.sampled_from(FINDINGS), max_size=12),
    cancers=st.lists(st.sampled_from(sorted(BOOK.cancer_by_id)), max_size=2),
    antibodies=st.lists(st.sampled_from(sorted(BOOK.antibody_by_id)), max_size=2),
    labs=st.lists(st.one_of([_lab(a) for a in BOOK.labs]), max_size=3).map(_valid_labs),
    age_band=st.none() | st.sampled_from(AgeBand),
    sex=st.none() | st.sampled_from(Sex),
    follow_up=st.none() | st.sampled_from(FollowUp),
)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(profiles)
def test_any_profile_screens_without_error_and_ranks_consistently(profile):
    result = screen(profile, BOOK)
    assert result.no_pattern == (not result.matches)
    keys = [(m.tier.rank, -m.score) for m in result.matches]
    assert keys == sorted(keys)
    shown = {m.syndrome for m in result.matches}
    assert not shown & {a.syndrome for a in result.associations}


@FAST
@given(profiles, st.randoms())
def test_same_input_same_output_in_any_order(profile, rng):
    shuffled = list(profile.findings)
    rng.shuffle(shuffled)
    again = Profile.model_validate({**profile.model_dump(), "findings": shuffled})
    assert screen(profile, BOOK) == screen(again, BOOK)


def _excluded_by_none_of(criterion: Criterion | None, finding: str) -> bool:
    return criterion is not None and any(
        finding in criterion_findings(node)
        for _, _, node in walk(criterion)
        if isinstance(node, NoneOf)
    )


def _suggests_a_mimic(syndrome_id: str, finding: str) -> bool:
    return any(finding in BOOK.mimic_findings[m] for m in BOOK.syndrome_by_id[syndrome_id].mimics)


@FAST
@given(profiles, st.sampled_from(FINDINGS))
def test_adding_a_finding_never_removes_a_match_unless_it_excludes(profile, finding):
    """Only an exclusion can remove a pattern, and only a mimic's clue can hold one back."""
    before = {m.syndrome: m for m in screen(profile, BOOK).matches}
    grown = profile.model_copy(update={"findings": (*profile.findings, finding)})
    after = {
        m.syndrome: m for m in screen(Profile.model_validate(grown.model_dump()), BOOK).matches
    }
    for syndrome_id, match in before.items():
        syndrome = BOOK.syndrome_by_id[syndrome_id]
        if _excluded_by_none_of(syndrome.criteria, finding) or _excluded_by_none_of(
            syndrome.key, finding
        ):
            continue
        assert syndrome_id in after
        if match.tier == "strong" and not _suggests_a_mimic(syndrome_id, finding):
            assert after[syndrome_id].tier == "strong"


@FAST
@given(st.lists(st.sampled_from([f for f in FINDINGS if BOOK.findings[f].nonspecific])))
def test_non_specific_findings_alone_never_show_a_pattern(findings):
    cancers = sorted(BOOK.cancer_by_id)
    assert screen(Profile(findings=findings, cancers=cancers), BOOK).matches == ()


def test_the_rule_book_loads_the_same_twice():
    assert load_rule_book(DEFAULT_RULES_DIR) == BOOK
