"""Class sessions and their answers: every read and write the live class makes.

Each function is one transaction. A write checks the session as it stands inside that
transaction (SQLite's write lock, PostgreSQL's row lock), so a stage that moves on while an
answer is on its way refuses the answer instead of filing it under the wrong stage.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Literal

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from screener.models import (
    CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    ClassAnswer,
    ClassSession,
    Confidence,
    Frozen,
    TeacherPass,
)
from screener.store.database import Database
from screener.store.errors import ClassRefused
from screener.store.tables import AnswerRow, PracticeCodeRow, PracticeItemRow, SessionRow

CODE_ATTEMPTS = 8
"""New codes drawn before giving up; with 31⁸ codes, a second draw is already rare."""


def secret_hash(secret: str) -> str:
    """How a secret is kept: its SHA-256, so the database alone cannot be used to act with it."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_code(length: int = JOIN_CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def _value(row: SessionRow) -> ClassSession:
    return ClassSession(
        id=row.id,
        code=row.code,
        case_id=row.case_id,
        stage=row.stage,
        stage_count=row.stage_count,
        revealed=row.revealed,
        closed=row.closed_at is not None,
        created_at=row.created_at,
        expires_at=row.expires_at,
    )


def _answer(row: AnswerRow) -> ClassAnswer:
    return ClassAnswer(
        seat=row.seat,
        stage=row.stage,
        patterns=tuple(p for p in row.patterns.split(",") if p),
        confidence=Confidence(row.confidence),
        saved_at=row.saved_at,
    )


def create_session(
    db: Database, case_id: str, stage_count: int, now: dt.datetime, retention_days: int
) -> tuple[ClassSession, TeacherPass]:
    """A new session at its first stage, with a fresh join code and the teacher's secret key."""
    key = secrets.token_urlsafe(18)
    for _ in range(CODE_ATTEMPTS):
        code = new_code()
        try:
            with db.writing() as session:
                row = SessionRow(
                    code=code,
                    teacher_key_hash=secret_hash(key),
                    case_id=case_id,
                    stage_count=stage_count,
                    stage=0,
                    revealed=False,
                    created_at=now,
                    expires_at=now + dt.timedelta(days=retention_days),
                )
                session.add(row)
                session.flush()
                made = _value(row)
        except IntegrityError:
            continue  # the code was taken: draw another
        return made, TeacherPass(code=code, key=key)
    raise RuntimeError("no free join code after several draws")


def session_by_code(db: Database, code: str) -> ClassSession | None:
    with db.reading() as session:
        row = session.scalar(select(SessionRow).where(SessionRow.code == code))
        return None if row is None else _value(row)


def _locked(session: Session, code: str, now: dt.datetime, *, share: bool) -> SessionRow:
    """The session row, locked until the transaction ends; refused if unknown or expired."""
    row = session.scalar(
        select(SessionRow).where(SessionRow.code == code).with_for_update(read=share)
    )
    if row is None:
        raise ClassRefused("unknown_code")
    if now >= row.expires_at:
        raise ClassRefused("expired")
    return row


def _teacher_row(session: Session, teacher: TeacherPass, now: dt.datetime) -> SessionRow:
    row = _locked(session, teacher.code, now, share=False)
    if not hmac.compare_digest(row.teacher_key_hash, secret_hash(teacher.key)):
        raise ClassRefused("not_teacher")
    return row


def teacher_session(db: Database, teacher: TeacherPass, now: dt.datetime) -> ClassSession:
    """The session, if `teacher` holds its key. Raises `ClassRefused`."""
    with db.reading() as session:
        row = session.scalar(select(SessionRow).where(SessionRow.code == teacher.code))
        if row is None:
            raise ClassRefused("unknown_code")
        if not hmac.compare_digest(row.teacher_key_hash, secret_hash(teacher.key)):
            raise ClassRefused("not_teacher")
        if now >= row.expires_at:
            raise ClassRefused("expired")
        return _value(row)


def advance(db: Database, teacher: TeacherPass, from_stage: int, now: dt.datetime) -> ClassSession:
    """Move the class from `from_stage` to the next one. A second press of the same button (the
    class has already left `from_stage`) moves nothing."""
    with db.writing() as session:
        row = _teacher_row(session, teacher, now)
        if row.closed_at is not None:
            raise ClassRefused("closed")
        if row.stage == from_stage and row.stage < row.stage_count - 1:
            row.stage += 1
            row.revealed = False
        return _value(row)


def reveal(db: Database, teacher: TeacherPass, stage: int, now: dt.datetime) -> ClassSession:
    """Show the answer of `stage` (if the class is still on it); answers to it then close."""
    with db.writing() as session:
        row = _teacher_row(session, teacher, now)
        if row.stage == stage:
            row.revealed = True
        return _value(row)


def close(db: Database, teacher: TeacherPass, now: dt.datetime) -> ClassSession:
    """Close the session: no more answers; the summary stays until the data expires."""
    with db.writing() as session:
        row = _teacher_row(session, teacher, now)
        if row.closed_at is None:
            row.closed_at = now
        return _value(row)


class Saved(Frozen):
    answer: ClassAnswer
    outcome: Literal["new", "changed", "unchanged"]
    """`changed`: the seat had answered this stage before (another tab, or a second thought)."""


def save_answer(
    db: Database,
    code: str,
    seat: str,
    stage: int,
    patterns: tuple[str, ...],
    confidence: Confidence,
    now: dt.datetime,
) -> Saved:
    """Keep the seat's answer to `stage`, replacing its earlier one. Refused (`ClassRefused`)
    unless the class is open, on that stage, and its answer not yet revealed."""
    with db.writing() as session:
        row = _locked(session, code, now, share=True)
        if row.closed_at is not None:
            raise ClassRefused("closed", row.stage)
        if row.stage != stage:
            raise ClassRefused("moved_on", row.stage)
        if row.revealed:
            raise ClassRefused("revealed", row.stage)
        joined = ",".join(patterns)
        earlier = session.scalar(
            select(AnswerRow).where(
                AnswerRow.session_id == row.id, AnswerRow.stage == stage, AnswerRow.seat == seat
            )
        )
        outcome: Literal["new", "changed", "unchanged"]
        if earlier is None:
            earlier = AnswerRow(
                session_id=row.id,
                seat=seat,
                stage=stage,
                patterns=joined,
                confidence=confidence.value,
                saved_at=now,
            )
            session.add(earlier)
            outcome = "new"
        elif (earlier.patterns, earlier.confidence) == (joined, confidence.value):
            outcome = "unchanged"
        else:
            earlier.patterns, earlier.confidence, earlier.saved_at = joined, confidence.value, now
            outcome = "changed"
        session.flush()
        return Saved(answer=_answer(earlier), outcome=outcome)


def answers(db: Database, session_id: int, stage: int | None = None) -> tuple[ClassAnswer, ...]:
    """The session's answers (to one stage, if given), in the order they were saved."""
    query = select(AnswerRow).where(AnswerRow.session_id == session_id)
    if stage is not None:
        query = query.where(AnswerRow.stage == stage)
    with db.reading() as session:
        return tuple(_answer(r) for r in session.scalars(query.order_by(AnswerRow.id)))


def seat_answers(db: Database, session_id: int, seat: str) -> dict[int, ClassAnswer]:
    """One seat's answers, by stage."""
    query = select(AnswerRow).where(AnswerRow.session_id == session_id, AnswerRow.seat == seat)
    with db.reading() as session:
        return {r.stage: _answer(r) for r in session.scalars(query)}


class Purged(Frozen):
    sessions: int
    answers: int
    practice_codes: int
    practice_items: int


def purge(db: Database, now: dt.datetime) -> Purged:
    """Delete every session and practice code whose retention has run out, with their rows."""
    expired = select(SessionRow.id).where(SessionRow.expires_at <= now)
    gone_codes = select(PracticeCodeRow.id).where(PracticeCodeRow.expires_at <= now)
    # Children first and by name: SQLite cascades only where foreign keys are switched on.
    doomed = (
        (AnswerRow, AnswerRow.session_id.in_(expired)),
        (SessionRow, SessionRow.expires_at <= now),
        (PracticeItemRow, PracticeItemRow.code_id.in_(gone_codes)),
        (PracticeCodeRow, PracticeCodeRow.expires_at <= now),
    )
    counts: dict[type, int | None] = {}
    with db.writing() as session:
        for table, where in doomed:
            counts[table] = session.scalar(select(func.count()).select_from(table).where(where))
            session.execute(delete(table).where(where))
    return Purged(
        sessions=counts[SessionRow] or 0,
        answers=counts[AnswerRow] or 0,
        practice_codes=counts[PracticeCodeRow] or 0,
        practice_items=counts[PracticeItemRow] or 0,
    )
