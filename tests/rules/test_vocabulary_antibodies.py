"""Antibodies and cancers a student can enter (issue 21): the new antibodies lift nothing, a
positive anti-Ro/La or PLA2R entered as an antibody is the finding the rules read, a negative
result and a CSF result are findings, and the new cancers are there."""

from __future__ import annotations

import pytest

from screener.engine import screen
from screener.engine.screen import present_findings
from screener.models import Profile
from screener.present.picker import pick_options

NEW_ANTIBODIES = ["titin", "musk", "gq1b", "mi2", "tpo", "desmoglein_3", "thsd7a", "pla2r", "ro_la"]


@pytest.mark.parametrize("antibody", NEW_ANTIBODIES)
def test_a_new_antibody_is_outside_the_pns_classes_and_points_to_no_cancer(book, antibody):
    entry = book.antibody_by_id[antibody]
    assert not entry.points_to_cancer
    assert entry.note


@pytest.mark.parametrize(
    ("antibody", "finding"), [("pla2r", "pla2r_positive"), ("ro_la", "anti_ro_la_positive")]
)
def test_an_antibody_entered_is_the_finding_the_rules_read(book, antibody, finding):
    profile = Profile(antibodies=[antibody])
    assert finding in present_findings(profile, frozenset(), book)
    assert finding not in book.enterable_findings


def test_anti_ro_entered_as_an_antibody_names_sjogren_first(book):
    profile = Profile(
        findings=["asymmetric_numbness", "pseudoathetosis", "dry_eyes", "dry_mouth"],
        antibodies=["ro_la"],
        cancers=["sclc"],
    )
    match = next(
        m for m in screen(profile, book).matches if m.syndrome == "subacute_sensory_neuronopathy"
    )
    assert match.tier.value == "partial"
    assert "sjogren_syndrome" in match.mimics_first


def test_negative_and_csf_results_are_findings(book):
    for finding in ("achr_negative", "pla2r_negative", "onconeural_antibodies_negative"):
        assert book.findings[finding].normal
    assert "antibody_found_in_csf" in book.enterable_findings


@pytest.mark.parametrize(
    ("cancer", "word"), [("all_leukaemia", "ALL"), ("bone_sarcoma", "Ewing sarcoma")]
)
def test_new_cancers_can_be_picked_by_a_students_word(book, cancer, word):
    texts = {option.token: option.text for option in pick_options(book)}
    assert word in texts[f"cancer:{cancer}"]
