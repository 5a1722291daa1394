"""Content checks of a loaded rule book: what pydantic cannot see in one file, located by file,
line, rule and field. `python -m screener validate` runs them (with the rule book's own tests);
the test suite runs `validate`, so there is one linter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from screener.models import (
    SCRIPT_SECTIONS,
    Category,
    FrequencyBasis,
    HpoFrequency,
    Status,
    Urgency,
    frequency_of_share,
)
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
        *_mimic_order(loaded),
        *_coverage(loaded),
        *_summaries(loaded),
        *_scripts(loaded),
        *_series_frequencies(loaded),
        *_about(loaded),
        *hpo_problems(loaded),
        *ucum_problems(loaded),
        *(problem for source in loaded.sources.files() for problem in unprintable_texts(source)),
    ]


RED_FLAG_LEADS = {
    Urgency.NOW: (
        "PNS-L014",
        re.compile(
            r"\bemergency (?:number|department)\b.*\bnow\b|\bnow\b.*\bemergency "
            r"(?:number|department)\b",
            re.IGNORECASE,
        ),
        "must say to call the emergency number or go to the emergency department now",
    ),
    Urgency.TODAY: (
        "PNS-L015",
        re.compile(r"\bsame[- ]day\b", re.IGNORECASE),
        "must say to be seen the same day",
    ),
    Urgency.THIS_WEEK: (
        "PNS-L016",
        re.compile(r"\bwithin (?:a few )?days\b", re.IGNORECASE),
        "must say to be seen within days",
    ),
}
"""What the first sentence of a red flag's text must say at each urgency: the action first."""
EMERGENCY_CARE = re.compile(r"emergency (?:number|department)", re.IGNORECASE)
FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _red_flag_text(loaded: LoadedBook, i: int) -> Iterator[Problem]:
    flag = loaded.book.red_flags[i]
    origin = loaded.sources.origin("red_flags", (i, "text"))
    sentences = FIRST_SENTENCE.split(" ".join(flag.text.split()))
    code, lead, says = RED_FLAG_LEADS[flag.urgency]
    if not lead.search(sentences[0]):
        yield origin.problem(f"a '{flag.urgency.value}' flag's first sentence {says}", code=code)
    if flag.urgency != Urgency.NOW:
        for sentence in sentences:
            if EMERGENCY_CARE.search(sentence) and not re.search(r"\bif\b", sentence, re.I):
                yield origin.problem(
                    "a less urgent flag may name emergency care only for when things get worse "
                    f"('if …'): {sentence[:80]!r}",
                    code="PNS-L017",
                )


MYELOPATHY = "myelopathy_signs"
CORD_COMPRESSION = "metastatic_spinal_cord_compression"
BRAIN_METASTASES_FIRST = "cns_metastases_before_imaging"
TREAT_AT_ONCE = ("herpes_simplex_encephalitis",)
"""Mimics that may come before the metastasis-first one: an infection treated at once, before a
scan (aciclovir for herpes encephalitis)."""


def _mimic_order(loaded: LoadedBook) -> Iterator[Problem]:
    """Cord compression first for a pattern with spinal cord signs, and brain metastases first
    for a brain syndrome (addendum 2, B1, B5 and C): the look-alikes a person with cancer has
    most often, and the ones a scan answers."""
    book = loaded.book
    for i, syndrome in enumerate(book.syndromes):
        origin = loaded.sources.origin("syndromes", (i, "mimics"))
        if syndrome.brain:
            shown = [m for m in syndrome.mimics if m not in TREAT_AT_ONCE]
            if not shown or shown[0] != BRAIN_METASTASES_FIRST:
                yield origin.problem(
                    f"a brain syndrome names '{BRAIN_METASTASES_FIRST}' first (after "
                    f"{', '.join(TREAT_AT_ONCE)} only)",
                    code="PNS-L034",
                )
        if MYELOPATHY in book.syndrome_findings[syndrome.id]:
            shown = [m for m in syndrome.mimics if m != BRAIN_METASTASES_FIRST]
            if not shown or shown[0] != CORD_COMPRESSION:
                yield origin.problem(
                    f"a pattern with spinal cord signs names '{CORD_COMPRESSION}' first (after "
                    "the metastasis-first mimic of a brain syndrome)",
                    code="PNS-L033",
                )


def _needs_review_sources(loaded: LoadedBook, refs: tuple[str, ...]) -> list[str]:
    by_id = loaded.book.reference_by_id
    return [r for r in refs if by_id[r].status != Status.SOURCE_CHECKED]


def _syndromes(loaded: LoadedBook) -> Iterator[Problem]:
    book, where = loaded.book, loaded.sources
    for i, syndrome in enumerate(book.syndromes):

        def problem(message: str, code: str, *path: str | int, i: int = i) -> Problem:
            return where.origin("syndromes", (i, *path)).problem(message, code=code)

        positives = [e for e in syndrome.examples if e.expect != "no_match"]
        if len(positives) < 2:
            yield problem("needs at least two positive examples", "PNS-L001", "examples")
        if not any(not e.cancers for e in positives):
            yield problem(
                "needs a positive example without a known cancer (patterns often come first)",
                "PNS-L002",
                "examples",
            )
        if syndrome.key is None:
            yield problem(
                "needs a 'key': the specific part without which no card shows",
                "PNS-L003",
                "criteria",
            )
        if not syndrome.mimics:
            yield problem("needs at least one mimic", "PNS-L004", "mimics")
        if not syndrome.discuss:
            yield problem("needs questions to discuss with a physician", "PNS-L005", "discuss")
        for j, question in enumerate(syndrome.discuss):
            if not question.rstrip().endswith("?"):
                yield problem("a question to discuss must end with '?'", "PNS-L006", "discuss", j)
        if len(syndrome.detail) < MIN_DETAIL_CHARS:
            yield problem(
                f"teaching text is shorter than {MIN_DETAIL_CHARS} characters", "PNS-L007", "detail"
            )
        if HTML_TAG.search(syndrome.detail):
            yield problem(
                "teaching text is Markdown and must not contain HTML", "PNS-L008", "detail"
            )
        if syndrome.pns_care is not None and syndrome.category != Category.NEUROLOGIC:
            yield problem(
                "only neurologic syndromes are scored with PNS-Care", "PNS-L009", "pns_care"
            )
        unchecked = _needs_review_sources(loaded, syndrome.references)
        if unchecked and syndrome.status == Status.SOURCE_CHECKED:
            yield problem(
                f"cites a reference awaiting checking ({', '.join(unchecked)}), so its status "
                "must be needs-review",
                "PNS-L010",
                "status",
            )


def _mimics(loaded: LoadedBook) -> Iterator[Problem]:
    book = loaded.book
    used = {m for s in book.syndromes for m in s.mimics}
    used |= {c.cause for c in book.mimic_cases if c.cause}
    for i, mimic in enumerate(book.mimics):
        if mimic.id not in used:
            yield loaded.sources.origin("mimics", (i, "id")).problem(
                "no syndrome lists this mimic and no mimic case names it", code="PNS-L011"
            )


def _red_flags(loaded: LoadedBook) -> Iterator[Problem]:
    for i, flag in enumerate(loaded.book.red_flags):
        if not flag.references and flag.status == Status.SOURCE_CHECKED:
            yield loaded.sources.origin("red_flags", (i, "status")).problem(
                "cites no source, so it rests on standard knowledge and must be needs-review",
                code="PNS-L012",
            )
        unchecked = _needs_review_sources(loaded, flag.references)
        if unchecked and flag.status == Status.SOURCE_CHECKED:
            yield loaded.sources.origin("red_flags", (i, "status")).problem(
                f"cites a reference awaiting checking ({', '.join(unchecked)}), so its status "
                "must be needs-review",
                code="PNS-L013",
            )
        yield from _red_flag_text(loaded, i)


def _labs(loaded: LoadedBook) -> Iterator[Problem]:
    for i, analyte in enumerate(loaded.book.labs):
        for j, threshold in enumerate(analyte.thresholds):
            side, bound = threshold.bound
            if not analyte.plausible.low <= bound <= analyte.plausible.high:
                yield loaded.sources.origin("labs", (i, "thresholds", j, side)).problem(
                    f"the cut-off {bound:g} {analyte.unit} lies outside the plausible range "
                    f"({analyte.plausible.low:g}–{analyte.plausible.high:g} {analyte.unit})",
                    code="PNS-L020",
                )
        if analyte.status != Status.SOURCE_CHECKED:
            continue
        if not analyte.references:
            yield loaded.sources.origin("labs", (i, "status")).problem(
                "cites no source for its cut-offs, so they rest on standard knowledge and it "
                "must be needs-review",
                code="PNS-L018",
            )
        unchecked = _needs_review_sources(loaded, analyte.references)
        if unchecked:
            yield loaded.sources.origin("labs", (i, "status")).problem(
                f"cites a reference awaiting checking ({', '.join(unchecked)}), so its status "
                "must be needs-review",
                code="PNS-L019",
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
                yield origin.problem(f"no rule covers '{entry.split('|')[0]}'", code="PNS-L021")
            elif found[0].category != category:
                yield origin.problem(
                    f"'{found[0].id}' covers it but is {found[0].category.value}, not "
                    f"{category.value}",
                    code="PNS-L022",
                )
    with_cases = {case.category for case in book.cases}
    for category in Category:
        if category not in with_cases:
            yield loaded.sources.origin("cases").problem(
                f"no teaching case for the {category.value} category", code="PNS-L023"
            )


def _series_frequencies(loaded: LoadedBook) -> Iterator[Problem]:
    book = loaded.book
    for i, rated in enumerate(book.series_frequencies):
        syndrome = book.syndrome_by_id[rated.syndrome]
        if rated.finding not in syndrome.rule_findings:
            yield loaded.sources.origin("series_frequencies", (i, "finding")).problem(
                f"'{rated.finding}' is not one of {rated.syndrome}'s rule findings (criteria, "
                "key or supporting)",
                code="PNS-L041",
            )
        if rated.percent is not None and frequency_of_share(rated.percent) != rated.band:
            yield loaded.sources.origin("series_frequencies", (i, "band")).problem(
                f"{rated.percent:g} % falls in {frequency_of_share(rated.percent).value}, "
                f"not {rated.band.value}",
                code="PNS-L042",
            )
        if rated.basis is FrequencyBasis.DEFINITION and rated.band is not HpoFrequency.OBLIGATE:
            yield loaded.sources.origin("series_frequencies", (i, "band")).problem(
                "a finding the syndrome's definition requires is seen in every case: its band is "
                f"obligate, not {rated.band.value}",
                code="PNS-L044",
            )
        if any(
            f.finding == rated.finding and f.orpha for f in book.finding_frequencies[rated.syndrome]
        ):
            yield loaded.sources.origin("series_frequencies", (i, "finding")).problem(
                "Orphanet's annotation already rates this finding, so the series is never shown",
                code="PNS-L043",
            )


def _scripts(loaded: LoadedBook) -> Iterator[Problem]:
    for i, syndrome in enumerate(loaded.book.syndromes):
        if syndrome.script is None:
            yield loaded.sources.origin("syndromes", (i, "script")).problem(
                "needs its illness script's slots (script: who and time_course)", code="PNS-L040"
            )
        for heading in SCRIPT_SECTIONS.values():
            if syndrome.section(heading) is None:
                yield loaded.sources.origin("syndromes", (i, "detail")).problem(
                    f"needs a '**{heading}.**' paragraph, which its illness script reads",
                    code="PNS-L040",
                )


def _summaries(loaded: LoadedBook) -> Iterator[Problem]:
    for i, case in enumerate(loaded.book.cases):
        if case.summary is None:
            yield loaded.sources.origin("cases", (i, "summary")).problem(
                "needs a model summary statement (summary: sentence and qualifiers), which a "
                "learner's own is set beside",
                code="PNS-L039",
            )


def _about(loaded: LoadedBook) -> Iterator[Problem]:
    about = loaded.book.about
    where = loaded.sources

    ids = [s.id for s in about.sections]
    for required in REQUIRED_ABOUT_SECTIONS:
        if required not in ids:
            yield where.origin("about", ("sections",)).problem(
                f"missing section '{required}'", code="PNS-L024"
            )
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
            yield origin.problem("states clinical facts, so it must cite a source", code="PNS-L025")
        if is_body and FIGURE.search(text) and not refs:
            yield origin.problem("quotes a figure without a source", code="PNS-L026")
        for hit in unnegated_output_words(text):
            yield origin.problem(
                f"calls an output a diagnosis or probability: '{hit}'", code="PNS-L027"
            )
        if HTML_TAG.search(text):
            yield origin.problem("is Markdown and must not contain HTML", code="PNS-L028")
        for phrase in UNSOURCED_PHRASES:
            if phrase in text and "await" not in text and status == Status.SOURCE_CHECKED:
                yield origin.problem(
                    f"states '{phrase}' without saying that it awaits review", code="PNS-L029"
                )
    low, high = FAQ_SIZE
    if not low <= len(about.faq) <= high:
        yield where.origin("about", ("faq",)).problem(
            f"has {len(about.faq)} questions; the FAQ should have {low} to {high}",
            code="PNS-L030",
        )
    for topic in REQUIRED_FAQ_TOPICS:
        if not any(topic in item.question for item in about.faq):
            yield where.origin("about", ("faq",)).problem(
                f"no question about '{topic}'", code="PNS-L031"
            )
