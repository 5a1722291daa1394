"""PNS-Care (Graus et al. 2021): the worked examples of the clinical reference, and boundaries."""

from __future__ import annotations

import pytest

from screener.engine.pns_care import pns_care_score
from screener.models import FollowUp, PhenotypeRisk, PnsCareScore, Profile, Syndrome
from screener.present.view import pns_care_item_text, pns_care_level
from screener.rulebook import RuleBook


def level_of(score: PnsCareScore, book: RuleBook) -> str:
    """The level reached, in the rule book's words ('Probable PNS')."""
    return pns_care_level(score, book).name


def said(score: PnsCareScore, index: int, book: RuleBook) -> str:
    """What the score says of its item `index`."""
    return pns_care_item_text(score.items[index], book)


ANTIBODIES = ("hu", "vgcc_pq", "sox1", "yo", "ma2", "lgi1")


def phenotype(
    risk: PhenotypeRisk | None, typical=(), reported=(), antibodies=ANTIBODIES
) -> Syndrome:
    return Syndrome.model_validate(
        {
            "id": "test_phenotype",
            "name": "Test phenotype",
            "category": "neurologic",
            "status": "source-checked",
            "summary": "s",
            "detail": "d",
            "criteria": "a",
            "cancers": {"typical": list(typical), "reported": list(reported)},
            "antibodies": list(antibodies),
            "pns_care": {"phenotype": risk.value} if risk else None,
            "references": ["graus2021"],
            "provenance": {"author": "tests", "written": "2026-12-01"},
            "examples": [{"expect": "match", "findings": ["a"]}, {"expect": "no_match"}],
        }
    )


POLYRADICULONEUROPATHY = phenotype(PhenotypeRisk.INTERMEDIATE, typical=["testicular_germ_cell"])
LEMS = phenotype(PhenotypeRisk.HIGH, typical=["sclc"])
SENSORY_NEURONOPATHY = phenotype(PhenotypeRisk.HIGH, typical=["sclc"])


@pytest.mark.parametrize(
    ("syndrome", "profile", "total", "level"),
    [
        # Polyradiculoneuropathy + Ma2 + no cancer yet, follow-up < 2 years: 2 + 3 + 1.
        (
            POLYRADICULONEUROPATHY,
            Profile(antibodies=["ma2"], follow_up=FollowUp.UNDER_2_YEARS),
            6,
            "Probable PNS",
        ),
        # The same after 2 years without a tumour: 2 + 3 + 0.
        (
            POLYRADICULONEUROPATHY,
            Profile(antibodies=["ma2"], follow_up=FollowUp.TWO_YEARS_OR_MORE),
            5,
            "Possible PNS",
        ),
        # Then a cancer that does not fit (NHL) is found: 2 + 3 + 1.
        (
            POLYRADICULONEUROPATHY,
            Profile(
                antibodies=["ma2"],
                cancers=["non_hodgkin_lymphoma"],
                follow_up=FollowUp.TWO_YEARS_OR_MORE,
            ),
            6,
            "Probable PNS",
        ),
        # LEMS + P/Q-VGCC (intermediate) + SCLC: 3 + 2 + 4.
        (LEMS, Profile(antibodies=["vgcc_pq"], cancers=["sclc"]), 9, "Definite PNS"),
        # Anti-Hu sensory neuronopathy + colon cancer, which does not fit Hu: 3 + 3 + 1.
        (
            SENSORY_NEURONOPATHY,
            Profile(
                antibodies=["hu"], cancers=["colorectal_cancer"], follow_up=FollowUp.UNDER_2_YEARS
            ),
            7,
            "Probable PNS",
        ),
    ],
)
def test_worked_examples(mini_book, syndrome, profile, total, level):
    score = pns_care_score(syndrome, profile, mini_book)
    assert (score.total, level_of(score, mini_book)) == (total, level)


def test_a_cancer_must_fit_the_antibody_as_well_as_the_phenotype(mini_book):
    # SCLC fits LEMS, but not Yo (ovary, breast).
    score = pns_care_score(LEMS, Profile(antibodies=["yo"], cancers=["sclc"]), mini_book)
    assert score.items[2].points == 1
    assert "does not fit" in said(score, 2, mini_book)


def test_without_an_antibody_the_most_is_seven(mini_book):
    score = pns_care_score(LEMS, Profile(cancers=["sclc"]), mini_book)
    assert score.total == 7 and level_of(score, mini_book) == "Probable PNS"


def test_the_highest_risk_antibody_counts(mini_book):
    score = pns_care_score(
        LEMS, Profile(antibodies=["vgcc_pq", "sox1"], cancers=["sclc"]), mini_book
    )
    assert score.items[1].points == 3 and "SOX1" in said(score, 1, mini_book)


@pytest.mark.parametrize(
    ("risk", "antibodies", "follow_up", "total", "level"),
    [
        (PhenotypeRisk.HIGH, ["lgi1"], FollowUp.UNDER_2_YEARS, 4, "Possible PNS"),
        (PhenotypeRisk.HIGH, [], FollowUp.TWO_YEARS_OR_MORE, 3, "Non-PNS"),
        (PhenotypeRisk.INTERMEDIATE, ["vgcc_pq"], FollowUp.TWO_YEARS_OR_MORE, 4, "Possible PNS"),
        (PhenotypeRisk.OTHER, ["hu"], FollowUp.TWO_YEARS_OR_MORE, 3, "Non-PNS"),
        (PhenotypeRisk.HIGH, ["hu"], FollowUp.TWO_YEARS_OR_MORE, 6, "Probable PNS"),
        (PhenotypeRisk.HIGH, ["hu"], FollowUp.UNDER_2_YEARS, 7, "Probable PNS"),
    ],
)
def test_level_boundaries(mini_book, risk, antibodies, follow_up, total, level):
    score = pns_care_score(
        phenotype(risk), Profile(antibodies=antibodies, follow_up=follow_up), mini_book
    )
    assert (score.total, level_of(score, mini_book)) == (total, level)


def test_unknown_follow_up_counts_as_under_two_years_and_says_so(mini_book):
    score = pns_care_score(LEMS, Profile(antibodies=["hu"]), mini_book)
    assert score.items[2].points == 1
    assert "counted as under 2 years" in said(score, 2, mini_book)


def test_syndromes_outside_the_criteria_are_not_scored(mini_book):
    assert pns_care_score(phenotype(None), Profile(antibodies=["hu"]), mini_book) is None


def test_every_point_is_explained(mini_book):
    score = pns_care_score(LEMS, Profile(antibodies=["vgcc_pq"], cancers=["sclc"]), mini_book)
    assert sum(item.points for item in score.items) == score.total
    assert all(
        f"({item.points} point" in pns_care_item_text(item, mini_book) for item in score.items
    )


def test_an_antibody_not_linked_to_the_phenotype_is_shown_as_not_fitting(mini_book):
    syndrome = phenotype(PhenotypeRisk.HIGH, typical=["sclc"], antibodies=("hu",))
    score = pns_care_score(syndrome, Profile(antibodies=["yo"], cancers=["sclc"]), mini_book)
    assert score.items[1].points == 0
    assert "not linked to this syndrome" in said(score, 1, mini_book)
    assert "Anti-Yo" in said(score, 1, mini_book)


def test_opsoclonus_myoclonus_with_a_fitting_tumour_is_definite_without_an_antibody(book):
    oms = book.syndrome_by_id["opsoclonus_myoclonus_syndrome"]
    score = pns_care_score(oms, Profile(cancers=["neuroblastoma"]), book)
    assert score.total == 7
    assert level_of(score, book) == "Definite PNS (opsoclonus-myoclonus exception)"
    without_tumour = pns_care_score(oms, Profile(), book)
    assert "exception" not in level_of(without_tumour, book)


def test_anti_yo_with_a_cancer_of_the_womb_scores_a_fitting_cancer(book):
    # Anti-Yo: "almost exclusively breast or gynecologic cancers" (Peterson 1992, 55 patients).
    pcd = book.syndrome_by_id["paraneoplastic_cerebellar_degeneration"]
    score = pns_care_score(pcd, Profile(antibodies=["yo"], cancers=["uterine_cancer"]), book)
    assert [item.points for item in score.items] == [3, 3, 4]
    assert level_of(score, book) == "Definite PNS"


def test_the_exception_belongs_to_opsoclonus_myoclonus_only(mini_book):
    score = pns_care_score(LEMS, Profile(cancers=["sclc"]), mini_book)
    assert level_of(score, mini_book) == "Probable PNS"
