"""Alembic environment: runs on the engine the app opened (see store.database)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from navigator.store.database import writing
from navigator.store.schema import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("migrations run through navigator.store.database, not the alembic CLI")

# A schema upgrade writes: take the write lock at once (BEGIN IMMEDIATE).
with writing(engine).connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables.
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
