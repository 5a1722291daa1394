"""Pseudonymous practice codes and the items their holder missed in class, due again after
1, 3 and 7 days. A code is kept only as its hash; a code's items expire with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from screener.models import PRACTICE_CODE_LENGTH, REVIEW_AFTER_DAYS, Frozen, PracticeItem
from screener.store.database import Database
from screener.store.errors import ClassRefused
from screener.store.queries import CODE_ATTEMPTS, new_code, secret_hash
from screener.store.tables import PracticeCodeRow, PracticeItemRow

MIN_GAP = dt.timedelta(days=1)
"""A review done late still waits a day before the next: it is never due again at once."""


class Miss(Frozen):
    """A stage a learner answered without its answer, and the finding that tells it apart."""

    case_id: str
    stage: int
    answer: str
    finding: str | None


def _item(row: PracticeItemRow) -> PracticeItem:
    return PracticeItem(
        id=row.id,
        case_id=row.case_id,
        stage=row.stage,
        answer=row.answer,
        finding=row.finding,
        missed_at=row.missed_at,
        reviews_done=row.reviews_done,
        due_at=row.due_at,
    )


def new_practice_code(db: Database, now: dt.datetime, retention_days: int) -> str:
    """A fresh practice code; only its hash is kept."""
    for _ in range(CODE_ATTEMPTS):
        code = new_code(PRACTICE_CODE_LENGTH)
        try:
            with db.writing() as session:
                session.add(
                    PracticeCodeRow(
                        code_hash=secret_hash(code),
                        created_at=now,
                        expires_at=now + dt.timedelta(days=retention_days),
                    )
                )
        except IntegrityError:
            continue
        return code
    raise RuntimeError("no free practice code after several draws")


def _code_row(session: Session, code: str, now: dt.datetime) -> PracticeCodeRow:
    row = session.scalar(
        select(PracticeCodeRow).where(PracticeCodeRow.code_hash == secret_hash(code))
    )
    if row is None or now >= row.expires_at:
        raise ClassRefused("unknown_practice_code")
    return row


def check_practice_code(db: Database, code: str, now: dt.datetime) -> None:
    """Raises `ClassRefused` unless `code` is a practice code still kept."""
    with db.reading() as session:
        _code_row(session, code, now)


def keep_misses(
    db: Database, code: str, misses: Iterable[Miss], now: dt.datetime, retention_days: int
) -> int:
    """File each miss for practice (a stage already filed is left as it is); the code is kept
    for the retention period from now. Returns how many were new."""
    added = 0
    with db.writing() as session:
        row = _code_row(session, code, now)
        row.expires_at = max(row.expires_at, now + dt.timedelta(days=retention_days))
        filed = {
            (case_id, stage)
            for case_id, stage in session.execute(
                select(PracticeItemRow.case_id, PracticeItemRow.stage).where(
                    PracticeItemRow.code_id == row.id
                )
            )
        }
        for miss in misses:
            if (miss.case_id, miss.stage) in filed:
                continue
            filed.add((miss.case_id, miss.stage))
            session.add(
                PracticeItemRow(
                    code_id=row.id,
                    case_id=miss.case_id,
                    stage=miss.stage,
                    answer=miss.answer,
                    finding=miss.finding,
                    missed_at=now,
                    reviews_done=0,
                    due_at=now + dt.timedelta(days=REVIEW_AFTER_DAYS[0]),
                )
            )
            added += 1
    return added


def practice_items(db: Database, code: str, now: dt.datetime) -> tuple[PracticeItem, ...]:
    """Every item of the code still to review, the soonest due first."""
    with db.reading() as session:
        row = _code_row(session, code, now)
        query = (
            select(PracticeItemRow)
            .where(PracticeItemRow.code_id == row.id, PracticeItemRow.due_at.is_not(None))
            .order_by(PracticeItemRow.due_at, PracticeItemRow.id)
        )
        return tuple(_item(r) for r in session.scalars(query))


def record_review(db: Database, code: str, item_id: int, now: dt.datetime) -> PracticeItem:
    """The learner went over a due item: it comes back at its next interval, or never after
    the last one. An item not due (reviewed in another tab already) is left as it is."""
    with db.writing() as session:
        row = _code_row(session, code, now)
        item = session.scalar(
            select(PracticeItemRow).where(
                PracticeItemRow.id == item_id, PracticeItemRow.code_id == row.id
            )
        )
        if item is None:
            raise ClassRefused("unknown_practice_code")
        if item.due_at is not None and item.due_at <= now:
            item.reviews_done += 1
            if item.reviews_done < len(REVIEW_AFTER_DAYS):
                planned = item.missed_at + dt.timedelta(days=REVIEW_AFTER_DAYS[item.reviews_done])
                item.due_at = max(planned, now + MIN_GAP)
            else:
                item.due_at = None
        session.flush()
        return _item(item)
