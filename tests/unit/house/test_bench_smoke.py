"""The benchmark harness still runs: its pure-Python parts, on the small test rule book.

Speed is not asserted anywhere (benchmarks are not tests); a broken harness is.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from bench import handout, load, run, scripts, test_run
from bench.measurement import Measurement, NotMeasured, Target, spread
from bench.profiles import generate_profiles
from bench.report import markdown
from screener.engine import screen
from screener.inputs.query import profile_from_query
from screener.models import Category
from screener.rulebook import RuleBook
from tests.support.books import MINI_RULES

PURE_PARTS = (
    "engine_examples",
    "engine_batch",
    "book_load",
    "validate_unknown_ids",
    "pdf_case",
    "pdf_longest",
)


def test_quick_run_of_the_pure_parts_writes_both_tables(tmp_path: Path) -> None:
    arguments = ["--quick", "--only", "engine,load,validate,pdf", "--rules", str(MINI_RULES)]
    status = run.main([*arguments, "--out", str(tmp_path)])

    assert status == 0
    document = json.loads((tmp_path / "quick.json").read_text(encoding="utf-8"))
    assert document["command"].endswith(
        shlex.join(["-m", "bench.run", *arguments, "--out", str(tmp_path)])
    )
    assert document["machine"]["cores"] >= 1
    assert document["machine"]["streamlit"]
    results = {r["key"]: r for r in document["results"]}
    assert set(results) == set(PURE_PARTS)
    for result in results.values():
        assert "error" not in result
        assert 0 < result["median"] <= result["p95"]
        assert result["ratio"] > 0
        assert result["met"] in (True, False)
    assert results["pdf_case"]["details"]["pages"] >= 1
    assert results["pdf_longest"]["details"]["pages"] >= results["pdf_case"]["details"]["pages"]
    validation = results["validate_unknown_ids"]["details"]
    assert validation["problems"] == validation["unknown_ids"] == 500
    table = (tmp_path / "quick.md").read_text(encoding="utf-8")
    assert f"Reproduce with: `{document['command']}`" in table
    assert table.count("\n| ") >= 1 + len(PURE_PARTS)


def test_generated_profiles_are_reproducible_and_all_screen(book: RuleBook) -> None:
    first = generate_profiles(book, 40, seed=3)

    assert first == generate_profiles(book, 40, seed=3)
    assert first != generate_profiles(book, 40, seed=4)
    assert len({p.findings for p in first}) > 30
    for profile in first:
        screen(profile, book)


def test_spread_is_the_median_and_an_observed_95th_percentile() -> None:
    figures = spread([float(n) for n in range(20, 0, -1)])

    assert (figures.median, figures.p95, figures.count) == (10.5, 19.0, 20)


def test_table_marks_a_missed_target_and_a_benchmark_that_could_not_run() -> None:
    slow = Measurement(
        key="rerun",
        name="Rerun",
        unit="ms",
        value=40.0,
        p95=50.0,
        baseline_name="bare page",
        baseline_value=4.0,
        target=Target(limit=3.0, on="ratio", text="ratio < 3"),
    )
    broken = NotMeasured("memory", "Memory", Target(5.0, "value", "< 5 MB"), "no chromium\nmore")
    fields = "cpu cores ram_gib os python streamlit pydantic fpdf2 pyyaml chromium commit"
    machine = dict.fromkeys(fields.split(), "x")
    meta = {"started": "2026-01-01 00:00", "duration_s": 1.0, "quick": False, "book": "b"}

    table = markdown([slow, broken], machine, "cmd", meta)

    assert slow.ratio == 10.0
    assert (
        "| Rerun | 40.0 ms | 50.0 ms | 4.00 ms (bare page) | 10.0× | ratio < 3 | **no** |" in table
    )
    assert "not measured: no chromium |" in table


def test_the_handout_benchmark_builds_a_handout_and_its_key(book: RuleBook) -> None:
    # The harness, not the class size: a handout of three cases runs every part of it.
    students, key = handout.measure(book, repeats=1, count=3)
    assert students.details["cases"] == key.details["cases"] == 3
    # Every case starts a page of the students' sheets.
    assert students.details["pages"] >= 3
    assert students.met in (True, False) and students.ratio and students.ratio > 0
    assert len(handout.class_cases(book)) == handout.CASES


def test_every_load_session_link_reads_back_whole_with_its_own_sodium(book: RuleBook) -> None:
    # A staged case with a sodium of its own once crowded out the session's marker value.
    sessions = load.sessions_for(50, book)

    assert len({s.marker for s in sessions}) == 50
    for session in sessions:
        profile, notices = profile_from_query(parse_qs(session.query), book)
        assert notices == []
        sodium = [lab for lab in profile.labs if lab.analyte == "sodium"]
        assert [f"Sodium {lab.value:g} {lab.unit}" for lab in sodium] == [session.marker]


def test_the_test_run_table_compares_the_medians_against_a_third_faster(tmp_path: Path) -> None:
    runs = [
        test_run.Run("baseline", 150.0, 90.0, "900 passed in 149.00s"),
        test_run.Run("current", 95.0, 120.0, "1229 passed in 94.00s"),
        test_run.Run("baseline", 160.0, 92.0, "900 passed in 159.00s"),
        test_run.Run("current", 105.0, 125.0, "1229 passed in 104.00s"),
    ]
    payload = test_run.write(runs, "483835c", ["-p", "no:xdist"], out=tmp_path)
    assert payload["median_wall_s"] == {"baseline": 155.0, "current": 100.0}
    assert payload["ratio"] == pytest.approx(100 / 155)
    assert payload["met"] is True
    table = (tmp_path / "test-run-latest.md").read_text(encoding="utf-8")
    assert "| 2 | current | 95.0 s | 120.0 s | 1229 passed in 94.00s |" in table
    assert "current ÷ baseline = 0.645 (target ≤ 0.667, a third faster): met." in table
    assert "(run with `-p no:xdist`)" in table


def test_a_suite_that_fails_is_not_timed(tmp_path: Path) -> None:
    (tmp_path / "test_broken.py").write_text("def test_broken():\n    assert False\n")
    with pytest.raises(SystemExit, match="the current suite did not pass"):
        test_run.run_suite(
            "current", tmp_path, ["--disable-plugin-autoload", "-p", "no:cacheprovider"]
        )


def test_an_unknown_baseline_is_refused_in_words() -> None:
    with pytest.raises(SystemExit, match="cannot check out the baseline 'no-such-commit'"):
        test_run.main(["--baseline", "no-such-commit"])


def test_the_illness_script_benchmark_builds_every_categorys_deck(book: RuleBook) -> None:
    measured = scripts.measure(book, repeats=1)
    assert {m.key for m in measured} == {f"script_deck_{c.value}" for c in Category}
    assert all(m.details["pages"] == m.details["syndromes"] for m in measured)
