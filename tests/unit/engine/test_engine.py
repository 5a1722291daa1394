"""Screening semantics on the small test rule book: tiers, context, labs, red flags, order."""

from __future__ import annotations

import pytest

from screener.engine import screen
from screener.engine.screen import present_findings
from screener.models import FollowUp, PatternMatch, Profile, ProfileError, Sex, Tier
from screener.present.view import pns_care_view
from screener.rulebook import load_rule_book


def tiers(result):
    return {m.syndrome: m.tier for m in result.matches}


def test_criteria_with_a_typical_cancer_is_strong(mini_book):
    result = screen(Profile(findings=["a", "b", "c"], cancers=["sclc"]), mini_book)
    assert tiers(result) == {"alpha": Tier.STRONG}
    (match,) = result.matches
    assert match.cancer_context[0].link == "typical"
    assert match.missing_findings == ()


def test_criteria_with_a_linked_antibody_is_strong_without_a_cancer(mini_book):
    result = screen(Profile(findings=["a", "b", "c"], antibodies=["hu"]), mini_book)
    assert tiers(result) == {"alpha": Tier.STRONG}
    assert result.matches[0].antibody_context == ("hu",)


@pytest.mark.parametrize("cancers", [[], ["breast_cancer"]])
def test_criteria_without_typical_context_is_partial(mini_book, cancers):
    result = screen(Profile(findings=["a", "b", "c"], cancers=cancers), mini_book)
    assert tiers(result) == {"alpha": Tier.PARTIAL}


def test_more_than_half_of_the_criteria_is_partial_and_says_what_is_missing(mini_book):
    result = screen(Profile(findings=["a", "b"]), mini_book)
    (match,) = result.matches
    assert match.tier == Tier.PARTIAL and not match.trace.met
    assert match.missing_findings == ("c",)


def test_half_or_less_of_the_criteria_is_not_shown(mini_book):
    assert screen(Profile(findings=["b", "c"]), mini_book).matches == ()


def test_non_specific_findings_alone_never_show_a_pattern(mini_book):
    result = screen(Profile(findings=["tired", "weight_loss"], cancers=["nsclc"]), mini_book)
    assert result.no_pattern
    assert [a.syndrome for a in result.associations] == ["gamma"]


def test_an_excluding_finding_removes_the_pattern(mini_book):
    assert "beta" in tiers(screen(Profile(findings=["low_sodium", "e"]), mini_book))
    assert "beta" not in tiers(screen(Profile(findings=["low_sodium", "e", "excl"]), mini_book))


def test_supporting_findings_add_ordering_points(mini_book):
    plain = screen(Profile(findings=["a", "b", "c"]), mini_book).matches[0]
    supported = screen(Profile(findings=["a", "b", "c", "e"]), mini_book).matches[0]
    assert supported.score == plain.score + 1
    assert supported.supporting_present == ("e",)
    assert any(item.kind == "supporting" for item in supported.score_items)


def test_strong_patterns_come_before_partial_ones_then_by_score(mini_book):
    profile = Profile(findings=["a", "b", "c", "low_sodium", "e"], cancers=["breast_cancer"])
    result = screen(profile, mini_book)
    assert [m.syndrome for m in result.matches] == ["alpha", "beta"]
    strong = screen(profile.model_copy(update={"cancers": ("sclc",)}), mini_book)
    assert [m.tier for m in strong.matches] == [Tier.STRONG, Tier.STRONG]


def test_associations_list_what_the_cancer_links_to_when_the_pattern_is_absent(mini_book):
    result = screen(Profile(cancers=["sclc"]), mini_book)
    assert result.no_pattern
    assert [a.syndrome for a in result.associations] == ["alpha", "beta"]
    assert result.associations[0].via_cancers[0].cancer == "sclc"


def test_no_pattern_result_is_explicit(mini_book):
    result = screen(Profile(findings=["d"]), mini_book)
    assert result.no_pattern and not result.urgent and result.associations == ()


def test_red_flag_raises_urgency_whatever_the_patterns(mini_book):
    result = screen(Profile(findings=["breathless"]), mini_book)
    assert result.urgent and result.no_pattern
    (flag,) = result.red_flags
    assert flag.red_flag == "breathing" and flag.findings == ("breathless",)
    assert flag.text == "Call the emergency number now. Breathing trouble is an emergency."


def test_lab_values_become_findings_in_either_unit(mini_book):
    si = screen(Profile(labs=[{"analyte": "calcium", "value": 3.1, "unit": "mmol/L"}]), mini_book)
    conventional = screen(
        Profile(labs=[{"analyte": "calcium", "value": 12.4, "unit": "mg/dL"}]), mini_book
    )
    for result in (si, conventional):
        (reading,) = result.labs
        (crossing,) = reading.crossed
        assert crossing.finding == "high_calcium"
        assert (crossing.side, crossing.bound) == ("above", 2.6)
    assert conventional.labs[0].value_in_main_unit == pytest.approx(3.1)


def test_every_lab_reading_is_kept_even_when_it_crosses_nothing(mini_book):
    normal = Profile(labs=[{"analyte": "sodium", "value": 140, "unit": "mmol/L"}])
    result = screen(normal, mini_book)
    (reading,) = result.labs
    assert reading.crossed == () and reading.value_in_main_unit == 140


def test_lab_value_thresholds_combine_with_findings_and_red_flags(mini_book):
    profile = Profile(findings=["b"], labs=[{"analyte": "sodium", "value": 120, "unit": "mEq/L"}])
    result = screen(profile, mini_book)
    assert result.lab_findings == {"low_sodium", "very_low_sodium"}
    assert [f.red_flag for f in result.red_flags] == ["sodium_with_b"]


@pytest.mark.parametrize(
    ("sex", "value", "high"),
    [(Sex.MALE, 163, False), (Sex.FEMALE, 163, True), (None, 163, True), (Sex.MALE, 170, True)],
)
def test_sex_specific_thresholds(mini_book, sex, value, high):
    profile = Profile(sex=sex, labs=[{"analyte": "haemoglobin", "value": value, "unit": "g/L"}])
    found = screen(profile, mini_book).lab_findings
    assert ("high_haemoglobin" in found) is high


@pytest.mark.parametrize(
    ("lab", "message"),
    [
        (
            {"analyte": "calcium", "value": 12, "unit": "mmol/L"},
            "Calcium 12 mmol/L is outside the range a living person can have (0.5–6 mmol/L); "
            "was it measured in mg/dL?",
        ),
        ({"analyte": "sodium", "value": -5, "unit": "mmol/L"}, "Sodium -5 mmol/L is outside"),
        (
            {"analyte": "sodium", "value": 140, "unit": "g/L"},
            "Sodium: the unit 'g/L' is not accepted; use one of mmol/L, mEq/L",
        ),
        ({"analyte": "glucose", "value": 5, "unit": "mmol/L"}, "unknown lab analyte 'glucose'"),
    ],
)
def test_impossible_lab_values_are_refused_with_a_clear_message(mini_book, lab, message):
    with pytest.raises(ProfileError) as caught:
        screen(Profile(labs=[lab]), mini_book)
    assert caught.value.problems[0].startswith(message)


def test_not_a_number_is_refused_by_the_profile_itself():
    with pytest.raises(ValueError, match="finite number"):
        Profile(labs=[{"analyte": "sodium", "value": float("nan"), "unit": "mmol/L"}])


def test_unknown_ids_are_refused_by_name(mini_book):
    with pytest.raises(ProfileError) as caught:
        screen(Profile(findings=["zzz"], cancers=["qqq"]), mini_book)
    assert caught.value.problems == ("unknown finding 'zzz'", "unknown cancer 'qqq'")


def test_profile_is_the_same_in_any_order():
    assert Profile(findings=["b", "a", "a"]) == Profile(findings=["a", "b"])


@pytest.mark.parametrize(
    ("antibodies", "cancers", "follow_up", "total", "level"),
    [
        (["hu"], ["sclc"], None, 10, "Definite PNS"),
        (["hu"], [], FollowUp.UNDER_2_YEARS, 7, "Probable PNS"),
        (["hu"], [], FollowUp.TWO_YEARS_OR_MORE, 6, "Probable PNS"),
        ([], ["sclc"], FollowUp.UNDER_2_YEARS, 7, "Probable PNS"),
        ([], [], FollowUp.TWO_YEARS_OR_MORE, 3, "Non-PNS"),
    ],
)
def test_pns_care_breakdown_is_attached_to_scored_neurologic_patterns(
    mini_book, antibodies, cancers, follow_up, total, level
):
    profile = Profile(
        findings=["a", "b", "c"], antibodies=antibodies, cancers=cancers, follow_up=follow_up
    )
    match = next(m for m in screen(profile, mini_book).matches if m.syndrome == "alpha")
    assert match.pns_care is not None
    reached = mini_book.pns_care.levels[match.pns_care.level].name
    assert (match.pns_care.total, reached) == (total, level)
    assert [i.level for i in match.pns_care.items] == ["clinical", "antibody", "cancer"]


def test_no_pns_care_without_antibody_cancer_or_follow_up(mini_book):
    match = screen(Profile(findings=["a", "b", "c"]), mini_book).matches[0]
    assert match.pns_care is None


def test_a_known_cancer_alone_draws_the_pns_care_panel(mini_book):
    # Addendum 2, C: with a fitting cancer the follow-up no longer matters, so the score can be
    # read (LEMS with SCLC and no antibody, opsoclonus-myoclonus with neuroblastoma...).
    match = screen(Profile(findings=["a", "b", "c"], cancers=["sclc"]), mini_book).matches[0]
    assert match.pns_care is not None
    assert [i.points for i in match.pns_care.items if i.level == "cancer"] == [4]


def test_result_carries_the_rule_book_stamp(mini_book):
    stamp = screen(Profile(), mini_book).book
    assert stamp.version == mini_book.info.version
    assert stamp.content_hash == mini_book.content_hash


# --- Specificity: what makes a pattern strong, and what holds it back (issue 10) ---------------


def test_a_lower_risk_antibody_is_shown_but_lifts_nothing(mini_book):
    (match,) = screen(Profile(findings=["a", "b", "c"], antibodies=["lgi1"]), mini_book).matches
    assert match.tier == Tier.PARTIAL
    assert match.antibody_context == () and match.lower_risk_antibodies == ("lgi1",)
    assert not any(item.kind == "antibody" for item in match.score_items)


def test_a_high_risk_antibody_lifts_the_pattern(mini_book):
    (match,) = screen(Profile(findings=["a", "b", "c"], antibodies=["sox1"]), mini_book).matches
    assert match.tier == Tier.STRONG and match.antibody_context == ("sox1",)


@pytest.mark.parametrize(
    "clue",
    [{"findings": ["exposure_x"]}, {"cancers": ["mesothelioma"]}],
    ids=["exposure", "cancer"],
)
def test_a_mimics_clue_caps_the_tier_and_names_the_mimic(mini_book, clue):
    findings = ["a", "b", "c", *clue.get("findings", [])]
    cancers = ["sclc", *clue.get("cancers", [])]
    (match,) = screen(Profile(findings=findings, cancers=cancers), mini_book).matches
    assert match.tier == Tier.PARTIAL
    assert match.mimics_first == ("look_alike",)


def test_without_its_key_an_incomplete_pattern_is_not_shown(mini_book):
    # Two of the three parts of gamma hold, but not its key finding D.
    assert "gamma" not in tiers(screen(Profile(findings=["tired", "b"]), mini_book))
    assert screen(Profile(findings=["b", "c", "e"]), mini_book).matches == ()
    assert "alpha" in tiers(screen(Profile(findings=["a", "b"]), mini_book))


# --- The key guards every card (issue 21, addendum 2 B13) ---------------------------------------


def _delta(profile: Profile, book) -> PatternMatch | None:
    return next((m for m in screen(profile, book).matches if m.syndrome == "delta"), None)


def test_complete_criteria_without_the_key_show_no_card(mini_book):
    assert _delta(Profile(findings=["f", "g"]), mini_book) is None
    with_key = _delta(Profile(findings=["f", "g", "h"]), mini_book)
    assert with_key is not None and with_key.tier == Tier.PARTIAL


def test_with_a_typical_cancer_a_pattern_without_its_key_is_listed_lower(mini_book):
    result = screen(
        Profile(findings=["a", "b", "c", "f", "g"], cancers=["ovarian_cancer"]), mini_book
    )
    assert [(m.syndrome, m.tier) for m in result.matches] == [
        ("alpha", Tier.PARTIAL),
        ("delta", Tier.KEY_MISSING),
    ]
    delta = result.matches[1]
    assert delta.key_completion == ("h",) and delta.pns_care is None


def test_a_reported_cancer_does_not_list_a_pattern_without_its_key(mini_book):
    assert _delta(Profile(findings=["f", "g"], cancers=["breast_cancer"]), mini_book) is None


def test_a_linked_high_risk_antibody_counts_as_the_key(mini_book):
    match = _delta(Profile(findings=["f", "g"], antibodies=["yo"]), mini_book)
    assert match is not None and match.tier == Tier.STRONG and match.key_met
    # A lower-risk antibody is not the specific part: still nothing without the key.
    assert _delta(Profile(findings=["f", "g"], antibodies=["gad65"]), mini_book) is None


def test_context_findings_are_set_from_cancers_and_antibodies(mini_book):
    present = present_findings(Profile(cancers=["apl"], antibodies=["ri"]), frozenset(), mini_book)
    assert {"cancer_known", "acute_leukaemia_known", "ri_found"} <= present
    assert "acute_leukaemia_known" not in present_findings(
        Profile(cancers=["cll"]), frozenset(), mini_book
    )


def test_the_pns_care_score_waits_for_complete_criteria(mini_book):
    near = screen(Profile(findings=["a", "b"], antibodies=["hu"]), mini_book).matches[0]
    assert not near.trace.met and near.pns_care is None
    full = screen(Profile(findings=["a", "b", "c"], antibodies=["hu"]), mini_book).matches[0]
    assert full.pns_care is not None and full.pns_care.total == 3 + 3 + 1


def test_a_mimic_first_is_said_with_the_pns_care_score(mini_book):
    profile = Profile(findings=["a", "b", "c", "exposure_x"], antibodies=["hu"])
    (match,) = screen(profile, mini_book).matches
    assert match.pns_care is not None and match.pns_care.mimics_first == ("look_alike",)
    words = pns_care_view(match.pns_care, mini_book)
    assert "A look-alike caused by exposure X" in (words.caveat or "")


def test_red_flags_carry_their_urgency_and_the_most_urgent_leads(mini_book):
    week = screen(Profile(findings=["c"]), mini_book)
    assert [hit.urgency.value for hit in week.red_flags] == ["this_week"]
    assert week.urgency is not None and week.urgency.value == "this_week"
    both = screen(Profile(findings=["c", "breathless"]), mini_book)
    assert [hit.red_flag for hit in both.red_flags] == ["breathing", "c_alone"]
    assert both.urgency is not None and both.urgency.value == "now"
    assert screen(Profile(findings=["a"]), mini_book).urgency is None


def test_a_known_cancer_is_a_finding_the_screener_sets_itself(mini_book):
    assert "d_with_cancer" not in {
        h.red_flag for h in screen(Profile(findings=["d"]), mini_book).red_flags
    }
    with_cancer = screen(Profile(findings=["d"], cancers=["breast_cancer"]), mini_book)
    assert "d_with_cancer" in {h.red_flag for h in with_cancer.red_flags}
    with pytest.raises(ProfileError, match="set by the screener"):
        screen(Profile(findings=["cancer_known"]), mini_book)


@pytest.mark.parametrize(
    ("side", "value", "crossed"),
    [
        ("at_or_above", 6.5, True),
        ("above", 6.5, False),
        ("at_or_below", 6.5, True),
        ("below", 6.5, False),
    ],
)
def test_threshold_sides_include_or_exclude_the_cut_off(side, value, crossed):
    from screener.models import LabThreshold

    threshold = LabThreshold.model_validate({"finding": "x", side: 6.5})
    assert threshold.crossed_by(value) is crossed


def test_a_less_urgent_flag_covered_by_a_more_urgent_one_is_not_repeated(mini_book):
    # "c" alone raises a this-week flag; with "breathless" the emergency flag leads, and the
    # this-week flag stays because its finding is not the emergency's.
    both = screen(Profile(findings=["c", "breathless"]), mini_book)
    assert [hit.red_flag for hit in both.red_flags] == ["breathing", "c_alone"]


# Flags that share what they rest on with a more urgent one, added to a copy of the small book.
COVERED_FLAGS = """
- id: d_with_b
  urgency: now
  when:
    all_of: [d, b]
  text: D with B is an emergency.
- id: low_sodium_with_b
  urgency: today
  when:
    all_of: [low_sodium, b]
  text: A low sodium with B needs a same-day assessment.
- id: leukaemia_alone
  urgency: this_week
  when: acute_leukaemia_known
  text: An acute leukaemia needs its team within days.
"""


@pytest.fixture
def covered_book(mini_rules_dir):
    flags = mini_rules_dir / "red_flags.yaml"
    flags.write_text(flags.read_text() + COVERED_FLAGS, encoding="utf-8")
    return load_rule_book(mini_rules_dir)


def test_a_known_cancer_does_not_keep_a_covered_flag_in_the_banner(covered_book):
    # Issue 21 (C): "D in someone with cancer" (today) rests on D, which the emergency names;
    # the known cancer, a finding the screener sets itself, must not make it look different.
    profile = Profile(findings=["d", "b"], cancers=["breast_cancer"])
    assert [hit.red_flag for hit in screen(profile, covered_book).red_flags] == ["d_with_b"]
    alone = screen(Profile(findings=["d"], cancers=["breast_cancer"]), covered_book)
    assert [hit.red_flag for hit in alone.red_flags] == ["d_with_cancer"]


def test_the_findings_one_lab_value_crosses_are_one_fact(covered_book):
    # Issue 21 (C): sodium 120 is both "low" and "very low"; the same-day flag on the low
    # sodium with B says nothing the emergency on the very low sodium with B does not.
    profile = Profile(findings=["b"], labs=[{"analyte": "sodium", "value": 120, "unit": "mmol/L"}])
    assert [hit.red_flag for hit in screen(profile, covered_book).red_flags] == ["sodium_with_b"]
    milder = Profile(findings=["b"], labs=[{"analyte": "sodium", "value": 130, "unit": "mmol/L"}])
    assert [h.red_flag for h in screen(milder, covered_book).red_flags] == ["low_sodium_with_b"]


def test_a_flag_resting_on_the_setting_alone_is_kept(covered_book):
    profile = Profile(findings=["breathless"], cancers=["aml"])
    assert [h.red_flag for h in screen(profile, covered_book).red_flags] == [
        "breathing",
        "leukaemia_alone",
    ]


def test_the_real_book_does_not_repeat_a_sodium_emergency_at_lower_urgencies(book):
    profile = Profile(
        findings=["confusion"], labs=[{"analyte": "sodium", "value": 118, "unit": "mmol/L"}]
    )
    hits = screen(profile, book).red_flags
    assert hits[0].urgency.value == "now"
    covered = set(hits[0].findings)
    assert not [h.red_flag for h in hits[1:] if set(h.findings) <= covered]


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("x10^9/L", "×10⁹/L"),
        ("10^9/L", "×10⁹/L"),
        ("X10^9/l", "×10⁹/L"),
        ("/uL", "/µL"),
        ("/μL", "/µL"),
        ("×10⁹/L", "×10⁹/L"),
    ],
)
def test_ascii_spellings_of_a_unit_are_read_as_the_rule_books_own(book, typed, spelled):
    from screener.rulebook.labs import with_canonical_units

    profile = Profile(labs=[{"analyte": "platelets", "value": 450, "unit": typed}])
    if typed.endswith("uL") or typed.endswith("μL"):
        profile = Profile(labs=[{"analyte": "platelets", "value": 450_000, "unit": typed}])
    (lab,) = with_canonical_units(profile, book).labs
    assert lab.unit == spelled
    assert "high_platelets" in screen(with_canonical_units(profile, book), book).lab_findings


def test_an_unknown_unit_is_still_refused_by_name(book):
    from screener.rulebook.labs import with_canonical_units

    profile = Profile(labs=[{"analyte": "platelets", "value": 450, "unit": "stones"}])
    with pytest.raises(ProfileError, match="the unit 'stones' is not accepted"):
        screen(with_canonical_units(profile, book), book)


# --- Age band and sex mean something (issue 21) ------------------------------------------------


@pytest.mark.parametrize(
    ("profile", "notices"),
    [
        (Profile(cancers=["ovarian_cancer"], sex=Sex.MALE), [("cancer", "ovarian_cancer", "sex")]),
        (
            Profile(cancers=["prostate_cancer"], sex=Sex.FEMALE),
            [("cancer", "prostate_cancer", "sex")],
        ),
        (
            Profile(findings=["child_stops_walking"], age_band="65+"),
            [("finding", "child_stops_walking", "age_band")],
        ),
        (Profile(cancers=["ovarian_cancer"], sex=Sex.UNSPECIFIED), []),
        (Profile(cancers=["ovarian_cancer"], sex=Sex.FEMALE), []),
        (Profile(findings=["child_stops_walking"], age_band="0-17"), []),
        (Profile(findings=["child_stops_walking"]), []),
    ],
)
def test_an_entry_that_cannot_fit_the_sex_or_age_band_gets_a_notice(book, profile, notices):
    found = [(n.kind, n.item, n.entered) for n in screen(profile, book).fit_notices]
    assert found == notices
