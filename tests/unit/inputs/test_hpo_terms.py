"""HPO terms map to the findings coded with them, or with their nearest ancestor up to two steps
up, never to a more specific finding; what maps to nothing is listed with the reason."""

from __future__ import annotations

import subprocess
import sys

from screener.inputs.hpo_terms import (
    MAX_STEPS,
    hpo_ontology,
    map_excluded_hpo_terms,
    map_hpo_terms,
)
from screener.models import Antibody, Finding
from screener.rulebook.hpo import hpo3_ontology, shipped_ontology

NIGHT_BLINDNESS_ADULT = "HP:0007830"
"""Adult-onset night blindness → Nyctalopia (HP:0000662) → Abnormality of vision (HP:0000504)."""
NORMOCHROMIC_ANAEMIA = "HP:0001895"
"""→ Anemia of inadequate production → Anemia (HP:0001903): two steps."""
AUTOIMMUNE_HAEMOLYTIC_ANAEMIA = "HP:0001890"
"""→ Hemolytic anemia → Anemia due to reduced life span of red cells → Anemia: three steps."""
HYPERSOMNIA = "HP:0100786"
"""Obsolete, replaced by Excessive daytime somnolence (HP:0001262)."""


def findings(**coded: str | tuple[str, ...]) -> dict[str, Finding]:
    return {f: Finding(id=f, label=f, hpo=terms) for f, terms in coded.items()}


def test_a_term_maps_to_the_finding_coded_with_it():
    vocabulary = findings(night_blindness="HP:0000662 Nyctalopia", other="HP:0001250 Seizure")
    (term,) = map_hpo_terms(["HP:0000662"], vocabulary).terms
    assert term.findings == ("night_blindness",)
    assert term.steps == 0


def test_a_term_maps_to_a_finding_coded_with_an_ancestor_the_nearest_only():
    vocabulary = findings(
        night_blindness="HP:0000662 Nyctalopia",
        any_vision_problem="HP:0000504 Abnormality of vision",
        anaemia="HP:0001903 Anemia",
    )
    night, anaemia = map_hpo_terms([NIGHT_BLINDNESS_ADULT, NORMOCHROMIC_ANAEMIA], vocabulary).terms
    assert (night.findings, night.steps) == (("night_blindness",), 1)
    assert (anaemia.findings, anaemia.steps) == (("anaemia",), 2)


def test_an_ancestor_beyond_the_limit_does_not_count():
    vocabulary = findings(anaemia="HP:0001903 Anemia")
    mapping = map_hpo_terms([AUTOIMMUNE_HAEMOLYTIC_ANAEMIA], vocabulary)
    assert mapping.findings == ()
    assert map_hpo_terms([AUTOIMMUNE_HAEMOLYTIC_ANAEMIA], vocabulary, max_steps=3).findings == (
        "anaemia",
    )
    assert MAX_STEPS == 2


def test_a_term_never_maps_to_a_more_specific_finding():
    vocabulary = findings(proximal_leg_weakness="HP:0008994 Proximal lower limb muscle weakness")
    mapping = map_hpo_terms(["HP:0003701"], vocabulary)  # Proximal muscle weakness
    assert mapping.findings == ()
    (unmapped,) = mapping.unmapped
    assert unmapped.term is not None and unmapped.term.name == "Proximal muscle weakness"
    assert "nothing is coded with it" in (unmapped.problem or "")


def test_terms_that_map_to_nothing_are_listed_with_the_reason():
    vocabulary = findings(seizures="HP:0001250 Seizure")
    mapping = map_hpo_terms(
        ["HP:0001250", "HP:9999999", "Seizure", "HP:0000535", "HP:0002315"], vocabulary
    )
    assert mapping.findings == ("seizures",)
    reasons = {t.given: t.problem for t in mapping.unmapped}
    assert reasons == {
        "HP:9999999": "not in the HPO",
        "Seizure": "not an HPO id (HP: and seven digits)",
        "HP:0000535": "obsolete in the HPO, with no replacement",
        "HP:0002315": "nothing is coded with it or with an ancestor up to 2 steps up",
    }


def test_an_obsolete_id_is_read_as_its_replacement():
    vocabulary = findings(sleepy="HP:0001262 Excessive daytime somnolence")
    (term,) = map_hpo_terms([HYPERSOMNIA], vocabulary).terms
    assert term.replaced and term.term is not None and term.term.id == "HP:0001262"
    assert term.findings == ("sleepy",)


def test_findings_are_listed_once_in_the_order_of_the_terms():
    vocabulary = findings(
        night_blindness="HP:0000662 Nyctalopia",
        anaemia=("HP:0001903 Anemia", "HP:0001895 Normochromic anemia"),
    )
    mapping = map_hpo_terms([NORMOCHROMIC_ANAEMIA, NIGHT_BLINDNESS_ADULT, "HP:0001903"], vocabulary)
    assert mapping.findings == ("anaemia", "night_blindness")


def test_loading_and_screening_never_load_the_ontology():
    # The app loads the book and screens: the ontology's half second is paid only on mapping.
    code = (
        "import sys; from screener.rulebook import load_rule_book;"
        "from screener.engine import screen; from screener.models import Profile;"
        "import screener.inputs.hpo_terms, screener.validate;"
        "screen(Profile(findings=('seizures',)), load_rule_book());"
        "assert 'pyhpo' not in sys.modules, 'hpo3 was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_ontology_built_elsewhere_in_the_process_is_shared_silently(capfd):
    from pyhpo import Ontology

    hpo_ontology()  # built, by this or an earlier test
    hpo3_ontology.cache_clear()
    assert hpo_ontology() is Ontology
    # The vocabulary check reads the same ontology: one loader for the process.
    assert shipped_ontology().version == str(Ontology.version())
    assert capfd.readouterr().out == ""  # hpo3 prints a notice when asked to build it again


def normal_results(**absent: str | tuple[str, ...]) -> dict[str, Finding]:
    return {f: Finding(id=f, label=f, hpo_absent=terms) for f, terms in absent.items()}


REDUCED_REFLEXES, HYPERREFLEXIA, ABNORMAL_REFLEX, AREFLEXIA = (
    "HP:0001315",
    "HP:0001347",
    "HP:0031826",
    "HP:0001284",
)


def test_an_excluded_term_enters_the_normal_result_recording_its_absence():
    vocabulary = {
        **findings(reduced_reflexes=f"{REDUCED_REFLEXES} Reduced tendon reflexes"),
        **normal_results(
            normal_reflexes=(
                f"{REDUCED_REFLEXES} Reduced tendon reflexes",
                f"{HYPERREFLEXIA} Hyperreflexia",
            )
        ),
    }
    both = map_excluded_hpo_terms([REDUCED_REFLEXES, HYPERREFLEXIA], vocabulary)
    assert both.findings == ("normal_reflexes",)
    # A broader excluded term excludes everything under it.
    assert map_excluded_hpo_terms([ABNORMAL_REFLEX], vocabulary).findings == ("normal_reflexes",)


def test_an_excluded_term_never_enters_a_finding_and_a_partial_exclusion_enters_nothing():
    vocabulary = {
        **findings(reduced_reflexes=f"{REDUCED_REFLEXES} Reduced tendon reflexes"),
        **normal_results(
            normal_reflexes=(
                f"{REDUCED_REFLEXES} Reduced tendon reflexes",
                f"{HYPERREFLEXIA} Hyperreflexia",
            )
        ),
    }
    # Only low reflexes excluded: they could still be brisk; and no absent areflexia says the
    # reflexes are not reduced.
    for excluded in ([REDUCED_REFLEXES], [AREFLEXIA]):
        mapping = map_excluded_hpo_terms(excluded, vocabulary)
        assert mapping.findings == ()
        assert mapping.unmapped[0].problem == "no normal or negative result records its absence"


def test_an_antibody_term_maps_to_the_antibody_not_to_a_finding():
    vgcc = Antibody(
        id="vgcc_pq",
        label="Anti-P/Q VGCC",
        risk="intermediate",
        target="cell_surface",
        hpo="HP:5000027 Anti-P/Q-type VGCC antibody positivity",
    )
    mapping = map_hpo_terms(
        ["HP:5000027", "HP:0000217"],
        findings(dry_mouth="HP:0000217 Xerostomia"),
        antibodies={"vgcc_pq": vgcc},
    )
    assert (mapping.findings, mapping.antibodies) == (("dry_mouth",), ("vgcc_pq",))
    assert mapping.unmapped == ()
    # Without the antibodies given, the term is listed as unmapped, not dropped.
    (left,) = map_hpo_terms(["HP:5000027"], {}).unmapped
    assert left.given == "HP:5000027"
