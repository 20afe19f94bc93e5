"""The outbox: which records still have to reach the hub, and marking them acknowledged."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, literal_column, select, update
from sqlalchemy.orm import Session

from navigator.store.chunks import chunked
from navigator.store.schema import OutboxRow


class OutboxKind(StrEnum):
    """Every kind of record that waits in the outbox for the hub: the one registry.

    `navigator.sync.records` registers how each kind travels; a test fails when a
    kind here has no registration there.
    """

    HANDOFF = "handoff"
    EVENT = "event"
    FLAG = "flag"


PENDING = "pending"
ACKED = "acked"
# The hub holds a different payload under this id; kept aside there and reported, not resent.
QUARANTINED = "quarantined"


def enqueue(session: Session, record_id: str, kind: OutboxKind | str) -> None:
    """Put a record in the outbox, pending, in the caller's transaction.

    Only registered kinds are accepted: a record of an unknown kind would wait forever.
    """
    try:
        registered = OutboxKind(kind)
    except ValueError:
        raise ValueError(f"'{kind}' is not a registered outbox record kind") from None
    session.add(OutboxRow(record_id=record_id, record_type=registered.value, state=PENDING))


def pending_records(
    session: Session, *, limit: int | None = None, after: str | None = None
) -> list[tuple[str, str]]:
    """(record_id, record_type) of pending records in id order (UUIDv7: oldest first).

    Walked along the primary key from the first pending id: through the state
    index every batch would sort all pending records again, and a push of
    100,000 records in batches would cost their square.
    """
    if after is None:
        first = session.scalar(
            select(func.min(OutboxRow.record_id)).where(OutboxRow.state == PENDING)
        )
        if first is None:
            return []
        start = OutboxRow.record_id >= first
    else:
        start = OutboxRow.record_id > after
    # "+state": SQLite then filters on state rather than searching by it (its index is
    # ordered by rowid, not by record_id), so the walk follows the primary key in order.
    query = (
        select(OutboxRow.record_id, OutboxRow.record_type)
        .where(start, literal_column("+outbox.state") == PENDING)
        .order_by(OutboxRow.record_id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [(rid, rtype) for rid, rtype in session.execute(query)]


def mark_settled(
    session: Session,
    record_ids: Iterable[str],
    *,
    state: str,
    batch_id: str,
    at: datetime,
) -> int:
    """Move pending records to `state`; records already settled are left as they are."""
    ids = list(record_ids)
    changed = 0
    for chunk in chunked(ids):
        result = session.execute(
            update(OutboxRow)
            # "+state": found by id; through the state index SQLite would scan every
            # pending record for each chunk.
            .where(OutboxRow.record_id.in_(chunk), literal_column("+outbox.state") == PENDING)
            .values(state=state, acked_at=at, batch_id=batch_id)
        )
        changed += result.rowcount  # type: ignore[attr-defined]
    return changed


def state_counts(session: Session) -> dict[str, int]:
    query = select(OutboxRow.state, func.count()).group_by(OutboxRow.state)
    return {str(state): int(count) for state, count in session.execute(query)}


def states_of(session: Session, record_ids: Iterable[str]) -> dict[str, str]:
    ids = list(record_ids)
    found: dict[str, str] = {}
    for chunk in chunked(ids):
        query = select(OutboxRow.record_id, OutboxRow.state).where(OutboxRow.record_id.in_(chunk))
        found.update({str(rid): str(state) for rid, state in session.execute(query)})
    return found
