"""Illness scripts: every syndrome of the rule book reads in every standard slot, from its rule."""

from __future__ import annotations

from screener.engine import illness_script
from screener.models import SLOTS
from screener.present.script_view import NOT_GIVEN, script_lines
from screener.rulebook import RuleBook


def test_every_syndromes_illness_script_has_every_slot(book: RuleBook) -> None:
    for syndrome in book.syndromes:
        lines = script_lines(illness_script(syndrome, book), book)
        assert list(lines) == list(SLOTS)
        for slot, said in lines.items():
            assert said and all(line.strip() for line in said), (syndrome.id, slot)
            assert NOT_GIVEN not in said, (syndrome.id, slot)


def test_the_treatment_principle_follows_the_rules_antibodies_and_category(
    book: RuleBook,
) -> None:
    def principle(syndrome_id: str) -> str:
        return illness_script(book.syndrome_by_id[syndrome_id], book).treatment

    assert principle("lems") == "cell_surface"  # P/Q-type calcium channel antibodies
    assert principle("subacute_sensory_neuronopathy") == "intracellular"  # anti-Hu
    assert principle("siadh") == "hormone"
    assert principle("hypertrophic_osteoarthropathy") == "tumour_first"
    # Each script states its kind's principle, as the rule book's About file words it.
    principles = book.about.treatment_principles
    for syndrome_id in ("lems", "subacute_sensory_neuronopathy", "siadh"):
        stated = script_lines(illness_script(book.syndrome_by_id[syndrome_id], book), book)
        assert stated["treatment"] == (principles.principle(principle(syndrome_id)),)
    assert principles.references and principles.status == "needs-review"


def test_a_look_alike_is_told_apart_by_what_points_to_it(book: RuleBook) -> None:
    lems = book.syndrome_by_id["lems"]
    look_alikes = script_lines(illness_script(lems, book), book)["look_alikes"]
    first = book.mimic_by_id[lems.mimics[0]]
    assert first.why and look_alikes[0] == f"{first.name}: {first.why}"
    assert len(look_alikes) == len(lems.mimics)


def test_how_often_comes_from_orphanets_annotation_in_words_with_its_release(
    book: RuleBook, mini_book: RuleBook
) -> None:
    lems = book.syndrome_by_id["lems"]
    script = illness_script(lems, book)
    rated = {f.finding: f.frequency for f in script.frequencies}
    # Orphanet's annotation of LEMS (ORPHA:43393): xerostomia very frequent, constipation frequent.
    assert rated["dry_mouth"] == "very_frequent" and rated["constipation"] == "frequent"
    line = script_lines(script, book)["key_features"][-1]
    assert line.startswith("How often, in Orphanet's annotation of Lambert-Eaton")
    assert book.orphanet.release.hpoa.isoformat() in line
    assert "Dry mouth seen in most (very frequent)" in line
    assert "%" not in line, "a class in words, never a number to combine"
    # A syndrome that neither Orphanet nor a cited source rates has no such line (the small
    # test book, whose frequencies file is empty: the real one leaves fewer and fewer).
    unrated = mini_book.syndromes[0]
    assert not mini_book.finding_frequencies[unrated.id]
    assert not illness_script(unrated, mini_book).frequencies
    assert not [
        line
        for line in script_lines(illness_script(unrated, mini_book), mini_book)["key_features"]
        if line.startswith("How often")
    ]
