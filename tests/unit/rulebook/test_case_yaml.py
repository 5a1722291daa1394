"""Exporting a case as YAML: what is written reads back, through the rule files' own reader,
as the same case; a case drafted from the Screen page's profile is ready to paste."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from screener.engine import screen
from screener.models import CaseStage, LabValue, Profile, TeachingCase
from screener.present.case_draft import draft_case, draft_id
from screener.rulebook import RuleBook
from screener.rulebook.case_pack import load_case_pack
from screener.rulebook.case_yaml import case_yaml
from screener.rulebook.safe_yaml import parse_yaml
from screener.validate import case_problems
from tests.support.books import real_book

BOOK = real_book()


CASES = TypeAdapter(tuple[TeachingCase, ...])


def read_back(text: str) -> tuple[TeachingCase, ...]:
    """`text` read as the loader reads a cases file: safe YAML, then the model."""
    return CASES.validate_python(parse_yaml(text).value)


def test_every_rule_book_case_reads_back_unchanged(book: RuleBook) -> None:
    for case in book.cases:
        text = case_yaml(case)
        assert text.startswith(f"- id: {case.id}\n")
        assert read_back(text) == (case,)


# Any character a UTF-8 file can hold, and words joined by every kind of space and line break a
# YAML reader knows (NEL and the Unicode separators too), some lines indented (a folded scalar
# does not fold those) and some long enough to be wrapped.
character = st.characters(codec="utf-8", exclude_categories=("Cs",))
word = st.text(character, min_size=1, max_size=12) | st.sampled_from(["r" * 60, "lorem"])
SEPARATORS = (" ", "  ", "\n", "\n ", "\n  ", "\n\t", "\n\n", "\r\n", "\x85", "\u2028", "\u2029")
paragraphs = st.lists(st.tuples(st.sampled_from(SEPARATORS), word), min_size=1, max_size=20).map(
    lambda parts: "".join(separator + text for separator, text in parts)
)
prose = (st.text(character, min_size=1, max_size=300) | paragraphs).filter(str.strip)
short = prose.filter(lambda text: len(text.strip()) <= 300)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    title=short,
    vignette=prose,
    stage_text=prose,
    points=st.lists(short, min_size=1, max_size=3),
    findings=st.lists(st.sampled_from(sorted(BOOK.enterable_findings)), min_size=1, max_size=6),
    sodium=st.none() | st.floats(100, 180, allow_nan=False),
)
def test_any_wording_survives_the_round_trip(
    title, vignette, stage_text, points, findings, sodium
) -> None:
    case = TeachingCase(
        id="case_any",
        title=title,
        category="endocrine",
        vignette=vignette,
        findings=tuple(findings),
        labs=() if sodium is None else (LabValue(analyte="sodium", value=sodium, unit="mmol/L"),),
        answer="siadh",
        teaching_points=tuple(points),
        stages=(CaseStage(title="Examination", text=stage_text, cancers=("sclc",), top="siadh"),),
    )
    assert read_back(case_yaml(case)) == (case,)


@pytest.mark.parametrize(
    "text",
    [
        # A line that begins with a space is not folded, so PyYAML's folding after it added a
        # line break where the text had a space.
        "p\n q " + "r" * 120 + " s",
        "a\n  b\n c d" + "e" * 95 + " f",
        "next line\x85(NEL) is a YAML line break",
    ],
)
def test_a_vignette_keeps_its_whitespace_exactly(text: str) -> None:
    case = BOOK.cases[0].model_copy(update={"vignette": text})
    assert read_back(case_yaml(case))[0].vignette == text


def test_a_case_drafted_from_the_screen_page_pastes_into_a_pack(
    tmp_path: Path, book: RuleBook
) -> None:
    profile = book.cases[0].profile
    answer = screen(profile, book).matches[0].syndrome
    case = draft_case(profile, answer, book)
    assert case.profile == profile
    assert case.category == book.syndrome_by_id[answer].category
    assert case.id == draft_id(profile) != draft_id(Profile(findings=("dry_mouth",)))
    assert "Rewrite this as a teaching vignette" in case.vignette
    assert book.label("finding", profile.findings[0]) in case.vignette
    assert list(case_problems(case, book)) == []
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "mine.yaml").write_text(case_yaml(case), encoding="utf-8")
    assert load_case_pack(tmp_path / "pack", book).cases == (case,)


def test_a_draft_needs_a_finding_and_a_known_answer(book: RuleBook) -> None:
    with pytest.raises(ValueError, match="at least one finding"):
        draft_case(Profile(cancers=("sclc",)), "lems", book)
    with pytest.raises(ValueError, match="unknown syndrome"):
        draft_case(Profile(findings=("dry_mouth",)), "no_such_rule", book)


def test_a_draft_of_a_huge_case_stays_within_the_models_limits(book: RuleBook) -> None:
    profile = Profile(findings=tuple(book.enterable_findings))
    case = draft_case(profile, "lems", book)
    assert len(case.vignette) <= 3000 and case.vignette.endswith("…")
    assert read_back(case_yaml(case)) == (case,)
