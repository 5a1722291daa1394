"""Specificity of the rule book (issue 10): what a rule example or a mimic case cannot say.

Rule examples test one syndrome's tier and mimic cases test whole presentations. These tests
cover the rest: the words a learner types (synonyms must not route ordinary states into
emergency or syndrome-specific findings), every red flag's trigger and urgency, the wording of
same-day flags, lab unit conversions, PNS-Care by presenting phenotype, and the rule book's
own hygiene (every syndrome has a key, ids are not shared between kinds).
"""

from __future__ import annotations

import pytest

from screener.engine import screen
from screener.models import LabValue, Profile
from tests.support.books import found_ids, real_book

# --- What a learner types ----------------------------------------------------------------------

ROUTED_ELSEWHERE = [
    # (what a learner types, finding it must NOT reach, finding it should reach instead)
    ("epilepsy", "seizures", None),
    ("racing heart", "autonomic_instability", "palpitations"),
    ("breathlessness", "difficulty_breathing", "breathless_on_exertion"),
    ("shortness of breath", "difficulty_breathing", "breathless_on_exertion"),
    ("slurred speech", "stroke_signs", "slurred_speech"),
    ("muscle spasms", "triggered_painful_spasms", "muscle_cramps"),
    ("painful cramps", "triggered_painful_spasms", "muscle_cramps"),
    ("mucositis", "painful_mouth_sores", "mouth_ulcers"),
    ("mouth ulcers", "painful_mouth_sores", "mouth_ulcers"),
    ("dehydration", "cannot_keep_fluids_down", None),
    ("sudden dizziness", "sudden_onset_unsteadiness", None),
    ("coughing blood", "lung_clot_signs", None),
    # Addendum 2, C: brisk reflexes are common in stiff-person syndrome, not a spinal cord clue.
    ("brisk reflexes", "upper_motor_neurone_signs", "brisk_reflexes"),
    ("hyperreflexia", "upper_motor_neurone_signs", "brisk_reflexes"),
    # Falls have many causes; they are not a cerebellar sign.
    ("falls", "unsteady_gait", "falls"),
    ("keeps falling", "unsteady_gait", "falls"),
    # Short sight or old cataracts are not a loss of vision needing an eye review this week.
    ("poor vision", "visual_loss", None),
]


@pytest.mark.parametrize(("query", "forbidden", "wanted"), ROUTED_ELSEWHERE)
def test_ordinary_words_do_not_reach_emergency_or_specific_findings(book, query, forbidden, wanted):
    found = found_ids(book, query)
    assert forbidden not in found, f"{query!r} finds {forbidden!r}"
    if wanted:
        assert wanted in found, f"{query!r} should find {wanted!r}"


# --- Red flags: trigger and urgency ------------------------------------------------------------


def lab(analyte: str, value: float, unit: str) -> LabValue:
    return LabValue(analyte=analyte, value=value, unit=unit)


URGENCY_CASES = [
    # (description, profile fields, expected most urgent level or None, flag expected)
    (
        "reduced consciousness alone",
        {"findings": ["reduced_consciousness"]},
        "now",
        "drowsy_or_unresponsive",
    ),
    ("new confusion alone", {"findings": ["confusion"]}, "today", "new_confusion_or_catatonia"),
    ("catatonia alone", {"findings": ["catatonia"]}, "today", "new_confusion_or_catatonia"),
    (
        "sodium 130 with vomiting",
        {"findings": ["vomiting"], "labs": [lab("sodium", 130, "mmol/L")]},
        "today",
        "hyponatraemia_with_symptoms",
    ),
    (
        "sodium 118 without symptoms",
        {"labs": [lab("sodium", 118, "mmol/L")]},
        "today",
        "profound_hyponatraemia",
    ),
    ("sodium 132 without symptoms", {"labs": [lab("sodium", 132, "mmol/L")]}, None, None),
    (
        "sodium 122 with confusion",
        {"findings": ["confusion"], "labs": [lab("sodium", 122, "mmol/L")]},
        "now",
        "severe_hyponatraemia",
    ),
    ("glucose 2.7 alone", {"labs": [lab("glucose", 2.7, "mmol/L")]}, "today", "low_glucose_alone"),
    ("glucose 33", {"labs": [lab("glucose", 33, "mmol/L")]}, "now", "hyperglycaemic_emergency"),
    (
        "glucose 15 with confusion",
        {"findings": ["confusion"], "labs": [lab("glucose", 15, "mmol/L")]},
        "now",
        "hyperglycaemic_emergency",
    ),
    ("potassium 6.7", {"labs": [lab("potassium", 6.7, "mmol/L")]}, "now", "severe_hyperkalaemia"),
    # Issue 21 (C): 6.0-6.4 is moderate hyperkalaemia (UK Kidney Association), a same-day check.
    (
        "potassium 6.1",
        {"labs": [lab("potassium", 6.1, "mmol/L")]},
        "today",
        "moderate_hyperkalaemia",
    ),
    ("potassium 5.8", {"labs": [lab("potassium", 5.8, "mmol/L")]}, None, None),
    (
        "potassium 3.1 with palpitations",
        {"findings": ["palpitations"], "labs": [lab("potassium", 3.1, "mmol/L")]},
        "today",
        "symptomatic_hypokalaemia",
    ),
    (
        "phosphate 0.25",
        {"labs": [lab("phosphate", 0.25, "mmol/L")]},
        "today",
        "severe_hypophosphataemia",
    ),
    ("haemoglobin 65", {"labs": [lab("haemoglobin", 65, "g/L")]}, "today", "severe_anaemia"),
    (
        "calcium 3.1 with thirst",
        {"findings": ["excessive_thirst"], "labs": [lab("calcium", 3.1, "mmol/L")]},
        "today",
        "symptomatic_hypercalcaemia",
    ),
    (
        "DIC laboratory picture without bleeding",
        {
            "labs": [
                lab("platelets", 80, "×10⁹/L"),
                lab("pt", 17, "s"),
                lab("d_dimer", 4, "mg/L FEU"),
            ]
        },
        "today",
        "dic_laboratory_picture",
    ),
    (
        "paraprotein with headache",
        {"findings": ["high_paraprotein", "headache"]},
        "now",
        "hyperviscosity",
    ),
    ("new chest pain", {"findings": ["chest_pain"]}, "now", "new_chest_pain"),
    (
        "fever with a non-blanching rash",
        {"findings": ["fever", "tiny_red_purple_spots"]},
        "now",
        "fever_with_non_blanching_rash",
    ),
    (
        "fever after chemotherapy",
        {"findings": ["fever", "chemotherapy_recent"]},
        "now",
        "fever_with_low_neutrophils",
    ),
    (
        "morning headache in cancer",
        {"findings": ["headache_worse_lying_morning"], "cancers": ["breast_cancer"]},
        "today",
        "raised_intracranial_pressure",
    ),
    (
        "headache with vomiting in cancer",
        {"findings": ["headache", "vomiting"], "cancers": ["nsclc"]},
        "today",
        "raised_intracranial_pressure",
    ),
    ("morning headache without cancer", {"findings": ["headache_worse_lying_morning"]}, None, None),
    (
        "low cortisol with low sodium",
        {"labs": [lab("cortisol", 60, "nmol/L"), lab("sodium", 130, "mmol/L")]},
        "now",
        "adrenal_crisis",
    ),
    (
        "low blood pressure and vomiting on a checkpoint inhibitor",
        {"findings": ["checkpoint_inhibitor", "low_blood_pressure", "vomiting"]},
        "now",
        "adrenal_crisis",
    ),
    (
        "Wernicke: heavy drinking, confusion, unsteadiness",
        {"findings": ["alcohol_excess", "confusion", "unsteady_gait"]},
        "now",
        "wernicke_encephalopathy",
    ),
    (
        "leg weakness with a sensory level",
        {"findings": ["myelopathy_signs"]},
        "now",
        "spinal_cord_compression",
    ),
    (
        "new back pain with weak legs",
        {"findings": ["new_back_pain", "new_leg_weakness"]},
        "now",
        "spinal_cord_compression",
    ),
    (
        "new loss of bladder control",
        {"findings": ["bladder_bowel_control_loss"]},
        "now",
        "spinal_cord_compression",
    ),
    (
        "new back pain in cancer",
        {"findings": ["new_back_pain"], "cancers": ["prostate_cancer"]},
        "this_week",
        "possible_spinal_metastases",
    ),
    (
        "platelets 145 with easy bruising",
        {"findings": ["easy_bruising"], "labs": [lab("platelets", 145, "×10⁹/L")]},
        "this_week",
        "bruising_with_mildly_low_platelets",
    ),
    (
        "platelets 40 with gum bleeding",
        {"findings": ["gum_bleeding"], "labs": [lab("platelets", 40, "×10⁹/L")]},
        "now",
        "bleeding_with_abnormal_clotting",
    ),
    (
        "platelets 130 with bleeding gums",
        {"findings": ["gum_bleeding"], "labs": [lab("platelets", 130, "×10⁹/L")]},
        "today",
        "bleeding_or_bruising_with_low_platelets",
    ),
    (
        "a mild drop in two counts",
        {"sex": "male", "labs": [lab("haemoglobin", 125, "g/L"), lab("platelets", 140, "×10⁹/L")]},
        None,
        None,
    ),
    (
        "two clearly low counts",
        {"labs": [lab("haemoglobin", 92, "g/L"), lab("platelets", 85, "×10⁹/L")]},
        "today",
        "possible_acute_leukaemia",
    ),
    (
        "anxiety with fast breathing, tingling and palpitations",
        {"findings": ["anxiety_panic", "fast_breathing", "numbness_tingling", "palpitations"]},
        None,
        None,
    ),
    (
        "sudden breathlessness (possible lung clot)",
        {"findings": ["lung_clot_signs"]},
        "now",
        "possible_pulmonary_embolism",
    ),
    ("a swollen painful leg", {"findings": ["leg_clot"]}, "today", "blood_clot_signs"),
    ("dancing eyes", {"findings": ["opsoclonus"]}, "today", "dancing_eyes"),
    (
        "fever with purpura",
        {"findings": ["fever", "purpura"]},
        "now",
        "fever_with_non_blanching_rash",
    ),
    (
        "a loss of vision, speed not said",
        {"findings": ["visual_loss"]},
        "this_week",
        "rapid_vision_loss",
    ),
]


@pytest.mark.parametrize(
    ("description", "fields", "urgency", "flag"), URGENCY_CASES, ids=[c[0] for c in URGENCY_CASES]
)
def test_each_red_flag_fires_at_its_urgency(book, description, fields, urgency, flag):
    result = screen(Profile(**fields), book)
    got = result.urgency.value if result.urgency else None
    assert got == urgency, (
        f"{description}: {[(h.red_flag, h.urgency.value) for h in result.red_flags]}"
    )
    if flag:
        assert flag in {h.red_flag for h in result.red_flags}


# --- Lab units ---------------------------------------------------------------------------------

CONVERSIONS = [
    # (analyte, value, unit, value in the main unit)
    ("calcium", 12.0, "mg/dL", 3.0),
    ("glucose", 540, "mg/dL", 29.98),
    ("creatinine", 1.0, "mg/dL", 88.4),
    ("cortisol", 18.0, "µg/dL", 496.6),
    ("pth", 65, "pg/mL", 6.89),
    ("acth", 50, "pg/mL", 11.01),
    ("igf1", 39, "nmol/L", 298.3),
    ("urine_5hiaa", 10, "mg/24 h", 52.3),
    ("phosphate", 1.0, "mg/dL", 0.3229),
    ("fibrinogen", 150, "mg/dL", 1.5),
    ("d_dimer", 500, "ng/mL FEU", 0.5),
    ("haematocrit", 45, "%", 0.45),
    ("crp", 1.2, "mg/dL", 12),
    ("albumin", 3.0, "g/dL", 30),
    ("neutrophils", 1500, "/µL", 1.5),
]


@pytest.mark.parametrize(("analyte", "value", "unit", "expected"), CONVERSIONS)
def test_alternative_units_convert_correctly(book, analyte, value, unit, expected):
    converted = book.lab_by_id[analyte].in_main_unit(value, unit)
    assert converted is not None, f"{analyte}: {unit} not accepted"
    assert converted == pytest.approx(expected, rel=0.01)


# --- PNS-Care scores the phenotype a patient presents with -------------------------------------


def test_anti_ma2_scores_its_limbic_presentation_as_high_risk(book):
    limbic = Profile(
        findings=["vertical_gaze_palsy", "short_term_memory_loss", "mri_medial_temporal"],
        antibodies=["ma2"],
    )
    diencephalic = Profile(
        findings=["vertical_gaze_palsy", "excessive_daytime_sleepiness"], antibodies=["ma2"]
    )
    points = {}
    for name, profile in (("limbic", limbic), ("diencephalic", diencephalic)):
        match = next(
            m for m in screen(profile, book).matches if m.syndrome == "anti_ma2_encephalitis"
        )
        points[name] = next(i.points for i in match.pns_care.items if i.level == "clinical")
    assert points == {"limbic": 3, "diencephalic": 2}


# --- Rule-book hygiene -------------------------------------------------------------------------


BRAIN_SYNDROMES = [s.id for s in real_book().syndromes if s.brain]
"""The syndromes of the brain itself (issue 21, the metastasis-first rule; `validate` checks
their mimics' order, PNS-L034)."""
METASTASES_FIRST = "cns_metastases_before_imaging"


TREAT_AT_ONCE = "herpes_simplex_encephalitis"
"""The one mimic named before metastases when its clues hold: aciclovir is not kept waiting for
a scan."""


def test_fever_with_inflamed_spinal_fluid_names_herpes_encephalitis_before_metastases(book):
    profile = Profile(
        findings=["seizures", "eeg_temporal", "fever", "csf_inflammatory"],
        cancers=["sclc"],
    )
    card = _card(screen(profile, book), "limbic_encephalitis")
    assert card.mimics_first[:2] == (TREAT_AT_ONCE, METASTASES_FIRST)


def _card(result, syndrome_id):
    return next(m for m in result.matches if m.syndrome == syndrome_id)


# A complete pattern of each brain syndrome, with its typical cancer (one that can spread to the
# brain) and nothing that points to another mimic.
BEFORE_IMAGING = [
    ("encephalomyelitis", ["eye_movement_weakness", "pseudoathetosis", "csf_inflammatory"], "sclc"),
    ("limbic_encephalitis", ["seizures", "eeg_temporal", "csf_inflammatory"], "sclc"),
    (
        "paraneoplastic_cerebellar_degeneration",
        ["unsteady_gait", "slurred_speech", "rapid_progression"],
        "breast_cancer",
    ),
    (
        "brainstem_encephalitis",
        ["double_vision", "unsteady_gait", "rapid_progression"],
        "testicular_germ_cell",
    ),
    ("opsoclonus_myoclonus_syndrome", ["opsoclonus", "myoclonus"], "sclc"),
    (
        "anti_ma2_encephalitis",
        ["vertical_gaze_palsy", "excessive_daytime_sleepiness"],
        "testicular_germ_cell",
    ),
]


@pytest.mark.parametrize(
    ("syndrome_id", "findings", "cancer"), BEFORE_IMAGING, ids=[c[0] for c in BEFORE_IMAGING]
)
def test_a_brain_card_waits_for_a_brain_scan_and_asks_for_it(book, syndrome_id, findings, cancer):
    """Addendum 2, B1 and B5: with a known cancer and no brain imaging, metastases are named first
    and the card is never strong; "what to ask next" offers the scan; a normal MRI lets it be
    strong again."""

    antibodies = ["gabab_r"] if syndrome_id == "limbic_encephalitis" else []
    result = screen(Profile(findings=findings, cancers=[cancer], antibodies=antibodies), book)
    card = _card(result, syndrome_id)
    assert card.mimics_first[:1] == (METASTASES_FIRST,)
    assert card.tier.value != "strong"
    asked = {
        q.finding: {(e.syndrome, e.effect) for e in q.effects}
        for q in result.differential.questions
    }
    assert (syndrome_id, "clears_mimic") in asked.get("mri_brain_normal", set())
    imaged = Profile(
        findings=[*findings, "mri_brain_normal"], cancers=[cancer], antibodies=antibodies
    )
    assert _card(screen(imaged, book), syndrome_id).tier.value == "strong"


def test_a_tumour_that_seldom_reaches_the_brain_does_not_put_metastases_first(book):
    teratoma = Profile(
        findings=[
            "psychosis",
            "seizures",
            "orofacial_dyskinesia",
            "reduced_speech",
            "teratoma_on_imaging",
        ],
        cancers=["ovarian_teratoma"],
    )
    assert _card(screen(teratoma, book), "anti_nmdar_encephalitis").tier.value == "strong"


SCLC_EVERYDAY_PAIRS = [
    ["short_term_memory_loss", "slurred_speech"],
    ["seizures", "slurred_speech"],
    ["difficulty_swallowing", "short_term_memory_loss"],
    ["limb_clumsiness", "seizures"],
    ["seizures", "slurred_speech", "chemotherapy_recent"],
    ["constipation", "abdominal_bloating", "orthostatic_dizziness", "dry_mouth"],
    ["seizures", "eeg_temporal", "csf_inflammatory"],
    ["unsteady_gait", "rapid_progression"],
    ["ataxia", "unsteady_gait", "rapid_progression"],
    ["double_vision", "rapid_progression"],
]


@pytest.mark.parametrize(
    "findings", SCLC_EVERYDAY_PAIRS, ids=["+".join(f) for f in SCLC_EVERYDAY_PAIRS]
)
def test_everyday_combinations_in_sclc_are_never_strong(book, findings):
    """Addendum 2, B1, B5, B6 and B7: what the review found Strong in an older person with small
    cell lung cancer."""
    result = screen(Profile(findings=findings, cancers=["sclc"], age_band="65+"), book)
    assert [m.syndrome for m in result.matches if m.tier.value == "strong"] == []


EVERYDAY = [
    ["constipation", "abdominal_bloating"],
    ["vertigo", "tinnitus"],
    ["vertigo", "unsteady_gait"],
    ["short_term_memory_loss", "sleep_disturbance"],
    ["excessive_daytime_sleepiness", "short_term_memory_loss"],
    ["headache"],
    ["numbness_tingling", "reduced_reflexes"],
]


@pytest.mark.parametrize("findings", EVERYDAY, ids=["+".join(f) for f in EVERYDAY])
def test_everyday_pairs_show_no_card(book, findings):
    assert screen(Profile(findings=findings), book).matches == ()


@pytest.mark.parametrize(
    ("scan", "mimic"),
    [
        ("brain_metastasis_on_imaging", "brain_metastases"),
        ("meningeal_enhancement_on_mri", "leptomeningeal_disease"),
    ],
)
@pytest.mark.parametrize(
    ("syndrome_id", "findings", "cancer"), BEFORE_IMAGING, ids=[c[0] for c in BEFORE_IMAGING]
)
def test_a_scan_showing_the_cancer_names_it_instead_of_before_imaging(
    book, syndrome_id, findings, cancer, scan, mimic
):
    """Every brain-imaging result sets the metastasis-first entry aside; a scan that shows
    metastases, or linings that light up with contrast, names that mimic instead, and what to
    ask next says so, rather than that it clears the first."""
    from screener.engine.differential import separating_findings
    from screener.engine.screen import present_findings

    antibodies = ["gabab_r"] if syndrome_id == "limbic_encephalitis" else []
    before = screen(Profile(findings=findings, cancers=[cancer], antibodies=antibodies), book)
    present = present_findings(before.profile, before.lab_findings, book)
    syndrome = book.syndrome_by_id[syndrome_id]
    asked = {
        q.finding: {(e.effect, e.mimic) for e in q.effects}
        for q in separating_findings([syndrome], present, book, limit=None)
    }
    assert asked[scan] == {("points_to_mimic", mimic)}
    after = screen(
        Profile(findings=[*findings, scan], cancers=[cancer], antibodies=antibodies), book
    )
    card = _card(after, syndrome_id)
    assert METASTASES_FIRST not in card.mimics_first
    assert mimic in card.mimics_first
    assert card.tier.value != "strong"
