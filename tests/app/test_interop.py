"""The app speaks the standards: the Screen page opens an uploaded Phenopacket as the case (and
says what it could not use), refuses a hostile one in words with the disclaimer still framing
the page, keeps no upload, and offers the case as a Phenopacket and a FHIR Bundle; the Cases
page offers the chosen cases as a quiz."""

from __future__ import annotations

import pytest
import streamlit as st
from fhir.resources.R4B.bundle import Bundle
from streamlit.testing.v1 import AppTest

from screener.app import case_state
from screener.inputs.phenopacket import phenopacket_case
from screener.models import Profile
from screener.rulebook import RuleBook
from tests.app.conftest import assert_no_exception, open_link, open_page, page_text
from tests.unit.house.test_privacy import disk_watch  # noqa: F401 (a fixture)
from tests.unit.inputs.test_phenopacket import HOSTILE, feature, packet_json

PROBE = "zqxuploadprobe"


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> dict[str, dict]:
    """Each download button's arguments by label, as the page last drew it."""
    buttons: dict[str, dict] = {}
    original = st.download_button

    def spy(label, data, *args, **kwargs):
        buttons[label] = {"data": data, **kwargs}
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    monkeypatch.setattr(case_state, "PDF_GRACE_S", 0.0)
    return buttons


def upload(app: AppTest, content: bytes) -> None:
    (uploader,) = app.get("file_uploader")
    uploader.set_value(("case.json", content, "application/json"))
    app.run()
    assert_no_exception(app)


@pytest.mark.usefixtures("disk_watch")
def test_an_uploaded_phenopacket_becomes_the_case_and_is_not_kept(
    app: AppTest, book: RuleBook
) -> None:
    app.run()
    document = packet_json(
        phenotypic_features=[
            feature("HP:0001250", "Seizure"),
            feature("HP:0000217", "Xerostomia"),
            feature("HP:9999999", PROBE),
        ]
    ).encode()
    upload(app, document)
    current = app.session_state["screen.case"]
    assert {"seizures", "dry_mouth"} <= set(current.profile.findings)
    text = page_text(app)
    assert "Opened. Read as follows, or not used:" in text
    assert "'HP:9999999'" in text and "not in the HPO" in text
    assert book.safety.disclaimer in text
    # The upload is read once: a fresh uploader stands in its place, holding nothing.
    (uploader,) = app.get("file_uploader")
    assert uploader.value is None
    kept = [key for key, value in app.session_state.items() if PROBE in repr(value)]
    assert kept == []


@pytest.mark.parametrize("case", ["not_utf8", "unknown_field", "deep", "wrong_enum", "version_1"])
def test_a_hostile_phenopacket_is_refused_in_words_inside_the_safety_frame(
    app: AppTest, book: RuleBook, case: str
) -> None:
    open_link(app, Profile(findings=("seizures",)))
    document, message = HOSTILE[case]
    upload(app, document)
    text = page_text(app)
    assert "The Phenopacket could not be opened:" in text
    assert message in text
    assert book.safety.disclaimer in text
    assert app.session_state["screen.case"].profile.findings == ("seizures",)


def test_the_case_downloads_as_a_phenopacket_and_a_fhir_bundle(
    app: AppTest, book: RuleBook, made: dict[str, dict]
) -> None:
    profile = Profile(findings=("proximal_leg_weakness", "dry_mouth"), cancers=("sclc",))
    open_link(app, profile)
    packet = made["Download as a Phenopacket"]["data"]()
    assert phenopacket_case(packet, book).profile == profile
    bundle = Bundle.model_validate_json(made["Download as a FHIR R4 Bundle"]["data"]())
    assert {e.resource.get_resource_type() for e in bundle.entry} >= {"Patient", "Condition"}


def test_the_cases_page_offers_the_chosen_cases_as_a_quiz(
    app: AppTest, book: RuleBook, made: dict[str, dict]
) -> None:
    open_page(app, "cases", tab="Class handout")
    case = next(c for c in book.cases if c.stages)
    app.multiselect(key="handout.cases").set_value([case.id]).run()
    assert_no_exception(app)
    gift = made["Download a quiz for Moodle (GIFT)"]["data"]().decode("utf-8")
    assert gift.startswith("$CATEGORY:") and gift.count("\n}") == len(case.stage_tops)
    assert made["Download a quiz for Canvas (QTI zip)"]["data"]().startswith(b"PK")
