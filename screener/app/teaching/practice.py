"""Practice: commit to a differential and a confidence at each stage, then see, stage by stage,
how it compares with the rule book, how early the answer was named, and how well the
confidence matched."""

from __future__ import annotations

import functools
from typing import cast

import pandas as pd
import streamlit as st

from screener.app import components
from screener.app.failure import guarded
from screener.app.teaching import commit
from screener.app.teaching.common import answer, lines, screened
from screener.engine import reflect, score_practice
from screener.models import CaseScreening, StageAnswer, StageReflection, TeachingCase
from screener.present import teaching_words as teaching
from screener.present import words
from screener.present.class_words import CONFIDENCE
from screener.present.markdown import plain_markdown as plain
from screener.present.stage_view import staged_case_view
from screener.present.view import card_view
from screener.rulebook import RuleBook

_COMMITS = "practice.commits"
_SKIPPED = "practice.skipped"
CASE = "practice.case"
CATEGORY = "practice.category"
EVERY_CATEGORY = "Every category"


def _commits() -> dict[str, list[StageAnswer]]:
    return cast(dict[str, list[StageAnswer]], st.session_state.setdefault(_COMMITS, {}))


def _skipped() -> set[str]:
    return cast(set[str], st.session_state.setdefault(_SKIPPED, set()))


def _finished(case: TeachingCase) -> bool:
    return case.id in _skipped() or len(_commits().get(case.id, [])) == len(case.stage_profiles)


def _reflections(
    case: TeachingCase, screening: CaseScreening, book: RuleBook
) -> list[StageReflection]:
    return [reflect(screening.stages[a.stage], a, book) for a in _commits().get(case.id, [])]


def _practice_score(cases: list[TeachingCase], book: RuleBook) -> None:
    done = [case for case in cases if _finished(case)]
    scores = [score_practice(case, [a.first for a in _commits().get(case.id, [])]) for case in done]
    st.metric(
        "Your score this session",
        f"{sum(s.points for s in scores)} of {sum(s.possible for s in scores)} points",
        help=teaching.SCORE_HELP,
    )
    st.caption(f"{words.plural(len(done), 'case')} finished. Kept only until you close this tab.")
    reflections = [r for case in done for r in _reflections(case, screened(case, book), book)]
    if reflections:
        with st.expander(teaching.RUN_CALIBRATION):
            commit.calibration(reflections, "practice.calibration.run")


def _keep(case_id: str, answer: StageAnswer) -> None:
    _commits().setdefault(case_id, []).append(answer)


def _named(given: StageAnswer, book: RuleBook) -> str:
    return book.label("syndrome", given.first) if given.first else teaching.NOT_SURE_YET


@guarded
def _skip(case_id: str) -> None:
    _skipped().add(case_id)


@guarded
def _again(case_id: str) -> None:
    _commits().pop(case_id, None)
    _skipped().discard(case_id)


@guarded
def _next_case(following: str) -> None:
    st.session_state[CASE] = following


def _reveal(
    case: TeachingCase, named: list[StageAnswer], book: RuleBook, following: str | None
) -> None:
    score = score_practice(case, [a.first for a in named])
    show = st.success if score.points == score.possible else st.warning
    show(plain(teaching.practice_result(score)))
    screening = screened(case, book)
    view = staged_case_view(case, screening, book)
    table = pd.DataFrame(
        {
            "Stage": [stage.heading for stage in view.stages],
            teaching.YOUR_ANSWER: [_named(a, book) for a in named]
            + [teaching.NOT_ANSWERED] * (len(view.stages) - len(named)),
            teaching.HOW_SURE: [CONFIDENCE[a.confidence] for a in named]
            + [""] * (len(view.stages) - len(named)),
            teaching.SCREENER_FIRST: [
                book.label("syndrome", s.top) if s.top else teaching.NO_PATTERN_YET
                for s in view.stages
            ],
        }
    )
    st.dataframe(table, hide_index=True)
    answer(case, book)
    reflections = _reflections(case, screening, book)
    for reflected in reflections:
        heading = view.stages[reflected.answer.stage].heading
        with st.expander(f"{heading}: {teaching.REFLECTION_HEADING.lower()}"):
            commit.reflection(reflected, book)
    if reflections:
        commit.calibration(reflections, f"practice.calibration.{case.id}")
    result = screening.stages[-1].result
    rank, match = next(
        ((i, m) for i, m in enumerate(result.matches, start=1) if m.syndrome == case.answer),
        (0, None),
    )
    if match is not None:
        st.markdown(f"**Why the screener shows it** (card {rank} of {len(result.matches)}):")
        components.pattern_card(card_view(rank, match, book))
    again_col, next_col = st.columns(2)
    again_col.button(
        "Try this case again", icon=":material/restart_alt:", on_click=_again, args=(case.id,)
    )
    if following is not None:
        next_col.button(
            "Next case",
            icon=":material/skip_next:",
            type="primary",
            on_click=_next_case,
            args=(following,),
        )


def _chosen(cases: list[TeachingCase]) -> list[TeachingCase]:
    present = sorted({case.category for case in cases}, key=lambda c: words.CATEGORY[c])
    category = st.selectbox(
        "Practise on",
        options=[EVERY_CATEGORY, *present],
        format_func=lambda c: c if c == EVERY_CATEGORY else words.CATEGORY[c],
        key=CATEGORY,
    )
    return [case for case in cases if category in (EVERY_CATEGORY, case.category)]


def draw(book: RuleBook, cases: list[TeachingCase]) -> None:
    if not cases:
        st.info("The rule book has no teaching cases yet.")
        return
    _practice_score(cases, book)
    chosen = _chosen(cases)
    numbers = {c.id: n for n, c in enumerate(chosen, start=1)}
    if st.session_state.get(CASE) not in numbers:
        st.session_state.pop(CASE, None)
    case_id = st.selectbox(
        "Practice case",
        options=list(numbers),
        format_func=lambda c: f"Case {numbers[c]} of {len(numbers)}",
        key=CASE,
    )
    case = next(c for c in chosen if c.id == case_id)
    place = numbers[case.id]
    following = next(
        (c.id for c in [*chosen[place:], *chosen[: place - 1]] if not _finished(c)), None
    )
    st.markdown(plain(teaching.practice_how(len(case.stage_profiles))))
    named = _commits().get(case.id, [])
    screening = screened(case, book)
    view = staged_case_view(case, screening, book)
    finished = _finished(case)
    reached = len(view.stages) - 1 if finished else len(named)
    for stage in view.stages[: reached + 1]:
        with st.container(border=True):
            st.markdown(f"**{plain(stage.heading)}**")
            st.markdown(plain(stage.text))
            st.markdown(lines(stage.facts))
            if stage.index < len(named):
                given = named[stage.index]
                st.caption(
                    f"{teaching.YOUR_ANSWER}: "
                    + plain(_named(given, book))
                    + f" ({plain(CONFIDENCE[given.confidence])})"
                )
    if finished:
        _reveal(case, named, book, following)
        return
    commit.commit_form(
        screening.stages[len(named)],
        book,
        f"practice.form.{case.id}.{len(named)}",
        functools.partial(_keep, case.id),
    )
    st.button(
        teaching.SKIP_BUTTON,
        on_click=_skip,
        args=(case.id,),
        icon=":material/visibility:",
        key="practice.skip",
    )
