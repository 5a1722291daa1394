"""What the Cases page's tabs share: their keys, opening a case in Screen, a case's answer fold,
and a case screened once by the engine."""

from __future__ import annotations

import streamlit as st

from screener.app import case_state, components
from screener.app.failure import guarded
from screener.app.pages import BY_KEY
from screener.engine import screen_case
from screener.models import CaseScreening, Profile, TeachingCase
from screener.present import words
from screener.present.markdown import plain_markdown as plain
from screener.present.view import Line
from screener.rulebook import RuleBook

SCREEN_PAGE = BY_KEY["screen"].script
TABS = (
    "Case library",
    "Step through a case",
    "Practice",
    "Class handout",
    "Export a case",
    "Live class",
)
TAB_KEY = "cases.tab"
STEP_CASE = "cases.step.case"
STAGE_CARDS = "cases.step.cards"


def lines(items: tuple[Line, ...]) -> str:
    return components.bullets(components.line(item) for item in items)


def open_in_screen(profile: Profile) -> None:
    st.switch_page(SCREEN_PAGE, query_params=case_state.open_case(profile))


@guarded
def step_through(case_id: str) -> None:
    st.session_state[STEP_CASE] = case_id
    st.session_state[TAB_KEY] = TABS[1]


def stage_word(case: TeachingCase) -> str:
    count = len(case.stage_profiles)
    return "One stage" if count == 1 else f"Staged: {count} stages"


@st.cache_resource(max_entries=256, show_spinner=False)
def _screen_case(
    content_hash: str, case_json: str, _case: TeachingCase, _book: RuleBook
) -> CaseScreening:
    return screen_case(_case, _book)


def screened(case: TeachingCase, book: RuleBook) -> CaseScreening:
    """The engine's one screening of a case: every tab draws from it. Shared by everyone with
    the same rule book and case (a teacher's pack may reuse a rule-book case's id, so the case
    is known by its content): a staged case takes 8 to 13 ms to screen, and stepping or
    committing at a stage would otherwise pay it on every rerun."""
    return _screen_case(book.content_hash, case.model_dump_json(), case, book)


def answer_key(case_id: str, where: str) -> str:
    """The session-state key of a case's answer fold, in the library or the stepper (`where`);
    it is true while open."""
    return f"cases.{where}.answer.{case_id}"


def answer(case: TeachingCase, book: RuleBook) -> None:
    st.markdown(
        f"**Pattern:** {plain(book.label('syndrome', case.answer))} "
        f"({words.CATEGORY[case.category]})\n\n"
        + components.bullets(plain(point) for point in case.teaching_points)
    )


def answer_fold(case: TeachingCase, book: RuleBook, where: str) -> None:
    # Drawn only once opened: the answer is not in the page (not merely hidden) until a learner
    # asks for it, and the library of every case draws lighter. A fold per case, so opening one
    # case's answer never shows the next case's.
    fold = st.expander(
        "Answer and teaching points", key=answer_key(case.id, where), on_change="rerun"
    )
    with fold:
        if fold.open:
            answer(case, book)
