"""Cases page: the teaching-case library, stepping through a staged case, practice, class
handouts, and exporting the Screen page's case as a ready-to-paste YAML case."""

from __future__ import annotations

import datetime as dt
from typing import cast

import altair as alt
import pandas as pd
import streamlit as st

from screener.app import components, interop, packs, state
from screener.app.failure import guarded
from screener.app.pages import BY_KEY
from screener.engine import score_practice, screen, screen_case
from screener.inputs.query import unknown_parameters
from screener.models import Category, Profile, ProfileError, TeachingCase
from screener.present import teaching_words as teaching
from screener.present import words
from screener.present.case_draft import draft_case
from screener.present.differential import DifferentialView
from screener.present.handout_view import handout_view, key_view
from screener.present.markdown import plain_markdown as plain
from screener.present.stage_view import StagedCaseView, StageView, fact_lines, staged_case_view
from screener.present.view import Line, build_view, card_view
from screener.rulebook import RuleBook, RuleBookError
from screener.rulebook.case_pack import LoadedCases
from screener.rulebook.case_yaml import case_yaml
from screener.validate import case_problems

SCREEN_PAGE = BY_KEY["screen"].script
TABS = ("Case library", "Step through a case", "Practice", "Class handout", "Export a case")
TAB_KEY = "cases.tab"
STEP_CASE = "cases.step.case"
STAGE_CARDS = "cases.step.cards"
_COMMITS = "practice.commits"


def _lines(items: tuple[Line, ...]) -> str:
    return components.bullets(components.line(item) for item in items)


def _open_in_screen(profile: Profile) -> None:
    st.switch_page(SCREEN_PAGE, query_params=state.open_case(profile))


@guarded
def _step_through(case_id: str) -> None:
    st.session_state[STEP_CASE] = case_id
    st.session_state[TAB_KEY] = TABS[1]


def _stage_word(case: TeachingCase) -> str:
    count = len(case.stage_profiles)
    return "One stage" if count == 1 else f"Staged: {count} stages"


# --- The library ------------------------------------------------------------------------------


def answer_key(case_id: str, where: str) -> str:
    """The session-state key of a case's answer fold, in the library or the stepper (`where`);
    it is true while open."""
    return f"cases.{where}.answer.{case_id}"


def _answer(case: TeachingCase, book: RuleBook) -> None:
    st.markdown(
        f"**Pattern:** {plain(book.label('syndrome', case.answer))} "
        f"({words.CATEGORY[case.category]})\n\n"
        + components.bullets(plain(point) for point in case.teaching_points)
    )


def _answer_fold(case: TeachingCase, book: RuleBook, where: str) -> None:
    # Drawn only once opened: the answer is not in the page (not merely hidden) until a learner
    # asks for it, and the library of every case draws lighter. A fold per case, so opening one
    # case's answer never shows the next case's.
    fold = st.expander(
        "Answer and teaching points", key=answer_key(case.id, where), on_change="rerun"
    )
    with fold:
        if fold.open:
            _answer(case, book)


def _library(book: RuleBook, cases: list[TeachingCase], pack_ids: set[str]) -> None:
    if not cases:
        st.info("The rule book has no teaching cases yet.")
    for category in Category:
        in_category = [c for c in cases if c.category == category]
        if not in_category:
            continue
        st.subheader(words.CATEGORY[category], anchor=False)
        for case in in_category:
            with st.container(border=True):
                st.markdown(f"#### {plain(case.title)}")
                source = " · from your case pack" if case.id in pack_ids else ""
                st.caption(f"{_stage_word(case)}{source}")
                st.markdown(plain(case.vignette))
                st.markdown(_lines(fact_lines(case, book)))
                step_col, open_col = st.columns(2)
                step_col.button(
                    "Step through this case",
                    key=f"cases.step.{case.id}",
                    on_click=_step_through,
                    args=(case.id,),
                    icon=":material/stairs:",
                )
                if open_col.button(
                    "Open this case in Screen",
                    key=f"cases.open.{case.id}",
                    icon=":material/open_in_new:",
                    help="Opens everything the case tells, at its last stage.",
                ):
                    _open_in_screen(case.profile)
                _answer_fold(case, book, "library")


# --- Stepping through a case ------------------------------------------------------------------


def _differential(panel: DifferentialView | None) -> None:
    if panel is None:
        return
    st.markdown(f"**{plain(panel.heading)}**")
    st.caption(plain(panel.intro))
    if panel.empty:
        st.markdown(plain(panel.empty))
    for question in panel.questions:
        st.markdown(
            f"**{plain(question.finding)}**\n\n"
            + components.bullets(plain(effect) for effect in question.effects)
        )


def _stage(stage: StageView) -> None:
    st.subheader(plain(stage.heading), anchor=False)
    st.markdown(plain(stage.text))
    if stage.facts:
        st.markdown("**New at this stage**\n\n" + _lines(stage.facts))
    if stage.urgent:
        components.urgent_banner(stage.urgent)
    patterns_col, differential_col = st.columns(2, gap="large")
    with patterns_col:
        st.markdown(f"**{teaching.HEADINGS['patterns']}**")
        if stage.no_pattern:
            st.markdown(plain(stage.no_pattern))
        st.markdown(components.bullets(plain(p.text) for p in stage.patterns))
        st.markdown(
            f"**{teaching.HEADINGS['changes']}**\n\n"
            + components.bullets(plain(c) for c in stage.changes)
        )
    with differential_col:
        _differential(stage.differential)


def _chart(view: StagedCaseView, current: int) -> alt.LayerChart:
    table = pd.DataFrame([point.model_dump() for point in view.chart])
    order = [f"{stage.index + 1}. {stage.label}" for stage in view.stages]
    # Every stage is on the axis, also one where no pattern shows yet: that is part of the story.
    x = alt.X(
        "stage_label:O",
        sort=order,
        scale=alt.Scale(domain=order),
        title="Stage",
        axis=alt.Axis(labelAngle=0, labelLimit=240),
    )
    y = alt.Y("score:Q", title="Ordering points (not a probability)")
    # Colour names the pattern and the point's shape its tier, so colour is not needed to read it.
    color = alt.Color(
        "pattern:N",
        title="Pattern",
        scale=alt.Scale(scheme="tableau10"),
        legend=alt.Legend(labelLimit=400),
    )
    lines = alt.Chart(table).mark_line().encode(x=x, y=y, color=color)
    points = (
        alt.Chart(table)
        .mark_point(filled=True, size=110)
        .encode(
            x=x,
            y=y,
            color=color,
            shape=alt.Shape(
                "tier:N",
                title="Tier",
                scale=alt.Scale(domain=["strong", "partial"]),
            ),
            tooltip=[
                alt.Tooltip("stage_label:O", title="Stage"),
                alt.Tooltip("pattern:N", title="Pattern"),
                alt.Tooltip("score:Q", title="Ordering points"),
                alt.Tooltip("rank:Q", title="Place in the list"),
                alt.Tooltip("tier:N", title="Tier"),
            ],
        )
    )
    marker = (
        alt.Chart(pd.DataFrame({"stage_label": [order[current]]}))
        .mark_rule(strokeDash=[4, 4], color="gray")
        .encode(x=x)
    )
    return alt.LayerChart(layer=[lines, points, marker], height=300)


@guarded
def _next_stage(key: str, last: int) -> None:
    st.session_state[key] = min(int(st.session_state.get(key, 0)) + 1, last)


def _stepper(book: RuleBook, cases: list[TeachingCase]) -> None:
    by_id = {case.id: case for case in cases}
    case_id = st.selectbox(
        "Teaching case",
        options=list(by_id),
        format_func=lambda c: f"{by_id[c].title} ({_stage_word(by_id[c]).lower()})",
        key=STEP_CASE,
    )
    if case_id is None:
        return
    case = by_id[case_id]
    view = staged_case_view(case, screen_case(case, book), book)
    last = len(view.stages) - 1
    stage_key = f"cases.step.stage.{case.id}"
    index = st.radio(
        "Stage",
        options=range(len(view.stages)),
        format_func=lambda i: f"{i + 1}. {view.stages[i].label}",
        horizontal=True,
        key=stage_key,
    )
    stage = view.stages[index]
    st.caption(plain(view.about))
    _stage(stage)
    next_col, open_col = st.columns(2)
    next_col.button(
        "Next stage",
        on_click=_next_stage,
        args=(stage_key, last),
        disabled=index == last,
        icon=":material/arrow_forward:",
        key="cases.step.next",
    )
    if open_col.button(
        "Open this stage in Screen",
        icon=":material/open_in_new:",
        key="cases.step.open",
        help="Opens everything known at this stage on the Screen page.",
    ):
        _open_in_screen(case.stage_profiles[index])
    if view.chart:
        st.markdown(f"**{plain(view.chart_heading)}**")
        st.altair_chart(
            _chart(view, index),
            width="stretch",
            alt=f"Chart of the ordering points of {len({p.pattern for p in view.chart})} "
            f"patterns across {len(view.stages)} stages; the lists above give every figure.",
        )
        st.caption(plain(view.chart_note))
    # Folded until asked for, and then kept open from stage to stage: drawn at every stage, the
    # full cards made each step of a demonstration wait for text nobody had opened.
    cards = st.expander(
        "The cards at this stage, with their reasoning", key=STAGE_CARDS, on_change="rerun"
    )
    with cards:
        if cards.open:
            result = screen(case.stage_profiles[index], book)
            for card in build_view(result, book).cards:
                components.pattern_card(card)
    _answer_fold(case, book, "step")


# --- Practice ---------------------------------------------------------------------------------


def _commits() -> dict[str, list[str | None]]:
    return cast(dict[str, list[str | None]], st.session_state.setdefault(_COMMITS, {}))


def _practice_score(cases: list[TeachingCase]) -> None:
    by_id = {case.id: case for case in cases}
    done = [
        score_practice(by_id[case_id], named)
        for case_id, named in _commits().items()
        if case_id in by_id and len(named) == len(by_id[case_id].stage_profiles)
    ]
    st.metric(
        "Your score this session",
        f"{sum(s.points for s in done)} of {sum(s.possible for s in done)} points",
        help=teaching.SCORE_HELP,
    )
    st.caption(f"{words.plural(len(done), 'case')} finished. Kept only until you close this tab.")


def _commit_form(case: TeachingCase, book: RuleBook, stage: int) -> None:
    def name(syndrome_id: str) -> str:
        return book.label("syndrome", syndrome_id)

    last = stage == len(case.stage_profiles) - 1
    with st.form(f"practice.form.{case.id}.{stage}"):
        named = st.selectbox(
            "Which pattern fits best now?",
            options=sorted(book.syndrome_by_id, key=name),
            index=None,
            format_func=name,
            placeholder=teaching.NOT_SURE_YET,
        )
        committed = st.form_submit_button(
            "Commit my final answer" if last else "Commit and see the next stage", type="primary"
        )
    if committed:
        _commits().setdefault(case.id, []).append(named)
        st.rerun()


def _reveal(case: TeachingCase, named: list[str | None], book: RuleBook) -> None:
    score = score_practice(case, named)
    show = st.success if score.points == score.possible else st.warning
    show(plain(teaching.practice_result(score)))
    view = staged_case_view(case, screen_case(case, book), book)
    table = pd.DataFrame(
        {
            "Stage": [stage.heading for stage in view.stages],
            teaching.YOUR_ANSWER: [
                book.label("syndrome", n) if n else teaching.NOT_SURE_YET for n in named
            ],
            teaching.SCREENER_FIRST: [
                book.label("syndrome", s.top) if s.top else teaching.NO_PATTERN_YET
                for s in view.stages
            ],
        }
    )
    st.dataframe(table, hide_index=True)
    _answer(case, book)
    result = screen(case.profile, book)
    rank, match = next(
        ((i, m) for i, m in enumerate(result.matches, start=1) if m.syndrome == case.answer),
        (0, None),
    )
    if match is not None:
        st.markdown(f"**Why the screener shows it** (card {rank} of {len(result.matches)}):")
        components.pattern_card(card_view(rank, match, book))
    if st.button("Try this case again", icon=":material/restart_alt:"):
        _commits().pop(case.id, None)
        st.rerun()


def _practice(book: RuleBook, cases: list[TeachingCase]) -> None:
    if not cases:
        st.info("The rule book has no teaching cases yet.")
        return
    _practice_score(cases)
    numbers = {c.id: n for n, c in enumerate(cases, start=1)}
    case_id = st.selectbox(
        "Practice case",
        options=list(numbers),
        format_func=lambda c: f"Case {numbers[c]} of {len(numbers)}",
        key="practice.case",
    )
    case = next(c for c in cases if c.id == case_id)
    st.markdown(plain(teaching.PRACTICE_HOW))
    named = _commits().get(case.id, [])
    view = staged_case_view(case, screen_case(case, book), book)
    reached = min(len(named), len(view.stages) - 1)
    for stage in view.stages[: reached + 1]:
        with st.container(border=True):
            st.markdown(f"**{plain(stage.heading)}**")
            st.markdown(plain(stage.text))
            st.markdown(_lines(stage.facts))
            if stage.index < len(named):
                answer = named[stage.index]
                st.caption(
                    f"{teaching.YOUR_ANSWER}: "
                    + plain(book.label("syndrome", answer) if answer else teaching.NOT_SURE_YET)
                )
    if len(named) < len(view.stages):
        _commit_form(case, book, len(named))
    else:
        _reveal(case, named, book)


# --- Class handout ----------------------------------------------------------------------------


def _handout(book: RuleBook, cases: list[TeachingCase]) -> None:
    st.markdown(plain(teaching.HANDOUT_HOW))
    by_id = {case.id: case for case in cases}
    chosen = st.multiselect(
        "Cases for the handout",
        options=list(by_id),
        format_func=lambda c: by_id[c].title,
        placeholder="Choose cases",
        key="handout.cases",
    )
    page_size = st.radio(
        "PDF page size", words.PAGE_SIZES, horizontal=True, key="handout.page_size"
    )
    if not chosen:
        st.info("Choose at least one case to make a handout.")
        return
    selected = [by_id[c] for c in chosen]
    now = dt.datetime.now(dt.UTC)

    def students() -> bytes:
        # Imported here so that fpdf2 loads on the first download, not on the app's cold start.
        from screener.report.handout import render_handout

        return render_handout(handout_view(selected, book), page_size=page_size, generated_at=now)

    def key() -> bytes:
        from screener.report.handout import render_key

        return render_key(
            key_view([(c, screen_case(c, book)) for c in selected], book),
            page_size=page_size,
            generated_at=now,
        )

    students_col, key_col = st.columns(2)
    with students_col:
        st.download_button(
            "Download the students' handout (PDF)",
            data=students,
            file_name=f"pns-class-handout-{now:%Y%m%d-%H%M}.pdf",
            mime="application/pdf",
            on_click="ignore",
            icon=":material/download:",
        )
    with key_col:
        st.download_button(
            "Download the teacher's key (PDF)",
            data=key,
            file_name=f"pns-class-handout-key-{now:%Y%m%d-%H%M}.pdf",
            mime="application/pdf",
            on_click="ignore",
            icon=":material/key:",
        )
    st.caption(f"{words.plural(len(selected), 'case')} chosen.")
    interop.quiz_downloads(selected, book)


# --- Export -----------------------------------------------------------------------------------


def _export(book: RuleBook) -> None:
    profile = state.case().profile
    st.markdown(plain(teaching.EXPORT_HOW))
    if not profile.findings:
        st.info(plain(teaching.EXPORT_NEEDS_CASE), icon=":material/checklist:")
        st.page_link(SCREEN_PAGE, label="Go to the Screen page", icon=":material/checklist:")
        return
    try:
        matches = screen(profile, book).matches
    except ProfileError as error:
        st.error(components.bullets(plain(p) for p in error.problems))
        return
    if not matches:
        st.warning(plain(teaching.EXPORT_NO_PATTERN))
        return
    answer = st.selectbox(
        "Answer: the pattern the case shows",
        options=[m.syndrome for m in matches],
        format_func=lambda s: book.label("syndrome", s),
        key="export.answer",
        help="The pattern shown first is the one `screener validate` expects as the answer.",
    )
    case = draft_case(profile, answer, book)
    refused = [message for _, message in case_problems(case, book)]
    if refused:
        st.warning(
            "**`screener validate` would refuse this case:**\n\n"
            + components.bullets(plain(p) for p in refused),
            icon=":material/rule:",
        )
    text = case_yaml(case)
    st.code(text, language="yaml")
    st.download_button(
        "Download this case as YAML",
        data=text.encode("utf-8"),
        file_name=f"{case.id}.yaml",
        mime="application/yaml",
        on_click="ignore",
        icon=":material/download:",
    )


# --- The page ---------------------------------------------------------------------------------


def _pack_notice(pack: LoadedCases | RuleBookError | None) -> None:
    if isinstance(pack, RuleBookError):
        st.error(
            f"**Your case pack could not be loaded**, so only the built-in cases are shown. It "
            f"has {words.plural(len(pack.problems), 'problem')}:\n\n"
            + components.bullets(components.problem_line(p) for p in pack.problems),
            icon=":material/error:",
        )
    elif pack is not None:
        st.caption(
            f"{words.plural(len(pack.cases), 'case')} from your case pack ({plain(pack.folder)}) "
            "are shown beside the built-in ones."
        )


book = state.book()
pack = packs.case_pack(book)
cases = packs.teaching_cases(book, pack)
pack_ids = {c.id for c in pack.cases} if isinstance(pack, LoadedCases) else set()
st.title("Teaching cases", anchor=False)
components.link_notices([*state.dropped_link(), *unknown_parameters(state.link_query())])
_pack_notice(pack)
library_tab, step_tab, practice_tab, handout_tab, export_tab = st.tabs(
    TABS, key=TAB_KEY, on_change="rerun"
)
# Only the open tab is drawn: each rerun then costs one tab, not five.
if library_tab.open:
    with library_tab:
        _library(book, cases, pack_ids)
if step_tab.open:
    with step_tab:
        _stepper(book, cases)
if practice_tab.open:
    with practice_tab:
        _practice(book, cases)
if handout_tab.open:
    with handout_tab:
        _handout(book, cases)
if export_tab.open:
    with export_tab:
        _export(book)
