"""A reference must be findable: an article by DOI or PMID, a guideline also by its address."""

from __future__ import annotations

import pytest

from screener.models import Reference

BASE = {"id": "r", "authors": "A", "title": "T", "source": "S", "year": 2023}


def test_a_guideline_without_doi_links_to_its_address():
    ref = Reference.model_validate(BASE | {"kind": "guideline", "url": "https://nice.example/ng"})
    assert ref.link == "https://nice.example/ng"


@pytest.mark.parametrize("kind", ["article", "guideline"])
def test_a_reference_that_cannot_be_found_is_refused(kind):
    with pytest.raises(ValueError, match="needs a DOI"):
        Reference.model_validate(BASE | {"kind": kind})


def test_an_article_needs_more_than_an_address():
    with pytest.raises(ValueError, match="needs a DOI or a PMID"):
        Reference.model_validate(BASE | {"url": "https://example.org/paper"})
