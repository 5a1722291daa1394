"""Class sessions with their anonymous answers, and pseudonymous practice codes with the items
they missed.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "class_sessions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("teacher_key_hash", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("stage_count", sa.Integer(), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("revealed", sa.Boolean(), nullable=False),
        sa.Column("closed_at", MOMENT, nullable=True),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("expires_at", MOMENT, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_index("ix_class_sessions_expires_at", "class_sessions", ["expires_at"])
    op.create_table(
        "class_answers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("seat", sa.String(length=43), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("patterns", sa.String(length=195), nullable=False),
        sa.Column("confidence", sa.String(length=16), nullable=False),
        sa.Column("saved_at", MOMENT, nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["class_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "stage", "seat", name="uq_class_answers_seat_stage"),
    )
    op.create_index("ix_class_answers_session_id", "class_answers", ["session_id"])
    op.create_table(
        "practice_codes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("expires_at", MOMENT, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_hash"),
    )
    op.create_index("ix_practice_codes_expires_at", "practice_codes", ["expires_at"])
    op.create_table(
        "practice_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=64), nullable=False),
        sa.Column("finding", sa.String(length=64), nullable=True),
        sa.Column("missed_at", MOMENT, nullable=False),
        sa.Column("reviews_done", sa.Integer(), nullable=False),
        sa.Column("due_at", MOMENT, nullable=True),
        sa.ForeignKeyConstraint(["code_id"], ["practice_codes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_id", "case_id", "stage", name="uq_practice_items_case_stage"),
    )
    op.create_index("ix_practice_items_due", "practice_items", ["code_id", "due_at"])


def downgrade() -> None:
    op.drop_table("practice_items")
    op.drop_table("practice_codes")
    op.drop_table("class_answers")
    op.drop_table("class_sessions")
