"""The clinical content is complete and sourced (issue: the complete rule book)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from screener.engine import screen
from screener.loader import DEFAULT_RULES_DIR, load_rule_book
from screener.models import Category, Profile, Status
from screener.teaching import case_profile

BOOK = load_rule_book(DEFAULT_RULES_DIR)

# Canonical names (with aliases) from the clinical reference, section (c).
CANONICAL = {
    Category.NEUROLOGIC: [
        "Lambert-Eaton myasthenic syndrome|LEMS",
        "Paraneoplastic cerebellar degeneration|rapidly progressive cerebellar syndrome|PCD",
        "Subacute sensory neuronopathy|sensory neuronopathy|dorsal root ganglionopathy",
        "Limbic encephalitis",
        "Anti-NMDA receptor encephalitis",
        "Encephalomyelitis",
        "Opsoclonus-myoclonus syndrome|OMS|opsoclonus-myoclonus-ataxia",
        "Chronic gastrointestinal pseudo-obstruction (enteric neuropathy)",
        "Anti-Ma2 encephalitis",
        "Brainstem encephalitis|rhombencephalitis|KLHL11 encephalitis",
        "Stiff-person spectrum disorder",
        "Myasthenia gravis (thymoma-associated)",
        "Cancer-associated retinopathy|CAR",
    ],
    Category.ENDOCRINE: [
        "SIADH|SIAD|syndrome of inappropriate antidiuretic hormone",
        "Humoral hypercalcaemia of malignancy|HHM|PTHrP hypercalcaemia",
        "Ectopic ACTH syndrome|ectopic Cushing syndrome",
        "Non-islet cell tumour hypoglycaemia|NICTH|IGF-2 hypoglycaemia|Doege-Potter",
        "Carcinoid syndrome",
        "Ectopic GHRH acromegaly",
        "Tumour-induced osteomalacia|oncogenic osteomalacia|FGF23",
        "Paraneoplastic fever and cachexia|B symptoms",
    ],
    Category.HEMATOLOGIC: [
        "Paraneoplastic erythrocytosis|EPO-secreting tumour",
        "Paraneoplastic thrombocytosis",
        "Trousseau syndrome|migratory thrombophlebitis",
        "Pure red cell aplasia|PRCA",
        "Disseminated intravascular coagulation|DIC",
        "Paraneoplastic eosinophilia",
    ],
    Category.DERMATOLOGIC: [
        "Dermatomyositis",
        "Malignant acanthosis nigricans|acanthosis nigricans maligna",
        "Tripe palms|acanthosis palmaris",
        "Sign of Leser-Trélat|Leser-Trelat",
        "Sweet syndrome|acute febrile neutrophilic dermatosis",
        "Paraneoplastic pemphigus|PAMS",
        "Acrokeratosis paraneoplastica (Bazex syndrome)",
        "Erythema gyratum repens",
        "Necrolytic migratory erythema (glucagonoma syndrome)",
        "Hypertrichosis lanuginosa acquisita",
    ],
    Category.RHEUMATOLOGIC: [
        "Hypertrophic osteoarthropathy|HOA|clubbing with periostitis",
        "RS3PE syndrome",
        "Paraneoplastic polymyalgia-like syndrome",
    ],
    Category.RENAL: [
        "Paraneoplastic membranous nephropathy",
        "Minimal change disease (Hodgkin-associated)",
    ],
}


def normalised(name: str) -> str:
    """Case-insensitive, accent-free, UK and US spellings equal."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    for uk, us in (("tumour", "tumor"), ("haem", "hem"), ("aemia", "emia"), ("oedema", "edema")):
        text = text.replace(uk, us)
    return re.sub(r"[\s\-]+", " ", text).strip()


def names_of(syndrome) -> set[str]:
    return {normalised(n) for n in (syndrome.name, *syndrome.aliases)}


@pytest.mark.parametrize(
    ("category", "canonical"),
    [(c, n) for c, names in CANONICAL.items() for n in names],
    ids=lambda v: v.split("|")[0] if isinstance(v, str) else v.value,
)
def test_every_canonical_syndrome_is_in_the_rule_book(category, canonical):
    wanted = {normalised(n) for n in canonical.split("|")}
    found = [s for s in BOOK.syndromes if names_of(s) & wanted]
    assert found, f"no rule for {canonical.split('|')[0]}"
    assert found[0].category == category


def test_spelling_variants_are_equal():
    assert normalised("Non-islet cell tumour hypoglycaemia") == normalised(
        "non islet cell tumor hypoglycemia"
    )


SYNDROMES = [pytest.param(s, id=s.id) for s in BOOK.syndromes]


@pytest.mark.parametrize("syndrome", SYNDROMES)
def test_each_syndrome_has_enough_examples(syndrome):
    positives = [e for e in syndrome.examples if e.expect != "no_match"]
    assert len(positives) >= 2
    assert any(e.expect == "no_match" for e in syndrome.examples)
    assert any(not e.cancers for e in positives), "no example before the cancer is known"


@pytest.mark.parametrize("syndrome", SYNDROMES)
def test_rules_citing_unreviewed_sources_are_marked_needs_review(syndrome):
    unreviewed = [
        r for r in syndrome.references if BOOK.reference_by_id[r].status != Status.SOURCE_CHECKED
    ]
    if unreviewed:
        assert syndrome.status == Status.NEEDS_REVIEW, f"cites {unreviewed}"


@pytest.mark.parametrize("syndrome", SYNDROMES)
def test_non_specific_findings_never_make_a_pattern(syndrome):
    vague = [f for f in BOOK.findings if BOOK.findings[f].nonspecific]
    profile = Profile(
        findings=vague, cancers=syndrome.cancers.typical, antibodies=syndrome.antibodies
    )
    assert syndrome.id not in {m.syndrome for m in screen(profile, BOOK).matches}


@pytest.mark.parametrize("syndrome", SYNDROMES)
def test_teaching_fields_are_filled(syndrome):
    assert syndrome.mimics and syndrome.discuss
    assert all(q.rstrip().endswith("?") for q in syndrome.discuss)
    assert len(syndrome.detail) > 200


def test_pns_care_scores_only_neurologic_syndromes():
    scored = {s.category for s in BOOK.syndromes if s.pns_care}
    assert scored <= {Category.NEUROLOGIC}


def test_every_category_has_a_teaching_case():
    assert {c.category for c in BOOK.cases} == set(Category)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in BOOK.cases])
def test_each_teaching_case_shows_its_answer(case):
    shown = [m.syndrome for m in screen(case_profile(case), BOOK).matches]
    assert case.answer in shown
    assert BOOK.syndrome_by_id[case.answer].category == case.category


def test_the_no_pattern_control_from_the_reference():
    # Common, non-specific complaints with normal labs: "no specific paraneoplastic pattern".
    vague = [f for f in BOOK.findings if BOOK.findings[f].nonspecific]
    labs = [
        {"analyte": "sodium", "value": 140, "unit": "mmol/L"},
        {"analyte": "calcium", "value": 2.4, "unit": "mmol/L"},
    ]
    result = screen(Profile(findings=vague, labs=labs), BOOK)
    assert result.no_pattern and not result.urgent and not result.derived_findings
