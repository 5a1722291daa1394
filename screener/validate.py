"""`python -m screener validate`: the rule book's one linter.

It loads the book (every located file problem), runs the content checks (`rulebook.lint`), every
rule's own examples, the mimics set, and the checks that need the engine: non-specific findings
never make a pattern, each teaching case shows its answer first, and the About text quotes the
numbers and words the screener really uses. Every problem is located by file, line, rule and
field. The test suite calls this, so there is nothing pytest rejects that validate passes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from screener.engine import screen
from screener.engine.screen import (
    ANTIBODY_POINTS,
    CRITERIA_POINTS,
    NEAR_MISS_PROGRESS,
    REPORTED_CANCER_POINTS,
    SUPPORTING_POINTS,
    TYPICAL_CANCER_POINTS,
)
from screener.engine.selftest import run_example, run_mimic_case
from screener.models import AntibodyRisk, PhenotypeRisk, PnsCareLevel, Profile, Urgency
from screener.rulebook import DEFAULT_RULES_DIR, LoadedBook, Problem, RuleBookError, load_located
from screener.rulebook.lint import lint

NEAR_MISS_WORDS = {0.5: "half"}
"""How the About text says the near-miss share."""


@dataclass(frozen=True)
class Validation:
    problems: tuple[Problem, ...]
    examples: int
    mimic_cases: int


def validate(rules_dir: Path | str = DEFAULT_RULES_DIR) -> Validation:
    try:
        loaded = load_located(rules_dir)
    except RuleBookError as error:
        return Validation(error.problems, 0, 0)
    book = loaded.book
    problems = [*lint(loaded), *_self_tests(loaded), *_engine_checks(loaded)]
    examples = sum(len(s.examples) for s in book.syndromes)
    return Validation(tuple(problems), examples, len(book.mimic_cases))


def _self_tests(loaded: LoadedBook) -> Iterator[Problem]:
    book = loaded.book
    for i, syndrome in enumerate(book.syndromes):
        for j in range(len(syndrome.examples)):
            outcome = run_example(syndrome, j, book)
            if not outcome.passed:
                origin = loaded.sources.origin("syndromes", (i, "examples", j))
                yield origin.problem(
                    f"example {j + 1}: expected {outcome.expect}, got {outcome.got}"
                )
    for i, case in enumerate(book.mimic_cases):
        mimic = run_mimic_case(case, book)
        for problem in mimic.problems:
            yield loaded.sources.origin("mimic_cases", (i,)).problem(problem)


def _engine_checks(loaded: LoadedBook) -> Iterator[Problem]:
    book, where = loaded.book, loaded.sources
    vague = tuple(f for f, finding in book.enterable_findings.items() if finding.nonspecific)
    for i, syndrome in enumerate(book.syndromes):
        profile = Profile(
            findings=vague, cancers=syndrome.cancers.typical, antibodies=syndrome.antibodies
        )
        if syndrome.id in {m.syndrome for m in screen(profile, book).matches}:
            yield where.origin("syndromes", (i, "criteria")).problem(
                "non-specific findings alone (with its cancers and antibodies) make this pattern"
            )
    for i, case in enumerate(book.cases):
        matches = screen(Profile.of(case), book).matches
        if not matches or matches[0].syndrome != case.answer:
            top = matches[0].syndrome if matches else "no pattern"
            yield where.origin("cases", (i, "answer")).problem(
                f"the case's top card is {top}, not its answer {case.answer}"
            )
        elif book.syndrome_by_id[case.answer].category != case.category:
            yield where.origin("cases", (i, "category")).problem(
                "the case's category is not its answer's category"
            )
    yield from _about_matches_the_screener(loaded)


def _about_matches_the_screener(loaded: LoadedBook) -> Iterator[Problem]:
    """The About text explains the screener with the numbers and words it really uses."""
    book = loaded.book
    sections = {s.id: (i, " ".join(s.body.split())) for i, s in enumerate(book.about.sections)}
    rules = book.pns_care
    phenotype, antibody = rules.phenotype, rules.antibody
    sodium = book.lab_by_id.get("sodium")
    low_sodium = next(
        (t for t in (sodium.thresholds if sodium else ()) if t.finding == "low_sodium"), None
    )
    wanted = {
        "how_this_screener_works": [
            f"more than {NEAR_MISS_WORDS[NEAR_MISS_PROGRESS]} of the criteria hold",
            f"up to {CRITERIA_POINTS} points for the criteria",
            f"{SUPPORTING_POINTS} point for each supporting finding",
            f"{TYPICAL_CANCER_POINTS} points for a typical cancer",
            f"({REPORTED_CANCER_POINTS} point for a reported one)",
            f"{ANTIBODY_POINTS} points for a linked antibody",
            *(f'"{book.safety.urgent.at(u).heading}"' for u in Urgency),
            f'"{book.safety.no_pattern_heading}". That excludes nothing.',
        ]
        + (
            [f"sodium below {low_sodium.bound[1]:g} {sodium.unit}"] if low_sodium and sodium else []
        ),
        "pns_care": [
            f"High-risk phenotype: **{phenotype[PhenotypeRisk.HIGH].points}**",
            f"Intermediate-risk phenotype: **{phenotype[PhenotypeRisk.INTERMEDIATE].points}**",
            f"High-risk antibody: **{antibody[AntibodyRisk.HIGH].points}**",
            f"Intermediate-risk antibody: **{antibody[AntibodyRisk.INTERMEDIATE].points}**",
            f"antibody: **{rules.cancer_consistent.points}**",
            f"follow-up: **{rules.no_cancer_short_follow_up.points}**",
            f"follow-up: **{rules.no_cancer_long_follow_up.points}**",
            *_pns_care_levels(book.pns_care.levels),
        ],
    }
    for section_id, phrases in wanted.items():
        if section_id not in sections:
            continue
        i, body = sections[section_id]
        for phrase in phrases:
            if phrase not in body:
                yield loaded.sources.origin("about", ("sections", i, "body")).problem(
                    f"should say {phrase!r}, as the screener does"
                )


def _pns_care_levels(levels: tuple[PnsCareLevel, ...]) -> list[str]:
    top, *middle, bottom = sorted(levels, key=lambda lv: lv.min_total, reverse=True)
    phrases = [f"{top.min_total} points or more: **{top.name}**"]
    upper = top.min_total
    for level in middle:
        phrases.append(f"{level.min_total}–{upper - 1}: **{level.name}**")
        upper = level.min_total
    phrases.append(f"{upper - 1} or fewer: **{bottom.name}**")
    return phrases
