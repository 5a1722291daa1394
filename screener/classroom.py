"""A live class, the one service the class page calls: starting and running a session (the
teacher), joining and answering it (the students), the educator's summary, and practice codes.

It reads and writes through `screener.store`, counts through `screener.engine.classroom` and
says everything through `screener.present.class_view`. Whatever cannot be done raises
`ClassProblem` with the words to show; a database that is down or locked is one such problem,
never a traceback, and nothing else in the app depends on it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterator, Sequence

from screener import settings
from screener.engine import screen_case
from screener.engine.classroom import (
    class_summary,
    distinguishing_finding,
    stage_findings,
    stage_tally,
)
from screener.errors import ScreenerError
from screener.inputs.class_input import (
    JOIN_PARAMETER,
    NO_PATTERN,
    AnswerProblem,
    CodeProblem,
    read_answer,
    read_join_code,
    read_practice_code,
)
from screener.models import (
    ClassAnswer,
    ClassSession,
    PracticeItem,
    TeacherPass,
    TeachingCase,
)
from screener.present import class_words as words
from screener.present.class_view import (
    DueView,
    ProjectorView,
    RoomView,
    StudentView,
    SummaryView,
    due_view,
    practice_result,
    projector_view,
    room_view,
    stage_heading,
    student_view,
    summary_view,
)
from screener.present.handout_view import key_view
from screener.report.csv_table import render_csv
from screener.rulebook import RuleBook
from screener.store import ClassRefused, Database, Miss, StoreUnavailable, connect, queries
from screener.store import practice as practice_store


class ClassProblem(ScreenerError):
    """What to tell the user instead: `text`, in plain words, which says whether sending the
    same again may work (the database was busy or down: what the user chose is still there)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or dt.datetime.now(dt.UTC)


def retention_days() -> int:
    try:
        return settings.current().retention_days
    except settings.SettingsError as error:
        raise ClassProblem(str(error)) from None


def _db() -> Database:
    try:
        return connect()
    except settings.SettingsError as error:
        raise ClassProblem(str(error)) from None
    except StoreUnavailable as error:
        raise ClassProblem(f"{words.UNAVAILABLE[error.why]} {words.TRY_AGAIN}") from None


@contextlib.contextmanager
def _plainly(case: TeachingCase | None = None, *, unsaved: str | None = None) -> Iterator[None]:
    """Turn what the store refuses, or cannot do, into words. `unsaved`: the button to press
    again when an answer could not be saved."""
    try:
        yield
    except StoreUnavailable as error:
        after = words.NOT_SAVED.format(button=unsaved) if unsaved else words.TRY_AGAIN
        raise ClassProblem(f"{words.UNAVAILABLE[error.why]} {after}") from None
    except ClassRefused as error:
        stage = stage_heading(case, error.stage) if case and error.stage is not None else ""
        text = words.REFUSAL[error.reason].format(stage=stage, days=retention_days())
        raise ClassProblem(text) from None


def case_for(session: ClassSession, cases: Sequence[TeachingCase]) -> TeachingCase:
    found = next((c for c in cases if c.id == session.case_id), None)
    if found is None or len(found.stage_profiles) != session.stage_count:
        raise ClassProblem(words.UNKNOWN_CASE)
    return found


_findings: dict[tuple[str, str, int], frozenset[str]] = {}
_findings_lock = threading.Lock()


def _present(case: TeachingCase, stage: int, book: RuleBook) -> frozenset[str]:
    # The projector counts every second or two; screening the stage again each time is waste.
    key = (book.content_hash, case.id, stage)
    found = _findings.get(key)
    if found is None:
        found = stage_findings(case, stage, book)
        with _findings_lock:
            _findings[key] = found
    return found


# --- The teacher ------------------------------------------------------------------------------


def start_class(case: TeachingCase, now: dt.datetime | None = None) -> TeacherPass:
    """A new session for `case`, at its first stage. Expired classes are deleted first, so a
    laptop that never runs `screener class purge` still keeps nothing past the retention."""
    moment = _now(now)
    db = _db()
    with _plainly():
        queries.purge(db, moment)
        return queries.create_session(
            db, case.id, len(case.stage_profiles), moment, retention_days()
        )[1]


def resume_teacher(code: object, key: object, now: dt.datetime | None = None) -> TeacherPass:
    """The teacher's pass again, from the code and the teacher's key they kept."""
    read = read_join_code(code)
    if isinstance(read, CodeProblem):
        raise ClassProblem(words.CODE_PROBLEM[read])
    if not isinstance(key, str) or not key.strip() or len(key) > 200:
        raise ClassProblem(words.REFUSAL["not_teacher"])
    teacher = TeacherPass(code=read, key=key.strip())
    db = _db()
    with _plainly():
        queries.teacher_session(db, teacher, _now(now))
    return teacher


def teacher_session(teacher: TeacherPass, now: dt.datetime | None = None) -> ClassSession:
    db = _db()
    with _plainly():
        return queries.teacher_session(db, teacher, _now(now))


def projector(
    session: ClassSession, cases: Sequence[TeachingCase], book: RuleBook
) -> ProjectorView:
    return projector_view(case_for(session, cases), session, book)


def room(
    teacher: TeacherPass,
    cases: Sequence[TeachingCase],
    book: RuleBook,
    now: dt.datetime | None = None,
) -> tuple[ClassSession, RoomView]:
    """The room as it stands: the session (it may have moved on in another tab) and its
    current stage's spread."""
    session = teacher_session(teacher, now)
    case = case_for(session, cases)
    db = _db()
    with _plainly(case):
        answers = queries.answers(db, session.id, session.stage)
    tally = stage_tally(case, session.stage, answers, book, _present(case, session.stage, book))
    return session, room_view(case, session, tally, book)


def advance(teacher: TeacherPass, from_stage: int, now: dt.datetime | None = None) -> None:
    db = _db()
    with _plainly():
        queries.advance(db, teacher, from_stage, _now(now))


def reveal(teacher: TeacherPass, stage: int, now: dt.datetime | None = None) -> None:
    db = _db()
    with _plainly():
        queries.reveal(db, teacher, stage, _now(now))


def close(teacher: TeacherPass, now: dt.datetime | None = None) -> None:
    db = _db()
    with _plainly():
        queries.close(db, teacher, _now(now))


def summary(
    teacher: TeacherPass,
    cases: Sequence[TeachingCase],
    book: RuleBook,
    now: dt.datetime | None = None,
) -> SummaryView:
    """The educator's summary, for the teacher's pass only."""
    session = teacher_session(teacher, now)
    case = case_for(session, cases)
    db = _db()
    with _plainly(case):
        answers = queries.answers(db, session.id)
    return summary_view(case, class_summary(case, answers, book), book)


def summary_csv(view: SummaryView) -> bytes:
    return render_csv(view.columns, view.rows).encode("utf-8")


def summary_pdf(
    view: SummaryView,
    session: ClassSession,
    cases: Sequence[TeachingCase],
    book: RuleBook,
    page_size: str = "A4",
) -> bytes:
    # fpdf2 is heavy to import; only a download pays for it.
    from screener.report.handout import render_class_summary

    case = case_for(session, cases)
    key = key_view([(case, screen_case(case, book))], book)
    return render_class_summary(view, key, page_size=page_size)


def join_link(page_url: str | None, code: str) -> tuple[str, bytes | None]:
    """The address students open, and its QR code. `page_url`: the class page's address as the
    teacher's browser sees it (behind a load balancer, the public one); without it, only the
    path can be given, and no QR code."""
    query = f"{JOIN_PARAMETER}={code}"
    if not page_url:
        return f"class?{query}", None
    # Imported here: segno loads only once a class is projected.
    from screener.report.qr import qr_png

    address = f"{page_url}?{query}"
    return address, qr_png(address)


# --- A student --------------------------------------------------------------------------------


def join(code: object, now: dt.datetime | None = None) -> ClassSession:
    """The session a typed or linked code opens. Raises `ClassProblem`."""
    read = read_join_code(code)
    if isinstance(read, CodeProblem):
        raise ClassProblem(words.CODE_PROBLEM[read])
    db = _db()
    with _plainly():
        session = queries.session_by_code(db, read)
    if session is None:
        raise ClassProblem(words.REFUSAL["unknown_code"])
    if session.expired(_now(now)):
        raise ClassProblem(words.REFUSAL["expired"])
    return session


def class_state(code: str) -> tuple[int, bool, bool] | None:
    """The stage, revealed and closed: what a student's phone checks every few seconds to know
    it must redraw. None if the database cannot say now (the phone asks again later)."""
    try:
        session = queries.session_by_code(connect(), code)
    except (StoreUnavailable, settings.SettingsError):
        return None
    return None if session is None else (session.stage, session.revealed, session.closed)


def _missed(case: TeachingCase, answer: ClassAnswer, book: RuleBook) -> tuple[bool, str | None]:
    reference = case.stage_tops[answer.stage]
    if answer.names(reference) or reference is None:
        return False, None
    present = _present(case, answer.stage, book)
    return True, distinguishing_finding(reference, answer.patterns, present, book)


def student(
    session: ClassSession, seat: str, cases: Sequence[TeachingCase], book: RuleBook
) -> tuple[StudentView, dict[int, ClassAnswer]]:
    """A student's phone at the class's stage, and the seat's saved answers by stage."""
    case = case_for(session, cases)
    db = _db()
    with _plainly(case):
        saved = queries.seat_answers(db, session.id, seat)
        answers = queries.answers(db, session.id, session.stage) if session.revealed else ()
    mine = saved.get(session.stage)
    tally = None
    missed_finding = None
    if session.revealed:
        tally = stage_tally(case, session.stage, answers, book, _present(case, session.stage, book))
        if mine is not None:
            missed_finding = _missed(case, mine, book)[1]
    return student_view(case, session, mine, tally, missed_finding, book), saved


def send_answer(
    code: str,
    seat: str,
    stage: int,
    picks: Sequence[object] | None,
    confidence: object,
    cases: Sequence[TeachingCase],
    book: RuleBook,
    now: dt.datetime | None = None,
) -> str:
    """Save the seat's answer to `stage`; the words that say it was saved. Raises
    `ClassProblem` (saying to send it again when the database failed: nothing was saved)."""
    read = read_answer(picks, confidence, book)
    if isinstance(read, AnswerProblem):
        raise ClassProblem(words.ANSWER_PROBLEM[read])
    patterns, level = read
    session = join(code, now)
    case = case_for(session, cases)
    db = _db()
    with _plainly(case, unsaved=words.SEND_BUTTON):
        saved = queries.save_answer(db, code, seat, stage, patterns, level, _now(now))
    return words.SAVED[saved.outcome].format(stage=stage_heading(case, stage))


# --- Practice codes ---------------------------------------------------------------------------


def new_practice_code(now: dt.datetime | None = None) -> str:
    db = _db()
    with _plainly():
        return practice_store.new_practice_code(db, _now(now), retention_days())


def use_practice_code(code: object, now: dt.datetime | None = None) -> str:
    """The practice code as typed, if it is one that is kept. Raises `ClassProblem`."""
    read = read_practice_code(code)
    if isinstance(read, CodeProblem):
        raise ClassProblem(words.PRACTICE_CODE_PROBLEM[read])
    db = _db()
    with _plainly():
        practice_store.check_practice_code(db, read, _now(now))
    return read


def keep_misses(
    practice_code: str,
    session: ClassSession,
    saved: dict[int, ClassAnswer],
    cases: Sequence[TeachingCase],
    book: RuleBook,
    now: dt.datetime | None = None,
) -> int:
    """File for practice every stage this seat answered without its answer, once the class has
    left the stage or revealed it. Returns how many are kept under the code (new or not)."""
    case = case_for(session, cases)
    done = [
        answer
        for stage, answer in saved.items()
        if stage < session.stage or (stage == session.stage and not session.answering)
    ]
    misses = []
    for answer in done:
        missed, finding = _missed(case, answer, book)
        reference = case.stage_tops[answer.stage]
        if missed and reference is not None:
            misses.append(
                Miss(case_id=case.id, stage=answer.stage, answer=reference, finding=finding)
            )
    if misses:
        db = _db()
        with _plainly():
            practice_store.keep_misses(db, practice_code, misses, _now(now), retention_days())
    return len(misses)


def due(
    practice_code: str,
    cases: Sequence[TeachingCase],
    book: RuleBook,
    now: dt.datetime | None = None,
) -> tuple[tuple[DueView, ...], str]:
    """What is due now under the code, and a line on what comes next."""
    moment = _now(now)
    db = _db()
    with _plainly():
        items = practice_store.practice_items(db, practice_code, moment)
    by_id = {c.id: c for c in cases}
    known = [
        i for i in items if i.case_id in by_id and i.stage < len(by_id[i.case_id].stage_profiles)
    ]
    now_due = [i for i in known if i.due_at is not None and i.due_at <= moment]
    later = [i for i in known if i.due_at is not None and i.due_at > moment]
    if later:
        when = min(i.due_at for i in later if i.due_at is not None)
        note = words.NEXT_DUE.format(when=f"{when:%Y-%m-%d}", count=len(later))
    elif now_due:
        note = ""
    else:
        note = words.ALL_DONE if not items else words.NOTHING_DUE
    views = tuple(due_view(i, by_id[i.case_id], book) for i in now_due)
    return views, note


def check_practice(
    practice_code: str,
    item_id: int,
    picks: Sequence[object] | None,
    book: RuleBook,
    now: dt.datetime | None = None,
) -> tuple[str, ...]:
    """The learner answered a due item: the lines that say how it went and when it comes back.
    The review counts whatever the answer: it was gone over."""
    chosen = [p for p in picks or () if isinstance(p, str) and p in book.syndrome_by_id]
    if not chosen and NO_PATTERN not in (picks or ()):
        raise ClassProblem(words.ANSWER_PROBLEM[AnswerProblem.NO_PICK])
    moment = _now(now)
    db = _db()
    with _plainly():
        item: PracticeItem = practice_store.record_review(db, practice_code, item_id, moment)
    lines = practice_result(item, chosen, book)[1]
    again = item.due_at is not None
    when = f"{item.due_at:%Y-%m-%d}" if item.due_at else ""
    return (*lines, words.REVIEW_NEXT[again].format(when=when))


def purge(now: dt.datetime | None = None) -> queries.Purged:
    """Delete every class and practice code past its retention (`screener class purge`)."""
    db = _db()
    with _plainly():
        return queries.purge(db, _now(now))
