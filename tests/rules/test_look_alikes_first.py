"""Which look-alike a non-neurologic card names first (issue 21, addendum 2).

A rule example can say a card is strong or partial, and a mimic case that its cause is among the
look-alikes considered; neither says which one the card names *first*, nor which banner stands
beside it. These do, for the fixes of addendum 2 (B2, B3, B9, B11, C) and for the common
non-paraneoplastic causes every syndrome now lists (the idiopathic or autoimmune form, medicines,
infection), so that a card in a person without cancer says which to think of first.
"""

from __future__ import annotations

import pytest

from screener.engine import screen
from screener.models import LabValue, Profile, Tier


def lab(analyte: str, value: float, unit: str) -> LabValue:
    return LabValue(analyte=analyte, value=value, unit=unit)


def card(book, syndrome: str, **fields):
    result = screen(Profile(**fields), book)
    return result, next((m for m in result.matches if m.syndrome == syndrome), None)


FIRST = [
    # (what it shows, syndrome, profile fields, the look-alike named first)
    (
        "B2: low blood pressure on a checkpoint inhibitor with a cortisol-excess picture",
        "ectopic_acth_syndrome",
        {
            "findings": [
                "proximal_leg_weakness",
                "easy_bruising",
                "checkpoint_inhibitor",
                "low_blood_pressure",
                "vomiting",
            ],
            "cancers": ["sclc"],
            "labs": [lab("potassium", 2.8, "mmol/L")],
        },
        "adrenal_insufficiency",
    ),
    (
        "B2: cortisol excess without a cancer, potassium above 3.0: Cushing disease first",
        "ectopic_acth_syndrome",
        {
            "findings": [
                "proximal_leg_weakness",
                "easy_bruising",
                "new_high_blood_pressure",
                "cortisol_not_suppressed_by_dexamethasone",
            ],
        },
        "pituitary_cushing_disease",
    ),
    (
        "B9: the ISTH score after chemotherapy in prostate cancer is the marrow first",
        "disseminated_intravascular_coagulation",
        {
            "findings": ["chemotherapy_recent"],
            "cancers": ["prostate_cancer"],
            "labs": [
                lab("platelets", 40, "×10⁹/L"),
                lab("d_dimer", 1.2, "mg/L FEU"),
                lab("pt", 16.5, "s"),
            ],
        },
        "chemotherapy_effects",
    ),
    (
        "systematic: a DIC picture with a fever is sepsis first",
        "disseminated_intravascular_coagulation",
        {
            "findings": ["fever"],
            "labs": [lab("platelets", 45, "×10⁹/L"), lab("d_dimer", 8, "mg/L FEU")],
        },
        "sepsis_or_another_severe_illness",
    ),
    (
        "B9: heparin with a halved platelet count is HIT first",
        "trousseau_syndrome",
        {
            "findings": [
                "migratory_thrombophlebitis",
                "leg_clot",
                "heparin_treatment",
                "platelet_count_halved",
            ],
            "cancers": ["pancreatic_cancer"],
        },
        "heparin_induced_thrombocytopenia",
    ),
    (
        "B11: fever with tender plaques in acute myeloid leukaemia is an infection first",
        "sweet_syndrome",
        {"findings": ["painful_red_plaques", "fever", "high_neutrophils"], "cancers": ["aml"]},
        "skin_infection",
    ),
    (
        "B11: fever with tender plaques and a neutrophil count of 0.6 is an infection first",
        "sweet_syndrome",
        {
            "findings": ["painful_red_plaques", "fever"],
            "labs": [lab("neutrophils", 0.6, "×10⁹/L")],
        },
        "skin_infection",
    ),
    (
        "systematic: tender plaques with normal counts and no cancer: classic Sweet first",
        "sweet_syndrome",
        {"findings": ["painful_red_plaques", "fever", "joint_pain"]},
        "classic_sweet_syndrome_without_a_cancer",
    ),
    (
        "systematic: membranous nephropathy, no cancer, no PLA2R result: the primary form",
        "paraneoplastic_membranous_nephropathy",
        {"findings": ["swollen_legs_ankles", "urine_heavy_protein", "kidney_biopsy_membranous"]},
        "primary_membranous_nephropathy",
    ),
    (
        "systematic: minimal change disease with no cancer, nodes, sweats or itch",
        "hodgkin_minimal_change_disease",
        {
            "findings": [
                "swollen_legs_ankles",
                "urine_heavy_protein",
                "kidney_biopsy_minimal_change",
            ]
        },
        "minimal_change_disease_without_a_cancer",
    ),
    (
        "systematic: acromegaly with an enlarged pituitary, no GHRH result, no tumour known",
        "ectopic_ghrh_acromegaly",
        {
            "findings": [
                "coarse_facial_features",
                "snoring",
                "high_igf1",
                "pituitary_enlarged_no_adenoma",
            ]
        },
        "pituitary_acromegaly",
    ),
    (
        "systematic: a high calcium with a low phosphate and phosphate wasting, PTH not low",
        "tumour_induced_osteomalacia",
        {
            "findings": ["phosphate_wasting_in_urine", "bone_pain"],
            "labs": [lab("calcium", 2.9, "mmol/L"), lab("phosphate", 0.6, "mmol/L")],
        },
        "primary_hyperparathyroidism",
    ),
    (
        "C: a suppressed PTH in breast cancer without a raised PTHrP is calcium from bone first",
        "humoral_hypercalcaemia_of_malignancy",
        {"findings": ["high_calcium", "low_pth"], "cancers": ["breast_cancer"]},
        "bone_metastases_or_myeloma",
    ),
    (
        "systematic: SIADH with no cancer and no medicine: the non-tumour causes first",
        "siadh",
        {
            "findings": ["low_serum_osmolality", "concentrated_urine"],
            "labs": [lab("sodium", 128, "mmol/L")],
        },
        "siadh_from_a_chest_infection_pain_or_a_brain_disorder",
    ),
    (
        "systematic: weeks of fever in Hodgkin lymphoma before infection is looked for",
        "paraneoplastic_fever_cachexia",
        {
            "findings": ["fever", "night_sweats", "fever_over_3_weeks"],
            "cancers": ["hodgkin_lymphoma"],
        },
        "infection",
    ),
    (
        "systematic: Coombs-positive haemolysis with no cancer and no nodes",
        "autoimmune_haemolytic_anaemia",
        {"findings": ["low_haemoglobin", "dat_positive", "haemolysis_markers"]},
        "warm_aiha_without_cancer",
    ),
    (
        "systematic: isolated low platelets with no cancer and no nodes",
        "immune_thrombocytopenia",
        {
            "findings": [
                "platelets_below_100",
                "platelet_film_no_clumping",
                "no_medicine_explains_it",
                "hiv_hepatitis_c_negative",
                "liver_tests_normal",
            ]
        },
        "primary_immune_thrombocytopenia",
    ),
    (
        "C: red cell aplasia a few weeks after chemotherapy",
        "pure_red_cell_aplasia",
        {
            "findings": [
                "low_haemoglobin",
                "very_low_reticulocytes",
                "normal_white_cells_and_platelets",
                "chemotherapy_recent",
            ],
            "cancers": ["thymoma"],
        },
        "chemotherapy_effects",
    ),
    (
        "systematic: red cell aplasia with no cancer and no chest mass",
        "pure_red_cell_aplasia",
        {
            "findings": [
                "low_haemoglobin",
                "very_low_reticulocytes",
                "normal_white_cells_and_platelets",
            ]
        },
        "red_cell_aplasia_without_a_cancer",
    ),
    (
        "systematic: unexplained low neutrophils with no cancer",
        "paraneoplastic_neutropenia",
        {
            "findings": [
                "low_white_cells",
                "no_medicine_explains_it",
                "neutropenia_persists_on_repeat",
                "b12_normal",
                "folate_normal",
            ]
        },
        "chronic_idiopathic_or_autoimmune_neutropenia",
    ),
    (
        "C: a smoker with a raised EPO and nothing pointing to the kidney or liver",
        "paraneoplastic_erythrocytosis",
        {
            "findings": ["epo_raised_or_normal", "smoking_history"],
            "labs": [lab("haematocrit", 54, "%")],
            "sex": "male",
        },
        "smoking",
    ),
    (
        "C: a V-neck rash with weak shoulders in breast cancer, no heliotrope or Gottron",
        "dermatomyositis",
        {"findings": ["shawl_v_rash", "proximal_arm_weakness"], "cancers": ["breast_cancer"]},
        "lupus_or_a_sun_related_rash",
    ),
    (
        "systematic: sudden swollen hands that settle quickly on low-dose steroids",
        "rs3pe_syndrome",
        {
            "findings": [
                "sudden_swelling_hands_feet",
                "stiff_swollen_hand_tendons",
                "good_response_low_dose_steroids",
            ]
        },
        "rs3pe_without_a_cancer",
    ),
    (
        "systematic: low platelets with Coombs-negative red-cell breakdown",
        "disseminated_intravascular_coagulation",
        {
            "findings": ["haemolysis_markers"],
            "labs": [lab("platelets", 30, "×10⁹/L"), lab("d_dimer", 2, "mg/L FEU")],
        },
        "thrombotic_microangiopathy",
    ),
    (
        "systematic: girdle pain with a new headache is giant cell arteritis first",
        "paraneoplastic_polymyalgia",
        {"findings": ["girdle_pain_stiffness", "poor_response_low_dose_steroids", "headache"]},
        "giant_cell_arteritis",
    ),
    (
        "C: a target rash alone, with no cancer, is usually an infection",
        "erythema_multiforme",
        {"findings": ["target_like_rash"]},
        "infection_the_usual_trigger_of_erythema_multiforme",
    ),
    (
        "C: a target rash after a cold sore names herpes simplex, not infection in general",
        "erythema_multiforme",
        {"findings": ["target_like_rash", "recent_cold_sore"]},
        "herpes_simplex_trigger",
    ),
]


@pytest.mark.parametrize(("what", "syndrome", "fields", "first"), FIRST, ids=[f[0] for f in FIRST])
def test_the_card_names_this_look_alike_first(book, what, syndrome, fields, first):
    _, match = card(book, syndrome, **fields)
    assert match is not None, f"{what}: no {syndrome} card"
    assert match.tier != Tier.STRONG
    assert match.mimics_first[:1] == (first,), f"{what}: names {match.mimics_first} first"


NOT_FIRST = [
    # (what it shows, syndrome, profile fields, a look-alike that must not be named)
    (
        "B2: cortisol excess with a potassium of 2.6 and a very high ACTH is not adrenal failure",
        "ectopic_acth_syndrome",
        {
            "findings": [
                "proximal_leg_weakness",
                "skin_darkening",
                "cortisol_not_suppressed_by_dexamethasone",
            ],
            "cancers": ["sclc"],
            "labs": [lab("acth", 45, "pmol/L"), lab("potassium", 2.6, "mmol/L")],
        },
        "adrenal_insufficiency",
    ),
    (
        "C: a smoker with flank pain and a known kidney cancer: the kidney, not smoking",
        "paraneoplastic_erythrocytosis",
        {
            "findings": ["epo_raised_or_normal", "smoking_history", "flank_pain"],
            "cancers": ["renal_cell_carcinoma"],
            "labs": [lab("haematocrit", 54, "%")],
            "sex": "male",
        },
        "smoking",
    ),
]


@pytest.mark.parametrize(
    ("what", "syndrome", "fields", "mimic"), NOT_FIRST, ids=[f[0] for f in NOT_FIRST]
)
def test_the_card_does_not_name_this_look_alike(book, what, syndrome, fields, mimic):
    _, match = card(book, syndrome, **fields)
    assert match is not None, f"{what}: no {syndrome} card"
    assert mimic not in match.mimics_first


def test_no_strong_ectopic_acth_card_stands_beside_the_adrenal_crisis_banner(book):
    """B2: a strong cortisol-excess card and an adrenal-crisis banner teach opposite things."""
    findings = ["proximal_leg_weakness", "easy_bruising", "skin_darkening", "swollen_legs_ankles"]
    crises = [
        {"labs": [lab("cortisol", 60, "nmol/L"), lab("sodium", 129, "mmol/L")]},
        {"findings": ["checkpoint_inhibitor", "low_blood_pressure", "vomiting"]},
        {"findings": ["steroids_recently_stopped", "low_blood_pressure", "confusion"]},
    ]
    for crisis in crises:
        labs = [lab("potassium", 2.7, "mmol/L"), *crisis.get("labs", [])]
        profile = Profile(
            findings=tuple(findings + crisis.get("findings", [])),
            cancers=("sclc",),
            labs=tuple(labs),
        )
        result = screen(profile, book)
        assert "adrenal_crisis" in {flag.red_flag for flag in result.red_flags}, crisis
        tiers = {m.syndrome: m.tier for m in result.matches}
        assert tiers.get("ectopic_acth_syndrome") != Tier.STRONG, crisis


def test_non_healing_stomatitis_puts_paraneoplastic_pemphigus_ahead_of_erythema_multiforme(book):
    """B3: weeks of non-healing mouth sores with target spots, sore eyes, crusted lips and
    blisters: erythema multiforme is self-limited, so paraneoplastic pemphigus leads."""
    findings = ("painful_mouth_sores", "target_like_rash", "sore_red_eyes", "crusted_lips")
    result = screen(Profile(findings=(*findings, "skin_blisters")), book)
    shown = [m.syndrome for m in result.matches]
    assert shown[:1] == ["paraneoplastic_pemphigus"], shown
    assert "erythema_multiforme" not in shown


def test_heparin_with_normal_platelets_does_not_make_trousseau_syndrome_hit_first(book):
    """B9: the teaching case's treatment stage, on low-molecular-weight heparin with platelets of
    240: the card stays strong and names no look-alike first."""
    case = next(c for c in book.cases if c.id == "case_moving_vein_clots")
    result = screen(Profile.of(case.stage_profiles[-1]), book)
    match = result.matches[0]
    assert match.syndrome == "trousseau_syndrome"
    assert match.tier == Tier.STRONG
    assert "heparin_induced_thrombocytopenia" not in match.mimics_first
