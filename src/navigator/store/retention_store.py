"""Deleting records the hub already holds, so client data does not linger on the laptop."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Engine, delete, literal_column, select
from sqlalchemy.orm import Session

from navigator.store.chunks import chunked
from navigator.store.schema import HandoffRow, OutboxRow


def delete_acknowledged_before(session: Session, cutoff: datetime) -> int:
    """Delete acknowledged handoffs that are old by acknowledgement, date and local order.

    A handoff goes only when all three say it is older than `cutoff`: the hub
    acknowledged it before then (dated by the hub's clock), and neither it nor any
    handoff recorded after it on this laptop carries a later date. So a record dated
    in 1999 by a wrong clock waits out its retention from the acknowledgement, one
    dated 2035 goes once records made after it are old, and a pending record never goes.
    """
    rowid: ColumnElement[int] = literal_column("handoff.rowid")
    rows = session.execute(
        select(HandoffRow.id, HandoffRow.recorded_at, OutboxRow.state, OutboxRow.acked_at)
        .join(OutboxRow, OutboxRow.record_id == HandoffRow.id, isouter=True)
        .order_by(rowid.desc())
    )
    ids: list[str] = []
    newest_after: datetime | None = None  # earliest date among this record and later ones
    for record_id, recorded_at, state, acked_at in rows:
        recorded = _utc(recorded_at)
        newest_after = recorded if newest_after is None else min(newest_after, recorded)
        if (
            state == "acked"
            and acked_at is not None
            and _utc(acked_at) < cutoff
            and newest_after < cutoff
        ):
            ids.append(record_id)
    for chunk in chunked(ids):
        session.execute(delete(HandoffRow).where(HandoffRow.id.in_(chunk)))
        session.execute(delete(OutboxRow).where(OutboxRow.record_id.in_(chunk)))
    return len(ids)


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite keeps no offset


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
