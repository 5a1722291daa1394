"""The Live class page, drawn: the teacher's projector, a student's phone, or (with neither)
the way in: the code box, practice on what was missed, and taking a class back.

The page only lays out; `screener.classroom` does the work and holds the words (through its
views). Whatever it cannot do arrives as `ClassProblem`, shown as a plain message: a database
that is down never stops this page, let alone another one.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from screener import classroom
from screener.app import book_state, components, link_state, packs
from screener.app.failure import guarded
from screener.classroom import ClassProblem
from screener.inputs.class_input import (
    JOIN_PARAMETER,
    MAX_TYPED_CHARS,
    SEAT_PARAMETER,
    read_seat,
    shown_code,
)
from screener.inputs.query import unknown_parameters
from screener.models import ClassSession, Confidence, TeacherPass, TeachingCase
from screener.present import class_words as words
from screener.present.class_view import RoomView, StageInfo, StudentView, pick_options
from screener.present.markdown import plain_markdown as plain
from screener.rulebook import RuleBook

CLASS_TEACHER = "class.teacher"
"""The session-state key of the teacher's pass (`TeacherPass`) for the class this browser tab
runs: kept on the server with the tab's session, never in an address."""

ROOM_EVERY_S = 1.5
"""How often the projector counts the room again."""
POLL_EVERY_S = 2.0
"""How often a student's phone checks whether the class moved on."""
STATE_FRESH_S = 1.0
"""How old the class's stage may be when a phone checks it. Every phone in the room asks for the
same three values (200 phones: 100 times a second); shared for a second, the database answers
once a second, and the CPU it saved goes to the answers being sent. A phone then redraws at
most a second later than it would have."""
FLASH = "class.flash"
DRAWN = "class.drawn"
PRACTICE_CODE = "class.practice.code"
PRACTICE_NEW = "class.practice.new"
PRACTICE_DONE = "class.practice.done"
PRACTICE_FOLD = "class.practice.fold"
PRESENT = "class.present"
CODE_BOX = "class.codebox."
"""The key prefix of every text box on the page: each takes a code or a key, read strictly
(`screener.inputs.class_input`) and never kept or logged as typed."""
ROOM = "class-room"


def _code_box(label: str, name: str, *, secret: bool = False, placeholder: str = "") -> str:
    """A box for a code (join, practice) or the teacher's key: never free text."""
    return st.text_input(
        label,
        placeholder=placeholder,
        max_chars=MAX_TYPED_CHARS,
        type="password" if secret else "default",
        key=CODE_BOX + name,
    )


def _flash(kind: str, text: str) -> None:
    st.session_state[FLASH] = (kind, text)


def _show_flash() -> None:
    kind, text = st.session_state.pop(FLASH, (None, ""))
    if kind == "success":
        st.success(plain(text), icon=":material/check_circle:")
    elif kind == "error":
        st.error(plain(text), icon=":material/error:")


@guarded
def _attempt(action: Callable[[], object]) -> None:
    """Run a class action from a button; a problem becomes the message the page shows next."""
    try:
        action()
    except ClassProblem as problem:
        _flash("error", problem.text)


def _stage(info: StageInfo) -> None:
    st.subheader(plain(info.heading), anchor=False)
    st.markdown(plain(info.text))
    if info.facts:
        st.markdown(components.bullets(components.line(fact) for fact in info.facts))


def _earlier(stages: Sequence[StageInfo]) -> None:
    if not stages:
        return
    with st.expander(words.EARLIER_STAGES):
        for info in stages:
            st.markdown(f"**{plain(info.heading)}**\n\n{plain(info.text)}")
            if info.facts:
                st.markdown(components.bullets(components.line(fact) for fact in info.facts))


def _drawn(session: ClassSession) -> tuple[str, int, bool, bool]:
    return (session.code, session.stage, session.revealed, session.closed)


# --- The teacher's projector ------------------------------------------------------------------


def _room_bars(room: RoomView) -> None:
    st.subheader(plain(room.answered_text), anchor=False)
    st.caption(plain(room.status))
    if room.reveal:
        st.success(components.bullets(plain(line) for line in room.reveal))
    patterns_col, confidence_col = st.columns([3, 2], gap="large")
    with patterns_col:
        st.markdown(f"**{words.ANSWERS_HEADING}**")
        for bar in room.patterns:
            st.progress(bar.share, text=plain(bar.text))
    with confidence_col:
        st.markdown(f"**{words.CONFIDENCE_HEADING}**")
        for bar in room.confidence:
            st.progress(bar.share, text=plain(bar.text))


@st.fragment(run_every=ROOM_EVERY_S, key=ROOM)
@guarded
def _room(teacher: TeacherPass, cases: Sequence[TeachingCase], book: RuleBook) -> None:
    """The room's spread, counted again every second or two."""
    try:
        session, room = classroom.room(teacher, cases, book)
    except ClassProblem as problem:
        st.warning(plain(problem.text), icon=":material/sync_problem:")
        return
    if _drawn(session) != st.session_state.get(DRAWN):
        st.rerun()  # moved on in another of the teacher's tabs: redraw the stage and buttons
    _room_bars(room)


@guarded
def _on_present() -> None:
    link_state.set_presentation(bool(st.session_state[PRESENT]))


@guarded
def _leave() -> None:
    st.session_state.pop(CLASS_TEACHER, None)


def _summary(
    teacher: TeacherPass, session: ClassSession, cases: Sequence[TeachingCase], book: RuleBook
) -> None:
    fold = st.expander(words.SUMMARY_FOLD, key="class.summary", on_change="rerun")
    with fold:
        if not fold.open:
            return
        try:
            view = classroom.summary(teacher, cases, book)
        except ClassProblem as problem:
            st.error(plain(problem.text))
            return
        st.markdown(f"**{plain(view.title)}**")
        st.caption(plain(view.note))
        st.dataframe(pd.DataFrame(list(view.rows), columns=list(view.columns)), hide_index=True)
        st.markdown(plain(view.first_named))
        csv_col, pdf_col = st.columns(2)
        csv_col.download_button(
            words.CSV_BUTTON,
            data=classroom.summary_csv(view),
            file_name=f"class-{session.case_id}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/table:",
        )
        pdf_col.download_button(
            words.PDF_BUTTON,
            data=lambda: classroom.summary_pdf(view, session, cases, book),
            file_name=f"class-{session.case_id}.pdf",
            mime="application/pdf",
            on_click="ignore",
            icon=":material/download:",
        )


def _teacher(teacher: TeacherPass, cases: Sequence[TeachingCase], book: RuleBook) -> None:
    try:
        session = classroom.teacher_session(teacher)
        view = classroom.projector(session, cases, book)
    except ClassProblem as problem:
        st.error(plain(problem.text), icon=":material/error:")
        st.button(words.LEAVE_BUTTON, on_click=_leave, key="class.leave")
        return
    st.session_state[DRAWN] = _drawn(session)
    presenting = link_state.presentation()
    if st.session_state.get(PRESENT) != presenting:
        st.session_state[PRESENT] = presenting
    st.toggle(words.PRESENT_TOGGLE, key=PRESENT, on_change=_on_present, help=words.PRESENT_HELP)
    _show_flash()
    address, qr = classroom.join_link(st.context.url, session.code)
    # The stage and the room take the screen; the way to join stays beside them all class.
    # In large type, the code needs a wider column to stay on one line.
    main_col, join_col = st.columns([2, 1] if presenting else [3, 1], gap="large")
    with join_col:
        st.header(plain(view.code), anchor=False)
        if qr is not None:
            st.image(qr, caption=words.QR_CAPTION, width="stretch")
        st.caption(plain(words.JOIN_ON_PROJECTOR))
        # A code block shows the address exactly as it is to be typed: never a link.
        st.code(address, language=None, wrap_lines=True)
    with main_col:
        st.subheader(plain(view.title), anchor=False)
        st.caption(plain(view.about))
        _earlier(view.earlier)
        _stage(view.stage)
        _room(teacher, cases, book)
    with st.container(horizontal=True, key="class-controls"):
        if view.can_reveal:
            st.button(
                words.REVEAL_BUTTON,
                icon=":material/visibility:",
                type="primary",
                on_click=_attempt,
                args=(lambda: classroom.reveal(teacher, session.stage),),
                key="class.reveal",
            )
        if view.can_advance:
            st.button(
                words.NEXT_BUTTON,
                icon=":material/arrow_forward:",
                on_click=_attempt,
                args=(lambda: classroom.advance(teacher, session.stage),),
                key="class.next",
            )
        if view.can_close:
            st.button(
                words.CLOSE_BUTTON,
                icon=":material/stop_circle:",
                on_click=_attempt,
                args=(lambda: classroom.close(teacher),),
                key="class.close",
            )
    if not presenting:
        key_fold = st.expander(words.TEACHER_KEY_HEADING, key="class.key", on_change="rerun")
        with key_fold:
            if key_fold.open:
                st.markdown(plain(words.TEACHER_KEY_HOW))
                st.code(teacher.key, language=None)
        _summary(teacher, session, cases, book)


# --- A student's phone ------------------------------------------------------------------------


def _pick_key(code: str, stage: int) -> str:
    return f"class.pick.{code}.{stage}"


def _confidence_key(code: str, stage: int) -> str:
    return f"class.confidence.{code}.{stage}"


@guarded
def _send(code: str, seat: str, stage: int, cases: Sequence[TeachingCase], book: RuleBook) -> None:
    try:
        text = classroom.send_answer(
            code,
            seat,
            stage,
            st.session_state.get(_pick_key(code, stage)),
            st.session_state.get(_confidence_key(code, stage)),
            cases,
            book,
        )
    except ClassProblem as problem:
        _flash("error", problem.text)
    else:
        _flash("success", text)


def _answer_form(
    view: StudentView, code: str, seat: str, cases: Sequence[TeachingCase], book: RuleBook
) -> None:
    stage = view.stage_index
    levels = list(Confidence)
    with st.form(f"class.answer.{code}.{stage}", border=True):
        st.multiselect(
            words.PICK_LABEL,
            # One keystroke must never pick every match ("Select N matches").
            select_all=False,
            options=view.options,
            default=list(view.saved_picks),
            format_func=lambda value: view.labels[value],
            max_selections=3,
            placeholder=words.PICK_PLACEHOLDER,
            key=_pick_key(code, stage),
        )
        st.radio(
            words.CONFIDENCE_LABEL,
            options=levels,
            index=levels.index(view.saved_confidence) if view.saved_confidence else None,
            format_func=lambda level: words.CONFIDENCE[level],
            horizontal=True,
            key=_confidence_key(code, stage),
        )
        st.form_submit_button(
            words.SEND_BUTTON,
            type="primary",
            icon=":material/send:",
            on_click=_send,
            args=(code, seat, stage, cases, book),
        )


def _practice_for_class() -> None:
    # Drawn only once opened: most students never open it, and every phone redraws this part
    # at each answer.
    fold = st.expander(words.PRACTICE_HEADING, key=PRACTICE_FOLD, on_change="rerun")
    with fold:
        if not fold.open:
            return
        st.caption(plain(words.PRACTICE_HOW))
        code = st.session_state.get(PRACTICE_CODE)
        if code:
            if st.session_state.get(PRACTICE_NEW) == code:
                st.info(words.YOUR_CODE.format(code=plain(shown_code(code))))
            st.markdown(plain(words.KEEPING.format(code=shown_code(code))))
            done = st.session_state.get(PRACTICE_DONE)
            if done:
                st.caption(plain(words.KEPT.format(count=done)))
            return
        if st.button(words.MAKE_CODE, key="class.practice.make", icon=":material/key:"):
            _attempt(lambda: _set_practice_code(classroom.new_practice_code(), new=True))
            st.rerun()
        _practice_code_box("practice")


def _set_practice_code(code: str, *, new: bool = False) -> None:
    st.session_state[PRACTICE_CODE] = code
    if new:
        st.session_state[PRACTICE_NEW] = code


def _practice_code_box(key: str) -> None:
    with st.form(f"class.{key}", border=False):
        typed = _code_box(words.PRACTICE_CODE_LABEL, key)
        if st.form_submit_button(words.USE_CODE):
            try:
                _set_practice_code(classroom.use_practice_code(typed))
            except ClassProblem as problem:
                st.error(plain(problem.text))
            else:
                st.rerun()


def _student_body(
    session: ClassSession, seat: str, cases: Sequence[TeachingCase], book: RuleBook
) -> None:
    # Drawn with the whole page, not as a fragment of its own: as one, an answer sent just as
    # the phone's 2-second check fired was now and then saved but never confirmed (the run that
    # followed drew only the check's fragment): 1 to 10 phones in 200 in the benchmark.
    try:
        view, saved = classroom.student(session, seat, cases, book)
    except ClassProblem as problem:
        st.error(plain(problem.text), icon=":material/error:")
        return
    code = session.code
    st.session_state[DRAWN] = _drawn(session)
    practice_code = st.session_state.get(PRACTICE_CODE)
    if practice_code:
        try:
            st.session_state[PRACTICE_DONE] = classroom.keep_misses(
                practice_code, session, saved, cases, book
            )
        except ClassProblem as problem:
            st.warning(plain(problem.text))
    st.header(plain(view.title), anchor=False)
    st.caption(plain(view.about))
    _earlier(view.earlier)
    _stage(view.stage)
    _show_flash()
    if view.reveal:
        st.info(components.bullets(plain(line) for line in view.reveal))
    if view.status:
        st.info(plain(view.status), icon=":material/hourglass_top:")
    if view.saved:
        st.markdown(f"**{plain(view.saved)}**")
        if view.answering:
            st.caption(words.CHANGE_UNTIL)
    if view.answering:
        _answer_form(view, code, seat, cases, book)
    _practice_for_class()
    st.caption(plain(words.NOTHING_KEPT.format(days=classroom.retention_days())))


@st.cache_data(ttl=STATE_FRESH_S, max_entries=64, show_spinner=False)
def _class_state(code: str) -> tuple[int, bool, bool] | None:
    return classroom.class_state(code)


@st.fragment(run_every=POLL_EVERY_S)
@guarded
def _poll(code: str) -> None:
    """Redraw the phone once the teacher has moved, revealed or closed the class."""
    drawn = st.session_state.get(DRAWN)
    found = _class_state(code)
    if found is not None and (code, *found) != drawn:
        # The shared answer can be older than the page the phone drew: ask afresh before
        # redrawing, or a phone that has just drawn the new stage would redraw it again.
        found = classroom.class_state(code)
        if found is not None and (code, *found) != drawn:
            st.rerun()


def _student(code_param: str, cases: Sequence[TeachingCase], book: RuleBook) -> None:
    try:
        session = classroom.join(code_param)
    except ClassProblem as problem:
        st.error(plain(problem.text), icon=":material/error:")
        _join_box()
        return
    seat = read_seat(st.query_params.get(SEAT_PARAMETER))
    if seat is None or st.query_params.get(JOIN_PARAMETER) != session.code:
        # The seat lives in the address: a reload, a second tab or a restarted server keeps
        # the same seat, so the phone's answers stay one student's.
        seat = seat or secrets.token_urlsafe(16)
        query = {JOIN_PARAMETER: session.code, SEAT_PARAMETER: seat}
        if link_state.presentation():
            query[link_state.PRESENT] = "1"
        st.query_params.from_dict(query)
    _student_body(session, seat, cases, book)
    _poll(session.code)


# --- The way in -------------------------------------------------------------------------------


def _join_box() -> None:
    st.subheader(words.JOIN_HEADING, anchor=False)
    st.caption(words.JOIN_HOW)
    with st.form("class.join", border=False):
        typed = _code_box(words.CODE_LABEL, "join", placeholder=words.CODE_PLACEHOLDER)
        if st.form_submit_button(words.JOIN_BUTTON, type="primary", icon=":material/login:"):
            try:
                session = classroom.join(typed)
            except ClassProblem as problem:
                st.error(plain(problem.text), icon=":material/error:")
            else:
                st.query_params.from_dict({JOIN_PARAMETER: session.code})
                st.rerun()


def _review(cases: Sequence[TeachingCase], book: RuleBook) -> None:
    st.subheader(words.PRACTICE_REVIEW_HEADING, anchor=False)
    code = st.session_state.get(PRACTICE_CODE)
    if not code:
        st.caption(words.PRACTICE_REVIEW_HOW)
        _practice_code_box("review")
        return
    try:
        due, note = classroom.due(code, cases, book)
    except ClassProblem as problem:
        st.error(plain(problem.text))
        return
    if note:
        st.caption(plain(note))
    values, labels = pick_options(book)
    for item in due:
        with st.container(border=True):
            st.markdown(f"**{plain(item.heading)}**")
            st.caption(plain(item.about))
            for info in item.stages:
                _stage(info)
            with st.form(f"class.review.{item.item_id}"):
                picks = st.multiselect(
                    item.question,
                    # One keystroke must never pick every match ("Select N matches").
                    select_all=False,
                    options=values,
                    format_func=lambda value: labels[value],
                    max_selections=3,
                    key=f"class.review.pick.{item.item_id}",
                )
                if st.form_submit_button(words.CHECK_BUTTON):
                    try:
                        lines = classroom.check_practice(code, item.item_id, picks, book)
                    except ClassProblem as problem:
                        st.error(plain(problem.text))
                    else:
                        st.info(components.bullets(plain(line) for line in lines))


def _resume() -> None:
    with st.expander(words.RESUME_HEADING), st.form("class.resume", border=False):
        code = _code_box(words.RESUME_CODE, "resume")
        key = _code_box(words.RESUME_KEY, "teacher-key", secret=True)
        if st.form_submit_button(words.RESUME_BUTTON):
            try:
                st.session_state[CLASS_TEACHER] = classroom.resume_teacher(code, key)
            except ClassProblem as problem:
                st.error(plain(problem.text))
            else:
                st.rerun()


def draw() -> None:
    book = book_state.book()
    book_state.freeze_long_lived()
    cases = packs.teaching_cases(book, packs.case_pack(book))
    st.title(words.PAGE_TITLE, anchor=False)
    reads = (JOIN_PARAMETER, SEAT_PARAMETER, link_state.PRESENT)
    components.link_notices(
        [*link_state.dropped_link(), *unknown_parameters(link_state.link_query(), reads)]
    )
    teacher = st.session_state.get(CLASS_TEACHER)
    if isinstance(teacher, TeacherPass):
        _teacher(teacher, cases, book)
        return
    code = st.query_params.get(JOIN_PARAMETER)
    if code is not None:
        _student(code, cases, book)
        return
    _join_box()
    _review(cases, book)
    _resume()
