"""Content checks of a loaded rule book: what pydantic cannot see in one file, located by file,
line, rule and field. `python -m screener validate` runs them (with the rule book's own tests);
the test suite runs `validate`, so there is one linter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from screener.models import Category, Status
from screener.rulebook.hpo import hpo_problems
from screener.rulebook.loader import LoadedBook
from screener.rulebook.printable import unprintable_texts
from screener.rulebook.problems import Problem
from screener.rulebook.ucum import ucum_problems

MIN_DETAIL_CHARS = 200
REQUIRED_ABOUT_SECTIONS = (
    "what_they_are",
    "mechanisms",
    "how_common",
    "symptoms_come_first",
    "confirming_and_treating",
    "criteria_2021",
    "pns_care",
    "criteria_2004",
    "how_this_screener_works",
    "limits",
)
REQUIRED_FAQ_TOPICS = ("needs-review", "for a patient", "stored", "tiredness or weight loss")
FAQ_SIZE = (6, 10)

FIGURE = re.compile(r"\d\s?%|per 100,000|\b1 (?:for every|in) \d+")
OUTPUT_WORD = re.compile(r"\b(?:diagnos\w*|probabilit\w*)", re.IGNORECASE)
NEGATIONS = {"not", "no", "never", "nor", "neither", "without", "cannot"}
HTML_TAG = re.compile(r"<\s*/?[A-Za-z!]")
UNSOURCED_PHRASES = ("Non-PNS", "lists eight", "never show a pattern on")
"""Phrases for content the clinical reference marks as standard teaching not found in a source:
the text stating them must say that it awaits review."""


def unnegated_output_words(text: str) -> list[str]:
    """Uses of 'diagnosis' or 'probability' not negated within the four words before them."""
    hits = []
    for match in OUTPUT_WORD.finditer(text):
        clause = re.split(r"[.!?;:]", text[: match.start()])[-1]
        recent = re.findall(r"[a-z']+", clause.lower())[-4:]
        if not NEGATIONS & set(recent) and not any(w.endswith("n't") for w in recent):
            hits.append(f"...{clause[-60:]}{match.group()}")
    return hits


def lint(loaded: LoadedBook) -> list[Problem]:
    """Every content problem of the book, in file order within each check."""
    return [
        *_syndromes(loaded),
        *_red_flags(loaded),
        *_labs(loaded),
        *_mimics(loaded),
        *_coverage(loaded),
        *_about(loaded),
        *hpo_problems(loaded),
        *ucum_problems(loaded),
        *(problem for source in loaded.sources.files() for problem in unprintable_texts(source)),
    ]


def _needs_review_sources(loaded: LoadedBook, refs: tuple[str, ...]) -> list[str]:
    by_id = loaded.book.reference_by_id
    return [r for r in refs if by_id[r].status != Status.SOURCE_CHECKED]


def _syndromes(loaded: LoadedBook) -> Iterator[Problem]:
    book, where = loaded.book, loaded.sources
    for i, syndrome in enumerate(book.syndromes):

        def problem(message: str, *path: str | int, i: int = i) -> Problem:
            return where.origin("syndromes", (i, *path)).problem(message)

        positives = [e for e in syndrome.examples if e.expect != "no_match"]
        if len(positives) < 2:
            yield problem("needs at least two positive examples", "examples")
        if not any(not e.cancers for e in positives):
            yield problem(
                "needs a positive example without a known cancer (patterns often come first)",
                "examples",
            )
        if syndrome.key is None:
            yield problem("needs a 'key': the specific part that lets a near-miss show", "criteria")
        if not syndrome.mimics:
            yield problem("needs at least one mimic", "mimics")
        if not syndrome.discuss:
            yield problem("needs questions to discuss with a physician", "discuss")
        for j, question in enumerate(syndrome.discuss):
            if not question.rstrip().endswith("?"):
                yield problem("a question to discuss must end with '?'", "discuss", j)
        if len(syndrome.detail) < MIN_DETAIL_CHARS:
            yield problem(f"teaching text is shorter than {MIN_DETAIL_CHARS} characters", "detail")
        if HTML_TAG.search(syndrome.detail):
            yield problem("teaching text is Markdown and must not contain HTML", "detail")
        if syndrome.pns_care is not None and syndrome.category != Category.NEUROLOGIC:
            yield problem("only neurologic syndromes are scored with PNS-Care", "pns_care")
        unchecked = _needs_review_sources(loaded, syndrome.references)
        if unchecked and syndrome.status == Status.SOURCE_CHECKED:
            yield problem(
                f"cites a reference awaiting checking ({', '.join(unchecked)}), so its status "
                "must be needs-review",
                "status",
            )


def _mimics(loaded: LoadedBook) -> Iterator[Problem]:
    book = loaded.book
    used = {m for s in book.syndromes for m in s.mimics}
    used |= {c.cause for c in book.mimic_cases if c.cause}
    for i, mimic in enumerate(book.mimics):
        if mimic.id not in used:
            yield loaded.sources.origin("mimics", (i, "id")).problem(
                "no syndrome lists this mimic and no mimic case names it"
            )


def _red_flags(loaded: LoadedBook) -> Iterator[Problem]:
    for i, flag in enumerate(loaded.book.red_flags):
        if not flag.references and flag.status == Status.SOURCE_CHECKED:
            yield loaded.sources.origin("red_flags", (i, "status")).problem(
                "cites no source, so it rests on standard knowledge and must be needs-review"
            )
        unchecked = _needs_review_sources(loaded, flag.references)
        if unchecked and flag.status == Status.SOURCE_CHECKED:
            yield loaded.sources.origin("red_flags", (i, "status")).problem(
                f"cites a reference awaiting checking ({', '.join(unchecked)}), so its status "
                "must be needs-review"
            )


def _labs(loaded: LoadedBook) -> Iterator[Problem]:
    for i, analyte in enumerate(loaded.book.labs):
        if analyte.status != Status.SOURCE_CHECKED:
            continue
        if not analyte.references:
            yield loaded.sources.origin("labs", (i, "status")).problem(
                "cites no source for its cut-offs, so they rest on standard knowledge and it "
                "must be needs-review"
            )
        unchecked = _needs_review_sources(loaded, analyte.references)
        if unchecked:
            yield loaded.sources.origin("labs", (i, "status")).problem(
                f"cites a reference awaiting checking ({', '.join(unchecked)}), so its status "
                "must be needs-review"
            )


def _normalised(name: str) -> str:
    """Case-insensitive, accent-free, UK and US spellings equal."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    for uk, us in (("tumour", "tumor"), ("haem", "hem"), ("aemia", "emia"), ("oedema", "edema")):
        text = text.replace(uk, us)
    return re.sub(r"[\s\-]+", " ", text).strip()


def _coverage(loaded: LoadedBook) -> Iterator[Problem]:
    book = loaded.book
    names = {s.id: {_normalised(n) for n in (s.name, *s.aliases)} for s in book.syndromes}
    for category, wanted in book.info.coverage.items():
        for j, entry in enumerate(wanted):
            aliases = {_normalised(n) for n in entry.split("|")}
            found = [s for s in book.syndromes if names[s.id] & aliases]
            origin = loaded.sources.origin("info", ("coverage", category.value, j))
            if not found:
                yield origin.problem(f"no rule covers '{entry.split('|')[0]}'")
            elif found[0].category != category:
                yield origin.problem(
                    f"'{found[0].id}' covers it but is {found[0].category.value}, not "
                    f"{category.value}"
                )
    with_cases = {case.category for case in book.cases}
    for category in Category:
        if category not in with_cases:
            yield loaded.sources.origin("cases").problem(
                f"no teaching case for the {category.value} category"
            )


def _about(loaded: LoadedBook) -> Iterator[Problem]:
    about = loaded.book.about
    where = loaded.sources

    ids = [s.id for s in about.sections]
    for required in REQUIRED_ABOUT_SECTIONS:
        if required not in ids:
            yield where.origin("about", ("sections",)).problem(f"missing section '{required}'")
    texts: list[tuple[tuple[str | int, ...], str, str, tuple[str, ...], Status]] = []
    for i, section in enumerate(about.sections):
        texts.append(
            (
                ("sections", i, "body"),
                section.kind,
                section.body,
                section.references,
                section.status,
            )
        )
        texts.append(
            (("sections", i, "heading"), section.kind, section.heading, (), section.status)
        )
    for i, item in enumerate(about.faq):
        texts.append(
            (("faq", i, "answer"), item.kind, item.answer, item.references, Status.SOURCE_CHECKED)
        )
        texts.append((("faq", i, "question"), item.kind, item.question, (), Status.SOURCE_CHECKED))
    for path, kind, text, refs, status in texts:
        origin = where.origin("about", path)
        is_body = path[-1] in ("body", "answer")
        if is_body and kind == "clinical" and not refs:
            yield origin.problem("states clinical facts, so it must cite a source")
        if is_body and FIGURE.search(text) and not refs:
            yield origin.problem("quotes a figure without a source")
        for hit in unnegated_output_words(text):
            yield origin.problem(f"calls an output a diagnosis or probability: '{hit}'")
        if HTML_TAG.search(text):
            yield origin.problem("is Markdown and must not contain HTML")
        for phrase in UNSOURCED_PHRASES:
            if phrase in text and "await" not in text and status == Status.SOURCE_CHECKED:
                yield origin.problem(f"states '{phrase}' without saying that it awaits review")
    low, high = FAQ_SIZE
    if not low <= len(about.faq) <= high:
        yield where.origin("about", ("faq",)).problem(
            f"has {len(about.faq)} questions; the FAQ should have {low} to {high}"
        )
    for topic in REQUIRED_FAQ_TOPICS:
        if not any(topic in item.question for item in about.faq):
            yield where.origin("about", ("faq",)).problem(f"no question about '{topic}'")
