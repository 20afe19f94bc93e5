"""Deleting records the hub already holds, so client data does not linger on the laptop."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from navigator.store.chunks import chunked
from navigator.store.schema import HandoffRow, OutboxRow


def delete_acknowledged_before(session: Session, cutoff: datetime) -> int:
    """Delete handoffs recorded before `cutoff` that the hub has acknowledged; returns how many."""
    ids = list(
        session.scalars(
            select(HandoffRow.id)
            .join(OutboxRow, OutboxRow.record_id == HandoffRow.id)
            .where(OutboxRow.state == "acked", HandoffRow.recorded_at < cutoff)
        )
    )
    for chunk in chunked(ids):
        session.execute(delete(HandoffRow).where(HandoffRow.id.in_(chunk)))
        session.execute(delete(OutboxRow).where(OutboxRow.record_id.in_(chunk)))
    return len(ids)


def flush_write_ahead_log(engine: Engine) -> None:
    """Copy the WAL into the file and truncate it, so deleted rows' old copies leave the WAL too.

    secure_delete zeroes deleted cells in the database pages; the WAL still
    holds the pages as they were until a checkpoint rewrites and truncates it.
    """
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        assert isinstance(connection, sqlite3.Connection)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        raw.close()
