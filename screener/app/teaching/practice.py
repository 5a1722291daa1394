"""Practice: commit to a pattern at each stage, then see how early the answer was named."""

from __future__ import annotations

from typing import cast

import pandas as pd
import streamlit as st

from screener.app import components
from screener.app.teaching.common import answer, lines, screened
from screener.engine import score_practice
from screener.models import TeachingCase
from screener.present import teaching_words as teaching
from screener.present import words
from screener.present.markdown import plain_markdown as plain
from screener.present.stage_view import staged_case_view
from screener.present.view import card_view
from screener.rulebook import RuleBook

_COMMITS = "practice.commits"


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
    screening = screened(case, book)
    view = staged_case_view(case, screening, book)
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
    answer(case, book)
    result = screening.stages[-1].result
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


def draw(book: RuleBook, cases: list[TeachingCase]) -> None:
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
    view = staged_case_view(case, screened(case, book), book)
    reached = min(len(named), len(view.stages) - 1)
    for stage in view.stages[: reached + 1]:
        with st.container(border=True):
            st.markdown(f"**{plain(stage.heading)}**")
            st.markdown(plain(stage.text))
            st.markdown(lines(stage.facts))
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
