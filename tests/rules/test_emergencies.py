"""The emergencies of issue 21 (addendum 2, B4, B10, C): each raises its banner at its level.

One profile per emergency, asserting the most urgent level and the flag that says it; where a
flag must not be repeated under a more urgent one, the exact banner. Then the wording every
level's text leads with. That the banner reaches the app, the PDF, the text report and the JSON
is `tests/app/test_emergency_banner.py`.
"""

from __future__ import annotations

import pytest

from screener.engine import screen
from screener.models import LabValue, Profile, Urgency


def lab(analyte: str, value: float, unit: str) -> LabValue:
    return LabValue(analyte=analyte, value=value, unit=unit)


PLATELETS = "×10⁹/L"
APL_DIC = [
    lab("platelets", 25, PLATELETS),
    lab("fibrinogen", 0.8, "g/L"),
    lab("pt", 19.5, "s"),
    lab("d_dimer", 8, "mg/L FEU"),
]
CHECKPOINT = "checkpoint_inhibitor"

EMERGENCIES = [
    # (what, profile fields, most urgent level or None, the flag that must say it)
    # B4: fever in an acute leukaemia is neutropenic until shown otherwise, with no counts.
    (
        "fever in AML",
        {"findings": ["fever"], "cancers": ["aml"]},
        "now",
        "fever_in_acute_leukaemia",
    ),
    (
        "fever in APL",
        {"findings": ["fever"], "cancers": ["apl"]},
        "now",
        "fever_in_acute_leukaemia",
    ),
    (
        "fever in acute lymphoblastic leukaemia",
        {"findings": ["fever"], "cancers": ["all_leukaemia"]},
        "now",
        "fever_in_acute_leukaemia",
    ),
    (
        "white count 150 in acute lymphoblastic leukaemia",
        {"cancers": ["all_leukaemia"], "labs": [lab("white_cells", 150, PLATELETS)]},
        "now",
        "hyperleukocytosis_in_acute_leukaemia",
    ),
    (
        "fever with blasts on the film",
        {"findings": ["fever", "blasts_on_blood_film"]},
        "now",
        "fever_in_acute_leukaemia",
    ),
    (
        "fever with painful plaques in AML",
        {"findings": ["fever", "painful_red_plaques"], "cancers": ["aml"]},
        "now",
        "fever_in_acute_leukaemia",
    ),
    # B4: APL with any one DIC test, or the whole picture, before any bleeding.
    ("APL, platelets 25", {"cancers": ["apl"], "labs": [APL_DIC[0]]}, "now", "apl_coagulopathy"),
    ("APL, fibrinogen 0.8", {"cancers": ["apl"], "labs": [APL_DIC[1]]}, "now", "apl_coagulopathy"),
    ("APL, PT 19.5 s", {"cancers": ["apl"], "labs": [APL_DIC[2]]}, "now", "apl_coagulopathy"),
    ("APL, D-dimer 8", {"cancers": ["apl"], "labs": [APL_DIC[3]]}, "now", "apl_coagulopathy"),
    ("APL, the DIC picture", {"cancers": ["apl"], "labs": APL_DIC}, "now", "apl_coagulopathy"),
    # B4: hyperleukocytosis.
    (
        "white count 150 alone",
        {"labs": [lab("white_cells", 150, PLATELETS)]},
        "today",
        "very_high_white_count",
    ),
    (
        "white count 150 in AML",
        {"cancers": ["aml"], "labs": [lab("white_cells", 150, PLATELETS)]},
        "now",
        "hyperleukocytosis_in_acute_leukaemia",
    ),
    (
        "white count 150 with blasts",
        {"findings": ["blasts_on_blood_film"], "labs": [lab("white_cells", 150, PLATELETS)]},
        "now",
        "hyperleukocytosis_in_acute_leukaemia",
    ),
    # B4: platelets below 20 alone.
    ("platelets 8", {"labs": [lab("platelets", 8, PLATELETS)]}, "today", "very_low_platelets"),
    ("platelets 18", {"labs": [lab("platelets", 18, PLATELETS)]}, "today", "very_low_platelets"),
    # B4: spontaneous bleeding with a cancer or easy bruising, no labs.
    (
        "bleeding gums in prostate cancer",
        {"findings": ["gum_bleeding"], "cancers": ["prostate_cancer"]},
        "today",
        "spontaneous_bleeding",
    ),
    (
        "nosebleeds with easy bruising",
        {"findings": ["nosebleeds", "easy_bruising"]},
        "today",
        "spontaneous_bleeding",
    ),
    (
        "blood in the urine in breast cancer",
        {"findings": ["blood_in_urine"], "cancers": ["breast_cancer"]},
        "today",
        "spontaneous_bleeding",
    ),
    (
        "oozing from a drip site in lymphoma",
        {"findings": ["oozing_from_wounds"], "cancers": ["non_hodgkin_lymphoma"]},
        "today",
        "spontaneous_bleeding",
    ),
    # B10: a checkpoint inhibitor with a sign of myasthenia or myositis; now with swallowing or
    # breathing trouble.
    *[
        (
            f"checkpoint inhibitor with {sign}",
            {"findings": [CHECKPOINT, sign]},
            "today",
            "checkpoint_nerve_or_muscle_inflammation",
        )
        for sign in (
            "ptosis",
            "double_vision",
            "fatigable_weakness",
            "proximal_leg_weakness",
            "proximal_arm_weakness",
            "high_ck",
        )
    ],
    *[
        (
            f"checkpoint inhibitor with ptosis and {trouble}",
            {"findings": [CHECKPOINT, "ptosis", trouble]},
            "now",
            "checkpoint_nerve_or_muscle_crisis",
        )
        for trouble in ("difficulty_swallowing", "breathless_on_exertion", "hypoventilation")
    ],
    # B10: the neutropenic-fever flag follows the neutrophils, not a mild leucopenia.
    (
        "fever with a white count of 3.8 after a virus",
        {"findings": ["fever", "flu_like_prodrome"], "labs": [lab("white_cells", 3.8, PLATELETS)]},
        None,
        None,
    ),
    (
        "fever with neutrophils 0.8",
        {"findings": ["fever"], "labs": [lab("neutrophils", 0.8, PLATELETS)]},
        "now",
        "fever_with_low_neutrophils",
    ),
    (
        "fever with a white count of 0.8",
        {"findings": ["fever"], "labs": [lab("white_cells", 0.8, PLATELETS)]},
        "now",
        "fever_with_low_neutrophils",
    ),
    # The adrenal_insufficiency mimic before any cortisol result (adrenal metastases, say).
    (
        "low blood pressure, vomiting and darker skin in lung cancer",
        {"findings": ["low_blood_pressure", "vomiting", "skin_darkening"], "cancers": ["nsclc"]},
        "now",
        "adrenal_crisis",
    ),
    (
        "low blood pressure and vomiting, sodium 128, potassium 5.6",
        {
            "findings": ["low_blood_pressure", "vomiting"],
            "labs": [lab("sodium", 128, "mmol/L"), lab("potassium", 5.6, "mmol/L")],
        },
        "now",
        "adrenal_crisis",
    ),
    # The post-viral ataxia look-alike's same-day presentation: a toddler who stops walking.
    (
        "a toddler stops walking",
        {"findings": ["child_stops_walking"], "age_band": "0-17"},
        "today",
        "young_child_stops_walking",
    ),
    # C: asymptomatic calcium 3.0-3.5 in cancer is within days (RCEM: monitor, fluids, repeat).
    (
        "calcium 3.2 in breast cancer",
        {"cancers": ["breast_cancer"], "labs": [lab("calcium", 3.2, "mmol/L")]},
        "this_week",
        "hypercalcaemia_in_cancer",
    ),
    ("calcium 3.2 without a cancer", {"labs": [lab("calcium", 3.2, "mmol/L")]}, None, None),
    # C: moderate hyperkalaemia, a haemoglobin above 200, fainting in cancer, raised pressure
    # without a cancer, widespread skin loss.
    (
        "potassium 6.2",
        {"labs": [lab("potassium", 6.2, "mmol/L")]},
        "today",
        "moderate_hyperkalaemia",
    ),
    (
        "haemoglobin 210 with headache",
        {"findings": ["headache"], "labs": [lab("haemoglobin", 210, "g/L")]},
        "now",
        "hyperviscosity",
    ),
    (
        "fainting in lung cancer",
        {"findings": ["fainting"], "cancers": ["nsclc"]},
        "today",
        "fainting_with_cancer",
    ),
    ("fainting without a cancer", {"findings": ["fainting"]}, None, None),
    (
        "morning headache with vomiting, no cancer",
        {"findings": ["headache_worse_lying_morning", "vomiting"]},
        "today",
        "morning_headache_with_vomiting",
    ),
    # Tetanus, the stiff-person look-alike: a locked jaw with spasms now, a locked jaw alone today.
    (
        "a locked jaw with triggered spasms",
        {"findings": ["trismus", "triggered_painful_spasms"]},
        "now",
        "possible_tetanus",
    ),
    ("a new locked jaw", {"findings": ["trismus"]}, "today", "new_locked_jaw"),
    (
        "rigidity and fever on an antipsychotic",
        {"findings": ["antipsychotic_medicine", "fever", "rigidity"]},
        "now",
        "antipsychotic_reaction",
    ),
    (
        "skin coming away in sheets",
        {"findings": ["widespread_skin_loss"]},
        "now",
        "skin_coming_away_in_sheets",
    ),
]


@pytest.mark.parametrize(
    ("what", "fields", "urgency", "flag"), EMERGENCIES, ids=[e[0] for e in EMERGENCIES]
)
def test_each_emergency_raises_its_banner_at_its_level(book, what, fields, urgency, flag):
    result = screen(Profile(**fields), book)
    raised = [(h.red_flag, h.urgency.value) for h in result.red_flags]
    assert (result.urgency.value if result.urgency else None) == urgency, (what, raised)
    if flag:
        assert (flag, urgency) in raised, (what, raised)


def test_the_bruising_case_raises_its_banner_at_presentation(book):
    # Addendum 2, G: bleeding gums and large bruises in spread prostate cancer, before any count.
    case = next(c for c in book.cases if c.id == "case_bruising_with_spread_prostate_cancer")
    result = screen(case.stage_profiles[0], book)
    assert result.urgency == Urgency.TODAY
    assert "spontaneous_bleeding" in {h.red_flag for h in result.red_flags}


NOT_REPEATED = [
    # (what, profile fields, the whole banner, most urgent first)
    (
        "new back pain and weak legs in prostate cancer",
        {"findings": ["new_back_pain", "new_leg_weakness"], "cancers": ["prostate_cancer"]},
        ["spinal_cord_compression"],
    ),
    (
        "potassium 2.3 with palpitations",
        {"findings": ["palpitations"], "labs": [lab("potassium", 2.3, "mmol/L")]},
        ["severe_hypokalaemia"],
    ),
    ("potassium 6.8", {"labs": [lab("potassium", 6.8, "mmol/L")]}, ["severe_hyperkalaemia"]),
    (
        "calcium 3.2 with thirst in breast cancer",
        {
            "findings": ["excessive_thirst"],
            "cancers": ["breast_cancer"],
            "labs": [lab("calcium", 3.2, "mmol/L")],
        },
        ["symptomatic_hypercalcaemia"],
    ),
    (
        "APL with the DIC picture",
        {"cancers": ["apl"], "labs": APL_DIC},
        ["apl_coagulopathy"],
    ),
    (
        "white count 150 in AML",
        {"cancers": ["aml"], "labs": [lab("white_cells", 150, PLATELETS)]},
        ["hyperleukocytosis_in_acute_leukaemia"],
    ),
    (
        "checkpoint inhibitor, ptosis and trouble swallowing",
        {"findings": [CHECKPOINT, "ptosis", "difficulty_swallowing"]},
        ["checkpoint_nerve_or_muscle_crisis"],
    ),
    (
        "skin coming away in sheets with mouth sores",
        {"findings": ["widespread_skin_loss", "skin_blisters", "painful_mouth_sores"]},
        ["skin_coming_away_in_sheets"],
    ),
]


@pytest.mark.parametrize(
    ("what", "fields", "banner"), NOT_REPEATED, ids=[n[0] for n in NOT_REPEATED]
)
def test_a_flag_covered_by_a_more_urgent_one_is_not_repeated(book, what, fields, banner):
    # Issue 21 (C): the cosmetic repeats. The known cancer is the setting, not a reason; the
    # findings one lab value crosses are one fact; a ladder's lower rungs step aside.
    assert [h.red_flag for h in screen(Profile(**fields), book).red_flags] == banner
