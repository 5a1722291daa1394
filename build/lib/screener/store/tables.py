"""The tables, as SQLAlchemy ORM models. Only `screener.store` sees them: everything else gets
the frozen values of `screener.models.classroom`.

No column holds anything about a person: a seat is a random token, a practice code is kept
only as its hash, and every row expires.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A moment in UTC, aware on the way out, whatever the database keeps (SQLite keeps no
    time zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a stored moment needs its time zone")
        moment = value.astimezone(dt.UTC)
        return moment.replace(tzinfo=None) if dialect.name == "sqlite" else moment

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    pass


ID = 64
"""Longest id the rule book allows (`screener.models.base`)."""
PATTERNS = (ID + 1) * 3
"""Up to three syndrome ids, comma-joined."""


class SessionRow(Base):
    __tablename__ = "class_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    teacher_key_hash: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[str] = mapped_column(String(ID))
    stage_count: Mapped[int] = mapped_column(Integer)
    stage: Mapped[int] = mapped_column(Integer, default=0)
    revealed: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)


class AnswerRow(Base):
    __tablename__ = "class_answers"
    __table_args__ = (
        UniqueConstraint("session_id", "stage", "seat", name="uq_class_answers_seat_stage"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("class_sessions.id", ondelete="CASCADE"), index=True
    )
    seat: Mapped[str] = mapped_column(String(43))
    stage: Mapped[int] = mapped_column(Integer)
    patterns: Mapped[str] = mapped_column(String(PATTERNS))
    """Comma-joined syndrome ids; empty for 'no pattern yet'."""
    confidence: Mapped[str] = mapped_column(String(16))
    saved_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class PracticeCodeRow(Base):
    __tablename__ = "practice_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)


class PracticeItemRow(Base):
    __tablename__ = "practice_items"
    __table_args__ = (
        UniqueConstraint("code_id", "case_id", "stage", name="uq_practice_items_case_stage"),
        Index("ix_practice_items_due", "code_id", "due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("practice_codes.id", ondelete="CASCADE"))
    case_id: Mapped[str] = mapped_column(String(ID))
    stage: Mapped[int] = mapped_column(Integer)
    answer: Mapped[str] = mapped_column(String(ID))
    finding: Mapped[str | None] = mapped_column(String(ID), nullable=True)
    missed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    reviews_done: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
