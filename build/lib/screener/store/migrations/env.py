"""Alembic's entry point: migrate the connection `Database._migrate` hands over, inside the
transaction it holds (with the lock that makes processes take turns)."""

from __future__ import annotations

from alembic import context

from screener.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters a table by copying it; batch mode does that for every migration alike.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
