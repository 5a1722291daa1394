"""`python -m screener validate`: the rule book's one linter.

It loads the book (every located file problem), runs the content checks (`rulebook.lint`), every
rule's own examples, the mimics set, and the checks that need the engine: non-specific findings
never make a pattern, each teaching case shows first what it says at each stage (its answer
at the last) without naming it, the About text quotes the numbers and words the screener
really uses, and Orphanet's phenotypes find their syndromes (`screener.orphanet`; an entry's
known gap makes its failure a warning). Every problem is located by file, line, rule and field.
The test suite calls this, so there is nothing pytest rejects that validate passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from screener.engine.screen import (
    ANTIBODY_POINTS,
    CRITERIA_POINTS,
    NEAR_MISS_PROGRESS,
    REPORTED_CANCER_POINTS,
    SUPPORTING_POINTS,
    TYPICAL_CANCER_POINTS,
)
from screener.engine.selftest import run_example, run_mimic_case
from screener.engine.stages import screen_case
from screener.models import (
    AntibodyRisk,
    PhenotypeRisk,
    PnsCareLevel,
    ProfileError,
    Syndrome,
    TeachingCase,
    Urgency,
)
from screener.orphanet import check_orphanet
from screener.rulebook import (
    DEFAULT_RULES_DIR,
    LoadedBook,
    Problem,
    RuleBook,
    RuleBookError,
    load_located,
)
from screener.rulebook.case_pack import PACK, LoadedCases, load_case_pack
from screener.rulebook.hpo import HpoCoverage, hpo_coverage, shipped_ontology
from screener.rulebook.lint import lint
from screener.rulebook.safe_yaml import Path_
from screener.rulebook.sources import SourceIndex

NEAR_MISS_WORDS = {0.5: "half"}
"""How the About text says the near-miss share."""


@dataclass(frozen=True)
class FrequencyCoverage:
    """How many syndromes say how often any of their findings is seen, and from which source."""

    syndromes: int
    rated: int
    orphanet: int
    series: int
    """Those a cited series counts a finding in."""
    definition_only: int
    """Those whose only frequency is a finding their definition requires (a cited source's)."""


def frequency_coverage(book: RuleBook) -> FrequencyCoverage:
    rated = [book.finding_frequencies[s.id] for s in book.syndromes]
    return FrequencyCoverage(
        syndromes=len(rated),
        rated=sum(1 for found in rated if found),
        orphanet=sum(1 for found in rated if any(f.orpha for f in found)),
        series=sum(1 for found in rated if any(f.reference and not f.by_definition for f in found)),
        definition_only=sum(1 for found in rated if found and all(f.by_definition for f in found)),
    )


@dataclass(frozen=True)
class Validation:
    problems: tuple[Problem, ...]
    examples: int
    mimic_cases: int
    warnings: tuple[Problem, ...] = ()
    """Failures the rule book declares as known gaps: reported, and passing."""
    external_examples: int = 0
    external_passed: int = 0
    hpo: HpoCoverage | None = None
    """How many phenotype findings carry HPO terms (None if the book did not load)."""
    hpo_release: str | None = None
    """The HPO release the terms were checked against."""
    frequencies: FrequencyCoverage | None = None
    """How many syndromes rate a finding's frequency (None if the book did not load)."""


def validate(rules_dir: Path | str = DEFAULT_RULES_DIR) -> Validation:
    try:
        loaded = load_located(rules_dir)
    except RuleBookError as error:
        return Validation(error.problems, 0, 0)
    book = loaded.book
    orphanet = check_orphanet(loaded)
    problems = [*lint(loaded), *_self_tests(loaded), *_engine_checks(loaded), *orphanet.problems]
    examples = sum(len(s.examples) for s in book.syndromes)
    coded = any(f.hpo for f in book.findings.values())
    return Validation(
        tuple(problems),
        examples,
        len(book.mimic_cases),
        warnings=orphanet.warnings,
        external_examples=orphanet.examples,
        external_passed=orphanet.passed,
        hpo=hpo_coverage(book),
        hpo_release=shipped_ontology().version if coded else None,
        frequencies=frequency_coverage(book),
    )


def _self_tests(loaded: LoadedBook) -> Iterator[Problem]:
    book = loaded.book
    for i, syndrome in enumerate(book.syndromes):
        for j in range(len(syndrome.examples)):
            outcome = run_example(syndrome, j, book)
            if not outcome.passed:
                origin = loaded.sources.origin("syndromes", (i, "examples", j))
                yield origin.problem(
                    f"example {j + 1}: expected {outcome.expect}, got {outcome.got}",
                    code="PNS-T001",
                )
    for i, case in enumerate(book.mimic_cases):
        mimic = run_mimic_case(case, book)
        for problem in mimic.problems:
            yield loaded.sources.origin("mimic_cases", (i,)).problem(problem, code="PNS-T002")


def _engine_checks(loaded: LoadedBook) -> Iterator[Problem]:
    book, where = loaded.book, loaded.sources
    yield from check_cases(book.cases, where, book)
    yield from _about_matches_the_screener(loaded)


def _named(text: str, syndrome: Syndrome) -> str | None:
    """The answer's name or alias as `text` gives it, if it does (its name in any case; an
    alias as written, so that 'MG' is not found in '15 mg')."""
    for name, flags in ((syndrome.name, re.IGNORECASE), *((a, 0) for a in syndrome.aliases)):
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags):
            return name
    return None


def case_problems(case: TeachingCase, book: RuleBook) -> Iterator[tuple[Path_, str]]:
    """What is wrong with one teaching case beyond what its model checks, each with the path
    inside the case it concerns: its texts name its answer, its category is not its answer's,
    or a stage does not show first what the case says it does."""
    syndrome = book.syndrome_by_id[case.answer]
    if syndrome.category != case.category:
        yield ("category",), "the case's category is not its answer's category"
    texts: list[tuple[Path_, str]] = [(("title",), case.title), (("vignette",), case.vignette)]
    for j, stage in enumerate(case.stages):
        texts += [(("stages", j, "title"), stage.title), (("stages", j, "text"), stage.text)]
    for where, text in texts:
        if (name := _named(text, syndrome)) is not None:
            yield where, f"names the answer ('{name}'), which would give it away on a handout"
    try:
        screenings = screen_case(case, book).stages
    except ProfileError as error:
        yield (), "the case cannot be screened: " + "; ".join(error.problems)
        return
    for screening in screenings:
        if screening.as_expected:
            continue
        got = screening.top or "no pattern"
        if not case.stages:
            yield ("answer",), f"the case's top card is {got}, not its answer {case.answer}"
            continue
        index = screening.index
        at: Path_ = ("top",) if index == 0 else ("stages", index - 1, "top")
        point = "the presentation" if index == 0 else f"stage {index + 1}"
        wanted = screening.expected_top or "no pattern"
        yield at, f"{point} shows {got} first, not {wanted} as its 'top' says"


def check_cases(
    cases: tuple[TeachingCase, ...], where: SourceIndex, book: RuleBook
) -> Iterator[Problem]:
    """`case_problems` of every case, located by the index of where the cases were written
    (the rule book's `cases.yaml`, or a case pack's files)."""
    for i, case in enumerate(cases):
        for path, message in case_problems(case, book):
            yield where.origin("cases", (i, *path)).problem(message, code="PNS-T003")


def validate_case_pack(folder: Path | str, book: RuleBook) -> LoadedCases:
    """A teacher's case pack, loaded and checked like the rule book's own cases. Raises
    `RuleBookError` with every located problem, so a broken pack is refused whole."""
    loaded = load_case_pack(folder, book)
    problems = list(check_cases(loaded.cases, loaded.sources, book))
    if problems:
        raise RuleBookError(problems, PACK)
    return loaded


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
                    f"should say {phrase!r}, as the screener does", code="PNS-L032"
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
