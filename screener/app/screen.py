"""Screen page: tick findings, add context, and see which patterns they fit and why."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import streamlit as st

from screener.app import components, state
from screener.engine import screen
from screener.engine.labs import check_lab_value
from screener.inputs.query import profile_to_query
from screener.inputs.search import search_findings
from screener.models import AgeBand, FollowUp, LabValue, Profile, ProfileError, Sex
from screener.present import words
from screener.present.markdown import plain_markdown as plain
from screener.present.view import ScreeningView, build_view
from screener.rulebook import RuleBook

AGE_WORDS: dict[AgeBand | None, str] = {None: "Not given", **dict(words.AGE_BAND.items())}
SEX_WORDS: dict[Sex | None, str] = {None: "Not given", **dict(words.SEX.items())}
FOLLOW_UP_WORDS: dict[FollowUp | None, str] = {
    None: words.FOLLOW_UP_NOT_GIVEN.capitalize(),
    **{k: v.capitalize() for k, v in words.FOLLOW_UP.items()},
}


def _form(book: RuleBook, case: Profile, revision: int) -> None:
    """The case form. On submit, the case becomes the new profile, or the lab errors are shown."""

    def key(name: str) -> str:
        # A new revision (a link or a teaching case was opened) gives every widget a fresh start.
        return f"screen.{revision}.{name}"

    query = st.text_input(
        "Search findings by name or synonym",
        key="screen.search",
        placeholder="e.g. tingling, weak legs, fits",
        help="Filters the checklist below. Ticked findings hidden by a search stay ticked.",
    )
    groups = search_findings(book, query)
    shown = {f.id for _, findings in groups for f in findings}
    if query.strip():
        st.caption(f"{len(shown)} of {len(book.findings)} findings match the search.")

    with st.form("screen.form", border=True):
        age_col, sex_col = st.columns(2)
        age_band = age_col.selectbox(
            "Age band",
            options=list(AGE_WORDS),
            index=list(AGE_WORDS).index(case.age_band),
            format_func=AGE_WORDS.__getitem__,
            key=key("age"),
        )
        sex = sex_col.selectbox(
            "Sex",
            options=list(SEX_WORDS),
            index=list(SEX_WORDS).index(case.sex),
            format_func=SEX_WORDS.__getitem__,
            key=key("sex"),
        )

        st.markdown("**Findings** — tick what the patient reports or what was found")
        if not groups:
            st.info("No finding matches the search. Try another word.", icon=":material/search:")
        ticked: dict[str, bool] = {}
        for system, findings in groups:
            any_ticked = any(f.id in case.findings for f in system.findings)
            with st.expander(plain(system.label), expanded=bool(query.strip()) or any_ticked):
                for finding in findings:
                    ticked[finding.id] = st.checkbox(
                        plain(finding.label),
                        value=finding.id in case.findings,
                        key=key(f"finding.{finding.id}"),
                        help=(
                            "Also called: " + plain(", ".join(finding.synonyms))
                            if finding.synonyms
                            else None
                        ),
                    )

        cancers = st.multiselect(
            "Known cancer(s)",
            options=[c.id for c in book.cancers],
            default=list(case.cancers),
            format_func=lambda item_id: book.label("cancer", item_id),
            placeholder="None known yet",
            key=key("cancers"),
            help="Leave empty when no cancer is known yet.",
        )
        antibodies = st.multiselect(
            "Antibodies found (optional)",
            options=[a.id for a in book.antibodies],
            default=list(case.antibodies),
            format_func=lambda item_id: book.label("antibody", item_id),
            placeholder="None entered",
            key=key("antibodies"),
        )
        entered_labs = {lab.analyte: lab for lab in case.labs}
        raw_labs: dict[str, tuple[float | None, str]] = {}
        with st.expander("Lab values (optional)", expanded=bool(case.labs)):
            st.caption(
                "Leave a value empty if it was not measured. Choose the unit it was given in."
            )
            for analyte in book.labs:
                entered = entered_labs.get(analyte.id)
                value_col, unit_col = st.columns([3, 2])
                value = value_col.number_input(
                    plain(analyte.label),
                    value=entered.value if entered else None,
                    step=None,
                    format="%g",
                    key=key(f"lab.{analyte.id}"),
                    help=plain(analyte.note) if analyte.note else None,
                )
                unit = unit_col.selectbox(
                    f"{plain(analyte.label)}: unit",
                    options=list(analyte.units),
                    index=analyte.units.index(entered.unit) if entered else 0,
                    key=key(f"unit.{analyte.id}"),
                )
                raw_labs[analyte.id] = (value, unit)
        follow_up = st.selectbox(
            "Time since the neurological symptoms began without a cancer being found (PNS-Care)",
            options=list(FOLLOW_UP_WORDS),
            index=list(FOLLOW_UP_WORDS).index(case.follow_up),
            format_func=FOLLOW_UP_WORDS.__getitem__,
            key=key("follow_up"),
        )
        submitted = st.form_submit_button(
            "Screen these findings", type="primary", icon=":material/checklist:"
        )

    if submitted:
        labs = [
            LabValue(analyte=analyte_id, value=value, unit=unit)
            for analyte_id, (value, unit) in raw_labs.items()
            if value is not None
        ]
        errors = [problem for lab in labs if (problem := check_lab_value(lab, book))]
        if errors:
            state.reject_labs(errors)
        else:
            hidden = set(case.findings) - shown
            state.commit_profile(
                Profile(
                    findings=tuple(hidden | {f for f, on in ticked.items() if on}),
                    cancers=tuple(cancers),
                    antibodies=tuple(antibodies),
                    labs=tuple(labs),
                    age_band=age_band,
                    sex=sex,
                    follow_up=follow_up,
                )
            )
    if state.lab_errors():
        st.error(
            "**These lab values cannot be used, so nothing was screened.** Everything you "
            "entered is kept: correct the value or its unit and screen again.\n\n"
            + components.bullets(plain(e) for e in state.lab_errors()),
            icon=":material/error:",
        )


def _pdf_download(view: ScreeningView) -> None:
    """Outside the form, and it does not rerun the page: the PDF is made only when clicked."""
    size_col, button_col = st.columns([1, 2], vertical_alignment="bottom")
    page_size = size_col.radio(
        "PDF page size", words.PAGE_SIZES, horizontal=True, key="screen.pdf_page_size"
    )
    now = dt.datetime.now(dt.UTC)

    def build() -> bytes:
        # Imported here so that fpdf2 loads on the first download, not on the app's cold start.
        from screener.report.pdf import render_pdf

        return render_pdf(view, page_size=page_size, generated_at=now)

    button_col.download_button(
        "Download a PDF summary",
        data=build,
        file_name=f"pns-screening-summary-{now:%Y%m%d-%H%M}.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/download:",
    )


def _share_link(case: Profile) -> None:
    query = urlencode(profile_to_query(case), safe=",:/")
    st.markdown("**Share this case** — the address bar holds it; this is the same link:")
    st.code(f"{st.context.url or ''}?{query}", language=None, wrap_lines=True)


def _results(book: RuleBook, case: Profile) -> None:
    try:
        result = screen(case, book)
    except ProfileError as error:
        st.error(
            "**This case cannot be screened.**\n\n"
            + components.bullets(plain(p) for p in error.problems)
        )
        return
    view = build_view(result, book)
    if view.urgent:
        components.urgent_banner(view.urgent)
    st.header("Results", anchor=False)
    _pdf_download(view)
    components.entered_summary(view)
    components.lab_lines(view)
    if view.no_pattern:
        components.no_pattern(view.no_pattern)
    for card in view.cards:
        components.pattern_card(card)
    components.associations(view)
    _share_link(case)


book = state.book()
state.sync_with_url(book)
st.title("Screen a set of findings", anchor=False)
if state.link_notices():
    components.link_notices(state.link_notices())
form_col, result_col = st.columns([2, 3], gap="large")
with form_col:
    _form(book, state.profile() or Profile(), state.revision())
    st.button(
        "Start a new case",
        on_click=state.start_again,
        icon=":material/restart_alt:",
        help="Clears the form, the results and the link.",
    )
with result_col:
    case = state.profile()
    if state.lab_errors():
        st.info("Results will show once the lab values beside the form can be used.")
    elif case is None or case == Profile():
        st.info(
            "Tick the findings of a case (search helps), add any known cancer, lab values or "
            "antibodies, then press **Screen these findings**.",
            icon=":material/checklist:",
        )
    else:
        _results(book, case)
