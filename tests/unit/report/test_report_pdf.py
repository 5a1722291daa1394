"""The PDF summary, read back with pypdf as a reader of the printout would see it."""

from __future__ import annotations

import datetime as dt
import getpass
import io
import re
import socket
from pathlib import Path

import pytest
from pypdf import PdfReader

from screener.engine import screen
from screener.models import (
    AgeBand,
    FollowUp,
    LabAnalyte,
    LabValue,
    Profile,
    Reference,
    ScreeningResult,
    Sex,
    Syndrome,
)
from screener.present.criteria_words import missing_text, score_text
from screener.present.view import build_view, pns_care_item_text, pns_care_level
from screener.present.words import TIER
from screener.report.pdf import render_pdf as render_view_pdf
from screener.rulebook import DEFAULT_RULES_DIR, RuleBook
from screener.rulebook.printable import FONT_DIR
from tests.support.books import real_book

GENERATED_AT = dt.datetime(2026, 3, 14, 15, 9, tzinfo=dt.UTC)
TEACHING_PATTERNS = 12
UNICODE_AUTHORS = "Pérez É, Müller J"
UNICODE_TITLE = "Platelets ≥ 400 ×10⁹/L – a teaching note"
MARKUP_SUMMARY = "A **teaching** pattern whose summary holds <b>markup</b> that must stay inert."


def normalise(text: str) -> str:
    return " ".join(text.split())


def render_pdf(result: ScreeningResult, book: RuleBook, **options) -> bytes:
    return render_view_pdf(build_view(result, book), **options)


def page_texts(pdf: bytes) -> list[str]:
    return [normalise(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


# --- Fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rule_book() -> RuleBook:
    return real_book()


@pytest.fixture(scope="module")
def teaching_book(rule_book: RuleBook) -> RuleBook:
    """The real rule book plus many made-up patterns, so one profile fills several pages.

    Its additions also carry the characters a printout must keep: ≥ in the PNS-Care text, µL in
    a lab unit, é and – in a reference.
    """
    specific = [f.id for f in rule_book.findings.values() if not f.nonspecific]
    finding_a, finding_b = specific[0], specific[1]
    cancer = rule_book.cancers[0].id
    antibody = rule_book.antibodies[0].id
    reference = Reference(
        id="pdf_test_unicode",
        authors=UNICODE_AUTHORS,
        title=UNICODE_TITLE,
        source="Teach Test J 2024;1:1–2",
        year=2024,
        doi="10.5555/pdf.test.2024",
        pmid="99999999",
    )
    analyte = LabAnalyte.model_validate(
        {
            "id": "teaching_count",
            "label": "Teaching cell count",
            "loinc": "777-3",
            "unit": "×10⁹/L",
            "ucum": "10*9/L",
            "alternative_units": [{"unit": "/µL", "ucum": "/uL", "factor": 0.001}],
            "plausible": {"low": 1, "high": 3000},
            "thresholds": [{"above": 400, "finding": finding_b}],
        }
    )
    syndromes = tuple(
        Syndrome.model_validate(
            {
                "id": f"teaching_pattern_{n:02d}",
                "name": f"Teaching pattern {n:02d}",
                "category": "neurologic",
                "status": "source-checked",
                "summary": MARKUP_SUMMARY if n == 1 else f"Made-up pattern number {n}.",
                "detail": "Exists only to make the summary long.",
                "criteria": {"all_of": [finding_a, finding_b]},
                "cancers": {"typical": [cancer]},
                "antibodies": [antibody],
                "pns_care": {"phenotype": "high_risk"},
                "mimics": [rule_book.mimics[0].id],
                "discuss": ["Which test would tell these apart?"],
                "references": ["pdf_test_unicode"],
                "provenance": {"author": "tests", "written": "2026-12-01"},
                "examples": [
                    {"expect": "strong", "findings": [finding_a, finding_b], "cancers": [cancer]},
                    {"expect": "no_match", "findings": [finding_a]},
                ],
            }
        )
        for n in range(1, TEACHING_PATTERNS + 1)
    )
    pns_care = rule_book.pns_care.model_copy(
        update={
            "levels": tuple(
                level.model_copy(update={"explanation": f"≥ {level.min_total} points"})
                for level in rule_book.pns_care.levels
            )
        }
    )
    fields = {name: getattr(rule_book, name) for name in RuleBook.model_fields}
    return RuleBook(
        **fields
        | {
            "syndromes": rule_book.syndromes + syndromes,
            "references": (*rule_book.references, reference),
            "labs": (*rule_book.labs, analyte),
            "pns_care": pns_care,
        }
    )


@pytest.fixture(scope="module")
def many_result(teaching_book: RuleBook) -> ScreeningResult:
    specific = [f.id for f in teaching_book.findings.values() if not f.nonspecific]
    urgent = next(flag.when for flag in teaching_book.red_flags if isinstance(flag.when, str))
    profile = Profile(
        findings=(specific[0], urgent),
        cancers=(teaching_book.cancers[0].id,),
        antibodies=(teaching_book.antibodies[0].id,),
        labs=(LabValue(analyte="teaching_count", value=450_000, unit="/µL"),),
        age_band=AgeBand.OLDER,
        sex=Sex.FEMALE,
        follow_up=FollowUp.UNDER_2_YEARS,
    )
    return screen(profile, teaching_book)


@pytest.fixture(scope="module")
def many_pdf(many_result: ScreeningResult, teaching_book: RuleBook) -> bytes:
    return render_pdf(many_result, teaching_book, generated_at=GENERATED_AT)


@pytest.fixture(scope="module")
def one_page_result(rule_book: RuleBook) -> ScreeningResult:
    vague = next(f.id for f in rule_book.findings.values() if f.nonspecific)
    return screen(Profile(findings=(vague,), sex=Sex.MALE), rule_book)


@pytest.fixture(scope="module")
def one_page_pdf(one_page_result: ScreeningResult, rule_book: RuleBook) -> bytes:
    return render_pdf(one_page_result, rule_book, generated_at=GENERATED_AT)


@pytest.fixture(scope="module")
def many_text(many_pdf: bytes) -> str:
    return " ".join(page_texts(many_pdf))


# --- Every page -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pdf_fixture", "expect_pages"),
    [("one_page_pdf", range(1, 2)), ("many_pdf", range(4, 100))],
)
def test_every_page_carries_the_disclaimer_and_the_physician_prompt(
    request: pytest.FixtureRequest, rule_book: RuleBook, pdf_fixture: str, expect_pages: range
) -> None:
    pages = page_texts(request.getfixturevalue(pdf_fixture))
    assert len(pages) in expect_pages
    for number, text in enumerate(pages, start=1):
        assert normalise(rule_book.safety.disclaimer) in text, f"page {number}"
        assert normalise(rule_book.safety.see_a_physician) in text, f"page {number}"


@pytest.mark.parametrize("pdf_fixture", ["one_page_pdf", "many_pdf"])
def test_every_page_says_page_n_of_total(request: pytest.FixtureRequest, pdf_fixture: str) -> None:
    pages = page_texts(request.getfixturevalue(pdf_fixture))
    for number, text in enumerate(pages, start=1):
        assert re.findall(r"Page (\S+) of (\S+)", text) == [(str(number), str(len(pages)))]


@pytest.mark.parametrize(
    ("page_size", "width_pt", "height_pt"),
    [("A4", 595.28, 841.89), ("Letter", 612.0, 792.0)],
)
def test_page_size(
    one_page_result: ScreeningResult,
    rule_book: RuleBook,
    page_size: str,
    width_pt: float,
    height_pt: float,
) -> None:
    pdf = render_pdf(one_page_result, rule_book, page_size=page_size)
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert float(box.width) == pytest.approx(width_pt, abs=0.5)
    assert float(box.height) == pytest.approx(height_pt, abs=0.5)


def test_unknown_page_size_is_refused(
    one_page_result: ScreeningResult, rule_book: RuleBook
) -> None:
    with pytest.raises(ValueError, match="A4, Letter"):
        render_pdf(one_page_result, rule_book, page_size="A3")


# --- Content ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["≥ 8 points", "450000 /µL", "450 ×10⁹/L", UNICODE_AUTHORS, UNICODE_TITLE, "1–2"],
)
def test_non_ascii_text_round_trips(many_text: str, text: str) -> None:
    assert text in many_text


def test_every_input_appears(
    many_text: str, many_result: ScreeningResult, teaching_book: RuleBook
) -> None:
    profile = many_result.profile
    for finding in profile.findings:
        assert normalise(teaching_book.findings[finding].label) in many_text
        system = teaching_book.system_of_finding[finding]
        assert normalise(f"Findings: {system.label}") in many_text
    for cancer in profile.cancers:
        assert normalise(teaching_book.label("cancer", cancer)) in many_text
    for antibody in profile.antibodies:
        assert normalise(teaching_book.label("antibody", antibody)) in many_text
    for finding in many_result.lab_findings:
        assert normalise(teaching_book.label("finding", finding)) in many_text
    assert "Teaching cell count" in many_text
    assert "Age band 65+ years" in many_text
    assert "Sex Female" in many_text
    assert "under 2 years" in many_text


def test_every_shown_pattern_appears_with_its_explanation(
    many_text: str, many_result: ScreeningResult, teaching_book: RuleBook
) -> None:
    assert len(many_result.matches) >= TEACHING_PATTERNS
    for match in many_result.matches:
        assert normalise(match.name) in many_text
        assert normalise(score_text(match, teaching_book)) in many_text
        assert normalise(missing_text(match, teaching_book)) in many_text
        assert normalise(TIER[match.tier]) in many_text
    assert "Which test would tell these apart?" in many_text
    assert teaching_book.mimics[0].name in many_text


def test_pns_care_breakdown_is_shown(
    many_text: str, many_result: ScreeningResult, teaching_book: RuleBook
) -> None:
    score = many_result.matches[0].pns_care
    assert score is not None
    assert "PNS-Care score" in many_text
    level = pns_care_level(score, teaching_book).name
    assert normalise(f"Total {score.total} points: {level}") in many_text
    for item in score.items:
        assert normalise(pns_care_item_text(item, teaching_book)) in many_text


def test_book_version_review_state_and_full_hash_appear(
    many_text: str, many_result: ScreeningResult
) -> None:
    stamp = many_result.book
    assert stamp.content_hash in many_text
    assert f"version {stamp.version}" in many_text
    assert "not yet reviewed by a clinician" in many_text
    assert "2026-03-14 15:09 UTC" in many_text


def test_generation_time_is_shown_in_utc(
    one_page_result: ScreeningResult, rule_book: RuleBook
) -> None:
    in_berlin = dt.datetime(2026, 3, 14, 16, 9, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    text = " ".join(page_texts(render_pdf(one_page_result, rule_book, generated_at=in_berlin)))
    assert "2026-03-14 15:09 UTC" in text


def test_red_flag_raises_the_urgent_banner_on_the_first_page(
    many_pdf: bytes, many_result: ScreeningResult, teaching_book: RuleBook
) -> None:
    first = page_texts(many_pdf)[0]
    safety = teaching_book.safety
    assert many_result.red_flags
    assert normalise(safety.urgent.now.heading) in first
    assert normalise(safety.urgent.now.text) in first
    for flag in many_result.red_flags:
        assert normalise(flag.text) in first
    assert first.index(normalise(safety.urgent.now.heading)) < first.index("What was entered")


def test_no_pattern_says_so_and_raises_no_banner(one_page_pdf: bytes, rule_book: RuleBook) -> None:
    text = page_texts(one_page_pdf)[0]
    safety = rule_book.safety
    assert normalise(safety.no_pattern_heading) in text
    assert normalise(safety.no_pattern) in text
    assert normalise(safety.urgent.now.heading) not in text
    assert "References for the patterns shown" not in text


def test_known_associations_are_listed(rule_book: RuleBook) -> None:
    linked = next(s for s in rule_book.syndromes if s.cancers.typical)
    result = screen(Profile(cancers=(linked.cancers.typical[0],)), rule_book)
    assert result.associations
    text = " ".join(page_texts(render_pdf(result, rule_book)))
    assert "Known associations of the selected cancer or antibody" in text
    for association in result.associations:
        assert normalise(association.name) in text


def test_references_are_those_of_the_shown_patterns(
    many_text: str, many_result: ScreeningResult, teaching_book: RuleBook
) -> None:
    cited = {
        r for m in many_result.matches for r in teaching_book.syndrome_by_id[m.syndrome].references
    }
    for reference in teaching_book.references:
        shown = reference.doi and f"DOI {reference.doi}" in many_text
        assert bool(shown) == (reference.id in cited and reference.doi is not None), reference.id
    assert "PMID 99999999" in many_text


def test_rule_text_is_plain_text_never_markup(many_text: str) -> None:
    assert "A teaching pattern whose summary holds <b>markup</b> that must stay inert." in many_text
    assert "**" not in many_text


def test_nothing_outside_the_profile_appears(
    many_pdf: bytes, many_text: str, many_result: ScreeningResult, teaching_book: RuleBook
) -> None:
    reader = PdfReader(io.BytesIO(many_pdf))
    metadata = " ".join(str(value) for value in (reader.metadata or {}).values())
    raw = many_pdf.decode("latin-1")
    machine = [socket.gethostname(), str(Path.cwd()), str(Path.home()), str(FONT_DIR)]
    machine += [str(DEFAULT_RULES_DIR), "/work/"]
    user = getpass.getuser()
    for secret in machine:
        assert secret not in many_text and secret not in metadata, secret
        # Compressed streams hold any short byte run by chance; only a long one is telling.
        if len(secret) >= 8:
            assert secret not in raw, secret
    assert f" {user} " not in f" {many_text} " and user not in metadata

    entered = many_text.split("What was entered", 1)[1].split("Patterns the findings", 1)[0]
    present = set(many_result.profile.findings) | many_result.lab_findings
    present_labels = [teaching_book.findings[f].label for f in present]
    for finding in teaching_book.findings.values():
        if finding.id not in present and not any(finding.label in p for p in present_labels):
            assert normalise(finding.label) not in entered, finding.id


def test_same_screening_gives_the_same_bytes(
    many_pdf: bytes, many_result: ScreeningResult, teaching_book: RuleBook
) -> None:
    assert render_pdf(many_result, teaching_book, generated_at=GENERATED_AT) == many_pdf


def test_fonts_and_licence_ship_inside_the_package() -> None:
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"):
        assert (FONT_DIR / name).is_file(), name
    assert FONT_DIR.parent.name == "screener"
    assert "Bitstream" in (FONT_DIR / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
