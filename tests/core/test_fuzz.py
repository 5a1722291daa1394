"""Fuzzing (hypothesis): mutated rule files, arbitrary lab values and arbitrary share links are
either accepted or refused with a located, plain-words problem, never with a crash."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from screener.engine import screen
from screener.inputs.query import KNOWN_KEYS, MAX_NOTICES, profile_from_query
from screener.models import LabValue, Profile, ProfileError
from screener.rulebook import RuleBook, RuleBookError, load_rule_book
from screener.rulebook.safe_yaml import LocatedData, YamlProblem, parse_yaml
from tests.support.books import MINI_RULES, real_book

BOOK = real_book()
RULE_FILES = sorted(p.relative_to(MINI_RULES) for p in MINI_RULES.rglob("*.yaml"))
SEEDS = {name: (MINI_RULES / name).read_text(encoding="utf-8") for name in RULE_FILES}

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Characters that matter to YAML's syntax, plus some that matter to nothing.
YAML_NOISE = st.text(
    alphabet=[*list(":-[]{}&*!|>'\"#%@`,?\n\t "), "é", "\x00", "\ufeff"], max_size=8
)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Path, str]:
    """A rule file with a few slices deleted, duplicated or replaced by syntax characters."""
    name = draw(st.sampled_from(RULE_FILES))
    text = SEEDS[name]
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        text = draw(
            st.sampled_from(
                [
                    text[:start] + text[end:],
                    text[:end] + text[start:end] + text[end:],
                    text[:start] + draw(YAML_NOISE) + text[end:],
                ]
            )
        )
    return name, text


@FUZZ
@given(mutated())
def test_parse_yaml_accepts_or_names_the_problem(case: tuple[Path, str]) -> None:
    _name, text = case
    try:
        parsed = parse_yaml(text)
    except YamlProblem as problem:
        assert str(problem)
        assert problem.line is None or problem.line >= 1
    else:
        assert isinstance(parsed, LocatedData)


@FUZZ
@given(mutated())
def test_load_rule_book_loads_or_locates_every_problem(
    tmp_path: Path, case: tuple[Path, str]
) -> None:
    name, text = case
    rules = tmp_path / "rules"
    shutil.rmtree(rules, ignore_errors=True)
    shutil.copytree(MINI_RULES, rules)
    (rules / name).write_text(text, encoding="utf-8")
    try:
        book = load_rule_book(rules)
    except RuleBookError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file and problem.message
    else:
        assert isinstance(book, RuleBook)


ANY_FLOAT = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [0.0, -0.0, -1.0, 1e-300, 1e300]
)


@FUZZ
@given(
    labs=st.lists(
        st.tuples(
            st.sampled_from([lab.id for lab in BOOK.labs]),
            ANY_FLOAT,
            st.sampled_from([*sorted({u for lab in BOOK.labs for u in lab.units}), "stones"]),
        ),
        max_size=4,
        unique_by=lambda lab: lab[0],
    ),
    findings=st.lists(st.sampled_from(sorted(BOOK.enterable_findings)), max_size=6),
)
def test_screen_takes_any_lab_value_or_refuses_it_plainly(
    labs: list[tuple[str, float, str]], findings: list[str]
) -> None:
    try:
        profile = Profile(
            findings=tuple(findings),
            labs=tuple(LabValue(analyte=a, value=v, unit=u) for a, v, u in labs),
        )
    except ValidationError as error:
        # The profile itself refuses what is not a finite number.
        assert any(not math.isfinite(v) for _, v, _ in labs), error
        return
    try:
        result = screen(profile, BOOK)
    except ProfileError as error:
        assert error.problems
        assert all(isinstance(p, str) and p for p in error.problems)
    else:
        assert result.profile == profile


QUERY_VALUE = st.text(max_size=60) | st.lists(st.text(max_size=30), max_size=3)
QUERY_KEY = st.sampled_from(KNOWN_KEYS) | st.text(max_size=10)


@FUZZ
@given(st.dictionaries(QUERY_KEY, QUERY_VALUE, max_size=8))
def test_any_share_link_gives_a_screenable_case(query: dict[str, str | list[str]]) -> None:
    profile, notices = profile_from_query(query, BOOK)
    assert len(notices) <= MAX_NOTICES
    assert screen(profile, BOOK).profile == profile


@pytest.mark.parametrize("name", RULE_FILES, ids=str)
def test_the_fuzz_seeds_are_valid(name: Path) -> None:
    # Mutations must start from files that load, or every failure would be expected.
    assert isinstance(parse_yaml(SEEDS[name]), LocatedData)
