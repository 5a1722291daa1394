"""Cases page: the teaching-case library, and a practice mode that keeps a score."""

from __future__ import annotations

from typing import cast

import streamlit as st

from screener.app import components, state
from screener.app.pages import BY_KEY
from screener.engine import screen
from screener.models import Category, TeachingCase
from screener.present import words
from screener.present.markdown import plain_markdown as plain
from screener.present.view import card_view
from screener.rulebook import RuleBook
from screener.teaching import Mark, case_profile, mark_answer

SCREEN_PAGE = BY_KEY["screen"].script
_MARKS = "practice.marks"


def _marks() -> dict[str, Mark]:
    return cast(dict[str, Mark], st.session_state.setdefault(_MARKS, {}))


def _case_facts(case: TeachingCase, book: RuleBook) -> None:
    """What the learner is told: the vignette and what would be ticked, never the answer."""
    about = [f"Age band: {case.age_band.value}" if case.age_band else "Age band: not given"]
    about.append(f"Sex: {case.sex.value}" if case.sex else "Sex: not given")
    st.caption(" · ".join(about))
    st.markdown(plain(case.vignette))
    facts = [f"**Findings:** {components.labels(case.findings, book)}"]
    cancers = components.labels(case.cancers, book, "cancer") if case.cancers else words.NO_CANCER
    facts.append(f"**Known cancer:** {cancers}")
    if case.labs:
        facts.append(
            "**Lab values:** "
            + ", ".join(
                plain(f"{book.label('lab', lab.analyte)} {lab.value:g} {lab.unit}")
                for lab in case.labs
            )
        )
    if case.antibodies:
        facts.append(f"**Antibodies:** {components.labels(case.antibodies, book, 'antibody')}")
    st.markdown(components.bullets(facts))


def _open_in_screen(case: TeachingCase) -> None:
    query = state.open_case(case_profile(case))
    st.switch_page(SCREEN_PAGE, query_params=query)


def _library(book: RuleBook) -> None:
    if not book.cases:
        st.info("The rule book has no teaching cases yet.")
    for category in Category:
        cases = [c for c in book.cases if c.category == category]
        if not cases:
            continue
        st.subheader(category.value.capitalize(), anchor=False)
        for case in cases:
            with st.container(border=True):
                st.markdown(f"#### {plain(case.title)}")
                _case_facts(case, book)
                if st.button(
                    "Open this case in Screen",
                    key=f"cases.open.{case.id}",
                    icon=":material/open_in_new:",
                ):
                    _open_in_screen(case)
                with st.expander("Answer and teaching points"):
                    _answer(case, book)


def _answer(case: TeachingCase, book: RuleBook) -> None:
    st.markdown(
        f"**Pattern:** {plain(book.label('syndrome', case.answer))} "
        f"({words.CATEGORY[case.category]})\n\n"
        + components.bullets(plain(point) for point in case.teaching_points)
    )


def _practice_score() -> None:
    marks = _marks()
    points = sum(m.points for m in marks.values())
    possible = sum(m.possible for m in marks.values())
    st.metric(
        "Your score this session",
        f"{points} of {possible} points",
        help="1 point for the right category, 1 more for naming the right syndrome.",
    )
    answered = f"{len(marks)} case{'s' if len(marks) != 1 else ''} answered"
    st.caption(f"{answered}. Kept only until you close this tab.")
    if marks and st.button("Reset the score", icon=":material/restart_alt:"):
        marks.clear()
        st.rerun()


def _commit_form(case: TeachingCase, book: RuleBook) -> None:
    def syndrome_name(syndrome_id: str) -> str:
        return book.label("syndrome", syndrome_id)

    with st.form(f"practice.form.{case.id}"):
        category = st.radio(
            "Which category of paraneoplastic syndrome does this case show?",
            options=list(Category),
            index=None,
            format_func=lambda c: c.value.capitalize(),
            horizontal=True,
        )
        syndrome = st.selectbox(
            "Which syndrome pattern? (optional, 1 more point)",
            options=sorted(book.syndrome_by_id, key=syndrome_name),
            index=None,
            format_func=syndrome_name,
            placeholder="Not sure: answer with the category only",
        )
        committed = st.form_submit_button("Commit my answer", type="primary")
    if committed:
        if category is None:
            st.warning("Choose a category before committing.", icon=":material/touch_app:")
            return
        _marks()[case.id] = mark_answer(case, category, syndrome)
        st.rerun()


def _reveal(case: TeachingCase, mark: Mark, book: RuleBook) -> None:
    verdicts = [
        ("✔ Right category" if mark.category_right else "✘ Not this category")
        + f": {case.category.value}"
    ]
    if mark.syndrome_right is not None:
        verdicts.append(
            ("✔ Right syndrome" if mark.syndrome_right else "✘ Not this syndrome")
            + f": the answer is {plain(book.label('syndrome', case.answer))}"
        )
    show = st.success if mark.points == mark.possible else st.warning
    show(components.bullets(verdicts) + f"\n\n**{mark.points} of {mark.possible} points.**")
    _answer(case, book)
    result = screen(case_profile(case), book)
    rank, match = next(
        ((i, m) for i, m in enumerate(result.matches, start=1) if m.syndrome == case.answer),
        (0, None),
    )
    if match is None:
        st.warning("The answer's pattern does not show for this case's findings.")
    else:
        st.markdown(f"**Why the screener shows it** (card {rank} of {len(result.matches)}):")
        components.pattern_card(card_view(rank, match, book))


def _practice(book: RuleBook) -> None:
    if not book.cases:
        st.info("The rule book has no teaching cases yet.")
        return
    _practice_score()
    numbers = {c.id: n for n, c in enumerate(book.cases, start=1)}
    case_id = st.selectbox(
        "Practice case",
        options=list(numbers),
        format_func=lambda c: f"Case {numbers[c]} of {len(numbers)}",
        key="practice.case",
    )
    case = book.case_by_id[case_id]
    st.markdown("Read the case, commit to an answer, then see the answer and its reasoning.")
    with st.container(border=True):
        _case_facts(case, book)
    mark = _marks().get(case.id)
    if mark is None:
        _commit_form(case, book)
    else:
        _reveal(case, mark, book)


book = state.book()
st.title("Teaching cases", anchor=False)
library_tab, practice_tab = st.tabs(["Case library", "Practice"])
with library_tab:
    _library(book)
with practice_tab:
    _practice(book)
