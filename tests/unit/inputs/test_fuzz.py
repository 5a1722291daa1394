"""Fuzzing (hypothesis): mutated rule files, arbitrary lab values, profile JSON and share links
are either accepted or refused with a located, plain-words problem, never with a crash; and the
safety wording is either read or refused in a way the app frame answers with its own."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from streamlit.runtime.state import query_params as streamlit_query_params

from screener.engine import screen
from screener.inputs.profile_json import profile_from_json
from screener.inputs.query import (
    KNOWN_KEYS,
    MAX_NOTICES,
    dropped_link_notice,
    profile_from_query,
)
from screener.models import LabValue, Profile, ProfileError
from screener.rulebook import RuleBook, RuleBookError, load_rule_book, load_safety_text
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
# Whole constructs that parse but that a rule file must refuse, each at a located line.
HOSTILE_YAML = st.sampled_from(
    [
        "<<: {a: 1}",
        "=",
        "=: 1",
        ".nan",
        "-.inf",
        "1.0e+999",
        "2024-02-30",
        "2024-13-01 10:00:00",
        "9" * 5000,
        "9" * 400,
        "1:20",
        "0x1F",
        "012",
        "yes",
        "[" * 60 + "]" * 60,
        "- " * 60 + "x",
        "&a x",
        "*a",
        "!!binary aGk=",
        "? [a]\n: b",
        "\x07",
        "\ud800",
    ]
)


VALUE = re.compile(r"(?<=: )[^,}\]\n]+")


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Path, str]:
    """A rule file with a value replaced by a hostile construct, and a few slices deleted,
    duplicated or replaced by syntax characters."""
    name = draw(st.sampled_from(RULE_FILES))
    text = SEEDS[name]
    values = list(VALUE.finditer(text))
    if values and draw(st.booleans()):
        value = draw(st.sampled_from(values))
        text = text[: value.start()] + draw(HOSTILE_YAML) + text[value.end() :]
        return name, text
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        text = draw(
            st.sampled_from(
                [
                    text[:start] + text[end:],
                    text[:end] + text[start:end] + text[end:],
                    text[:start] + draw(YAML_NOISE) + text[end:],
                    text[:start] + draw(HOSTILE_YAML) + text[end:],
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
    (rules / name).write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        book = load_rule_book(rules)
    except RuleBookError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file and problem.message
            assert problem.line is None or problem.line >= 1
    else:
        assert isinstance(book, RuleBook)
    # The app frame shows this wording, or its own when this refuses: never nothing.
    try:
        safety = load_safety_text(rules)
    except RuleBookError as error:
        assert all(p.file == "rules/safety.yaml" for p in error.problems)
    else:
        assert safety.disclaimer and safety.see_a_physician


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


HOSTILE_NUMBER = st.sampled_from(
    ["5,5", "1,500", "1.234,5", "true", "NaN", "-inf", "1e999", "0x1F", "١٤٠", "−3", " 7 ", ""]
)
LAB_ITEM = st.builds(
    lambda analyte, number, unit: f"{analyte}:{number}:{unit}",
    st.sampled_from([lab.id for lab in BOOK.labs] + ["x"]),
    HOSTILE_NUMBER | st.floats().map(repr) | st.text(max_size=6),
    st.sampled_from([*sorted({u for lab in BOOK.labs for u in lab.units}), "", "stones"]),
)
QUERY_VALUE = (
    st.text(max_size=60)
    | st.lists(st.text(max_size=30), max_size=3)
    | st.lists(LAB_ITEM, max_size=4).map(",".join)
)
QUERY_KEY = st.sampled_from(KNOWN_KEYS) | st.text(max_size=10)


@FUZZ
@given(st.dictionaries(QUERY_KEY, QUERY_VALUE, max_size=8))
def test_any_share_link_gives_a_screenable_case(query: dict[str, str | list[str]]) -> None:
    profile, notices = profile_from_query(query, BOOK)
    assert len(notices) <= MAX_NOTICES
    assert screen(profile, BOOK).profile == profile


@FUZZ
@given(
    st.lists(st.tuples(QUERY_KEY, st.text(max_size=30) | LAB_ITEM), max_size=30),
    st.integers(0, 1200),
)
def test_any_query_string_gives_a_screenable_case(
    pairs: list[tuple[str, str]], padding: int
) -> None:
    # The address as the browser sends it, as Streamlit parses it (or drops it whole).
    query_string = urlencode([*pairs, *(("zz", "") for _ in range(padding))])
    params = streamlit_query_params._parse_query_string(query_string)
    profile, notices = profile_from_query(params, BOOK)
    assert len(notices) <= MAX_NOTICES
    assert screen(profile, BOOK).profile == profile
    # Whenever Streamlit drops the link, the page's report of its size gets a notice.
    dropped = dropped_link_notice(query_string.count("&") + 1, len(query_string))
    assert (dropped is not None) == bool(query_string and not params)


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
PROFILE_KEY = st.sampled_from(
    ["findings", "cancers", "labs", "antibodies", "age_band", "sex", "follow_up"]
)


@st.composite
def hostile_profile_json(draw: st.DrawFn) -> bytes:
    """A profile document: plausible fields with hostile values, repeated keys, bad bytes."""
    pairs = draw(st.lists(st.tuples(PROFILE_KEY | st.text(max_size=6), JSON_VALUE), max_size=5))
    lab = draw(
        st.builds(
            dict,
            analyte=st.sampled_from(["sodium", "x"]),
            value=JSON_VALUE,
            unit=st.sampled_from(["mmol/L", "x"]),
        )
    )
    pairs.append(("labs", [lab]))
    text = "{" + ",".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in pairs) + "}"
    text = draw(
        st.sampled_from(
            [
                text,
                text.replace('"value": ', '"value": NaN, "x": ', 1),
                "[" * draw(st.integers(1, 5000)) + text,
                text.replace("}", ', "labs": []}', 1),
            ]
        )
    )
    data = text.encode("utf-8", "surrogatepass")
    return draw(st.sampled_from([data, b"\xef\xbb\xbf" + data, data.replace(b'"', b'\xff"', 1)]))


@FUZZ
@given(hostile_profile_json())
def test_any_profile_json_is_read_or_refused_in_words(document: bytes) -> None:
    try:
        profile = profile_from_json(document)
    except ProfileError as error:
        assert error.problems
        assert all(isinstance(p, str) and p for p in error.problems)
    else:
        assert isinstance(profile, Profile)


@pytest.mark.parametrize("name", RULE_FILES, ids=str)
def test_the_fuzz_seeds_are_valid(name: Path) -> None:
    # Mutations must start from files that load, or every failure would be expected.
    assert isinstance(parse_yaml(SEEDS[name]), LocatedData)
