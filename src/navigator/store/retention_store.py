"""Deleting records the hub already holds, so client data does not linger on the laptop."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import ColumnElement, Engine, delete, literal_column, select
from sqlalchemy.orm import Session

from navigator.store.chunks import chunked
from navigator.store.schema import HandoffEventRow, HandoffRow, ListingFlagRow, OutboxRow


def delete_acknowledged_records(session: Session, cutoff: datetime) -> dict[str, list[str]]:
    """Delete what the hub holds and the laptop no longer needs; the ids deleted, by table.

    Old acknowledged handoffs (see `_old_acknowledged_handoffs`), then the events of
    handoffs no longer on the laptop (they go with their handoff), then acknowledged
    flags recorded before `cutoff`. Pending records stay, however old: the hub does
    not have them.
    """
    acked = select(OutboxRow.record_id).where(OutboxRow.state == "acked")
    handoffs = _old_acknowledged_handoffs(session, cutoff)
    _delete(session, HandoffRow, handoffs)
    events = list(
        session.scalars(
            select(HandoffEventRow.id).where(
                HandoffEventRow.id.in_(acked),
                HandoffEventRow.handoff_id.not_in(select(HandoffRow.id)),
            )
        )
    )
    _delete(session, HandoffEventRow, events)
    flags = list(
        session.scalars(
            select(ListingFlagRow.id).where(
                ListingFlagRow.recorded_at < cutoff, ListingFlagRow.id.in_(acked)
            )
        )
    )
    _delete(session, ListingFlagRow, flags)
    return {
        HandoffRow.__tablename__: handoffs,
        HandoffEventRow.__tablename__: events,
        ListingFlagRow.__tablename__: flags,
    }


def _old_acknowledged_handoffs(session: Session, cutoff: datetime) -> list[str]:
    """Acknowledged handoffs that are old by acknowledgement, date and local order.

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
    earliest_since: datetime | None = None  # earliest date of this record and later ones
    for record_id, recorded_at, state, acked_at in rows:
        recorded = _utc(recorded_at)
        earliest_since = recorded if earliest_since is None else min(earliest_since, recorded)
        if (
            state == "acked"
            and acked_at is not None
            and _utc(acked_at) < cutoff
            and earliest_since < cutoff
        ):
            ids.append(record_id)
    return ids


def _delete(
    session: Session, table: type[HandoffRow | HandoffEventRow | ListingFlagRow], ids: list[str]
) -> None:
    for chunk in chunked(ids):
        session.execute(delete(table).where(table.id.in_(chunk)))
        session.execute(delete(OutboxRow).where(OutboxRow.record_id.in_(chunk)))


def purge_backups(db_path: Path, cutoff: datetime, deleted: dict[str, list[str]]) -> int:
    """Upgrade backups beside the database: deleted once older than `cutoff`, else the
    records just purged are deleted from them too. Returns how many backups were deleted.
    """
    removed = 0
    for backup in sorted(db_path.parent.glob(f"{db_path.name}.*.bak")):
        if _made_at(backup) < cutoff:
            backup.unlink(missing_ok=True)
            removed += 1
        else:
            _scrub(backup, deleted)
    return removed


def _made_at(backup: Path) -> datetime:
    """When the backup was made: the stamp in its name (see backup_database), else its mtime."""
    stamp = backup.name.removesuffix(".bak").rsplit(".", 1)[-1]
    try:
        return datetime.strptime(stamp, "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return datetime.fromtimestamp(backup.stat().st_mtime, UTC)


def _scrub(backup: Path, deleted: dict[str, list[str]]) -> None:
    """Delete the purged ids from an old-schema copy, then rewrite it so no free page keeps them."""
    connection = sqlite3.connect(backup, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA secure_delete = ON")
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        connection.execute("BEGIN IMMEDIATE")
        for table, ids in deleted.items():
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                if table in tables:
                    connection.execute(f"DELETE FROM {table} WHERE id IN ({marks})", chunk)
                if "outbox" in tables:
                    connection.execute(f"DELETE FROM outbox WHERE record_id IN ({marks})", chunk)
        connection.execute("COMMIT")
        connection.execute("VACUUM")
    finally:
        connection.close()


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
