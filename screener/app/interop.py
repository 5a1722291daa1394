"""The standard formats in the app: on the Screen page, open an uploaded Phenopacket as the case
and download the case as a Phenopacket or a FHIR Bundle; on the Cases page, download the chosen
cases as a quiz for Moodle or Canvas.

An upload is read once, in the uploader's callback, strictly (`screener.inputs.phenopacket`) and
within `MAX_PHENOPACKET_BYTES`; then the uploader is replaced by a fresh one, so its bytes are not
kept in the session. Nothing is written to disk or logged. What the Phenopacket held that could
not be used is shown beside the uploader, for this browser session only.
"""

from __future__ import annotations

import streamlit as st

from screener.app import case_state, components
from screener.engine import screen_case
from screener.inputs.phenopacket import MAX_PHENOPACKET_BYTES, PhenopacketError, phenopacket_case
from screener.models import TeachingCase
from screener.present.markdown import plain_markdown as plain
from screener.present.quiz_view import QuizView, quiz_view
from screener.present.view import build_view
from screener.rulebook import RuleBook

_UPLOADS = "screen.phenopacket_uploads"
"""How many Phenopackets were opened: part of the uploader's key, so each is a fresh one."""
_READ = "screen.phenopacket_read"
"""What the last upload said: ('opened', notes) or ('refused', problems)."""


def _uploader_key() -> str:
    return f"screen.phenopacket.{st.session_state.get(_UPLOADS, 0)}"


def _open_upload(book: RuleBook) -> None:
    upload = st.session_state.get(_uploader_key())
    if upload is None:
        return
    # The bytes are read here and nowhere else; the next line drops the widget holding them.
    data = upload.read(MAX_PHENOPACKET_BYTES + 1)
    st.session_state[_UPLOADS] = st.session_state.get(_UPLOADS, 0) + 1
    try:
        case = phenopacket_case(data, book)
    except PhenopacketError as error:
        st.session_state[_READ] = ("refused", error.problems)
        return
    st.session_state[_READ] = ("opened", case.notes)
    case_state.open_uploaded(case.profile)


def phenopacket_panel(book: RuleBook) -> None:
    """Open a Phenopacket, and save the case as one or as a FHIR Bundle."""
    with st.expander("Open or save the case as a Phenopacket or FHIR Bundle"):
        st.file_uploader(
            "Open a Phenopacket (GA4GH, version 2, JSON): its case replaces the one on the page",
            type=["json"],
            key=_uploader_key(),
            on_change=_open_upload,
            args=(book,),
            help=f"At most {MAX_PHENOPACKET_BYTES // 1000:,} kB. It is read once and not kept; "
            "HPO terms, excluded features, ICD-10 diseases, age and sex become the case.",
        )
        read = st.session_state.get(_READ)
        if read is not None:
            outcome, lines = read
            if outcome == "refused":
                st.error(
                    "**The Phenopacket could not be opened:**\n\n"
                    + components.bullets(plain(p) for p in lines),
                    icon=":material/error:",
                )
            elif lines:
                st.info(
                    "**Opened. Read as follows, or not used:**\n\n"
                    + components.bullets(plain(n) for n in lines),
                    icon=":material/info:",
                )
            else:
                st.success("Opened: every part of the Phenopacket was used.")
        current = case_state.case()
        if not current.profile.is_empty:
            _downloads(current, book)


def _downloads(current: case_state.Case, book: RuleBook) -> None:
    def phenopacket() -> bytes:
        from screener.report.phenopacket import render_phenopacket

        return render_phenopacket(current.profile_for_download(), book).encode("utf-8")

    def fhir() -> bytes:
        from screener.report.fhir import render_fhir
        from screener.report.text import render_text

        profile = current.profile_for_download()
        summary = render_text(build_view(case_state.screened(profile, book)[0], book))
        return render_fhir(profile, summary, book).encode("utf-8")

    with st.container(horizontal=True):
        st.download_button(
            "Download as a Phenopacket",
            data=phenopacket,
            file_name="pns-case.phenopacket.json",
            mime="application/json",
            on_click="ignore",
            icon=":material/download:",
            key="screen.phenopacket_download",
        )
        st.download_button(
            "Download as a FHIR R4 Bundle",
            data=fhir,
            file_name="pns-case.fhir.json",
            mime="application/fhir+json",
            on_click="ignore",
            icon=":material/download:",
            key="screen.fhir_download",
        )


def quiz_downloads(cases: list[TeachingCase], book: RuleBook) -> None:
    """The chosen cases as a stage-by-stage quiz, for Moodle (GIFT) or Canvas (QTI)."""

    def view() -> QuizView:
        return quiz_view([(c, screen_case(c, book)) for c in cases], book)

    def gift() -> bytes:
        from screener.report.quiz import render_gift

        return render_gift(view()).encode("utf-8")

    def qti() -> bytes:
        from screener.report.quiz import render_qti

        return render_qti(view())

    gift_col, qti_col = st.columns(2)
    with gift_col:
        st.download_button(
            "Download a quiz for Moodle (GIFT)",
            data=gift,
            file_name="pns-quiz.gift.txt",
            mime="text/plain",
            on_click="ignore",
            icon=":material/quiz:",
            key="handout.gift",
        )
    with qti_col:
        st.download_button(
            "Download a quiz for Canvas (QTI zip)",
            data=qti,
            file_name="pns-quiz.qti.zip",
            mime="application/zip",
            on_click="ignore",
            icon=":material/quiz:",
            key="handout.qti",
        )
    st.caption("One question per stage: which pattern does the screener show first now?")
