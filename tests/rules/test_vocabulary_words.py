"""The words a student types (issue 21, section 2): each reaches the finding it means, no
misleading synonym routes it elsewhere, and a grouped 'causes excluded' item is one finding per
test, so a case can say which tests were done."""

from __future__ import annotations

import pytest

from tests.support.books import found_ids

WORDS = [
    # (what a student types, the finding it should reach, a finding it must not be a synonym
    # of: the search also matches labels, which may name the word with its qualifier, such as
    # "Spinning dizziness (vertigo)")
    ("dizziness", "dizziness", "vertigo"),
    ("light-headed", "dizziness", "vertigo"),
    ("lip smacking", "seizures", "orofacial_dyskinesia"),
    ("twitches", "fasciculations", "myoclonus"),
    ("reflexes present", None, "normal_reflexes"),
    ("meningeal enhancement", "meningeal_enhancement_on_mri", "leptomeningeal_disease_found"),
    ("interface dermatitis", "skin_biopsy_interface_dermatitis", "skin_biopsy_pnp"),
    ("raised LDH", "high_ldh", "haemolysis_markers"),
    ("raised bilirubin", "high_bilirubin", "haemolysis_markers"),
    ("morning stiffness", "morning_stiffness", "girdle_pain_stiffness"),
    ("high cortisol", "high_cortisol", "cortisol_not_suppressed_by_dexamethasone"),
    ("refuses to walk", "child_stops_walking", "unsteady_gait"),
    ("seronegative", None, "onconeural_antibodies_negative"),
    ("focal seizure", "seizures", "faciobrachial_seizures"),
    ("swollen arm", "arm_swelling", "enlarging_hands_feet"),
    ("proteinuria", "urine_protein", "urine_heavy_protein"),
    ("collapse", "collapse", "low_blood_pressure"),
    ("abnormal blood film", None, "blasts_on_blood_film"),
    ("diabetes mellitus", None, "new_onset_diabetes"),
    ("neutropenia", "low_white_cells", None),
    ("leukocytosis", "high_white_cells", "high_neutrophils"),
    ("mediastinal mass", "paraspinal_mass_on_scan", None),
    ("EEG abnormality", "eeg_abnormal", "eeg_temporal"),
    ("cough", "cough", None),
    ("hoarseness", "hoarse_voice", None),
    ("orthopnoea", "orthopnoea", None),
    ("word-finding difficulty", "aphasia", None),
    ("bilateral facial weakness", "bilateral_facial_weakness", None),
    ("Bell's palsy", "one_sided_facial_weakness", "bilateral_facial_weakness"),
    ("foot drop", "foot_drop", None),
    ("vibration sense", "vibration_loss", None),
    ("strength normal", "strength_normal", None),
    ("tremor", "tremor", None),
    ("palpitations", "palpitations", None),
    ("head drop", "neck_weakness", None),
    ("nasal speech", "nasal_speech", None),
    ("splenomegaly", "enlarged_spleen", None),
    ("lung nodule", "lung_mass_on_scan", None),
    ("breast lump", "breast_lump", None),
    ("adrenal mass", "adrenal_mass_on_scan", None),
    ("paravertebral mass", "paraspinal_mass_on_scan", None),
    ("ovarian mass", "pelvic_or_ovarian_mass_on_scan", None),
    ("trastuzumab", "her2_targeted_treatment", None),
    ("cyclophosphamide", "cyclophosphamide_or_ifosfamide", None),
    ("tamoxifen", "cancer_hormone_therapy", None),
    ("metformin", "metformin", "glucose_lowering_medicine"),
    ("HRT", "oestrogen_treatment", None),
    ("dose reduced", "improved_after_drug_stopped", None),
    ("stopped drinking", "improved_after_alcohol_stopped", None),
    ("AChR negative", "achr_negative", None),
]


@pytest.mark.parametrize(("query", "wanted", "forbidden"), WORDS, ids=[w[0] for w in WORDS])
def test_a_students_words_reach_the_finding_they_mean(book, query, wanted, forbidden):
    found = found_ids(book, query)
    if wanted:
        assert wanted in found, f"{query!r} should find {wanted!r}: {sorted(found)}"
    if forbidden:
        synonyms = {s.casefold() for s in book.findings[forbidden].synonyms}
        assert query.casefold() not in synonyms, f"{query!r} is a synonym of {forbidden!r}"


def test_no_synonym_is_given_to_two_findings(book):
    seen: dict[str, str] = {}
    for finding in book.enterable_findings.values():
        for synonym in finding.synonyms:
            key = synonym.casefold()
            assert seen.setdefault(key, finding.id) == finding.id, (
                f"'{synonym}' is a synonym of both {seen[key]} and {finding.id}"
            )


GROUPED = [
    "platelet_causes_excluded",
    "neutropenia_causes_excluded",
    "reactive_causes_of_high_platelets_excluded",
    "eosinophilia_causes_excluded",
]


@pytest.mark.parametrize("grouped", GROUPED)
def test_grouped_exclusions_are_one_finding_per_test(book, grouped):
    assert grouped not in book.findings


def test_the_course_says_days_to_weeks_months_or_years(book):
    course = {f.id for f in next(s for s in book.systems if s.kind == "course").findings}
    assert {"rapid_progression", "course_3_to_24_months", "slowly_over_years"} <= course
    assert "not minutes or hours" in book.findings["rapid_progression"].label


def test_normal_results_are_marked_and_are_not_phenotypes(book):
    for normal in ("strength_normal", "normal_ck", "mri_brain_normal", "achr_negative"):
        assert book.findings[normal].normal
        assert normal not in book.phenotype_findings
