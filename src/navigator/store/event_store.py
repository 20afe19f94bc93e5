"""Writing follow-up and correction events once, with their outbox entry."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.domain.handoff_event import (
    EventKind,
    FollowUpOutcome,
    HandoffEvent,
    event_hash,
)
from navigator.domain.sealed import validate_with_sealed
from navigator.store.chunks import chunked
from navigator.store.outbox_store import OutboxKind, enqueue
from navigator.store.schema import HandoffEventRow


def insert_event(session: Session, event: HandoffEvent) -> None:
    """Insert the event and its pending outbox entry; a retried id is a no-op."""
    if session.get(HandoffEventRow, str(event.id)) is not None:
        return
    session.add(HandoffEventRow(**event_columns(event)))
    enqueue(session, str(event.id), OutboxKind.EVENT)


def event_columns(event: HandoffEvent) -> dict[str, Any]:
    """The event as a row: the laptop's table and the hub's share these columns."""
    return {
        "id": str(event.id),
        "handoff_id": str(event.handoff_id),
        "site_id": event.site_id,
        "volunteer_id": event.volunteer_id,
        "kind": event.kind.value,
        "recorded_at": event.recorded_at,
        "local_date": event.local_date,
        "outcome": event.outcome.value if event.outcome else None,
        "field": event.field,
        "value": event.value,
        "note": event.note,
        "payload_hash": event_hash(event),
    }


def event_from_row(row: HandoffEventRow) -> HandoffEvent:
    recorded = row.recorded_at
    if recorded.tzinfo is None:
        recorded = recorded.replace(tzinfo=UTC)  # SQLite keeps no offset; stored as UTC
    # Note and value may be sealed to the hub's key: kept as stored, not re-checked.
    return validate_with_sealed(
        HandoffEvent,
        {
            "id": UUID(row.id),
            "handoff_id": UUID(row.handoff_id),
            "kind": EventKind(row.kind),
            "recorded_at": recorded,
            "local_date": row.local_date,
            "site_id": row.site_id,
            "volunteer_id": row.volunteer_id,
            "outcome": FollowUpOutcome(row.outcome) if row.outcome else None,
            "field": row.field,
            "value": row.value,
            "note": row.note,
        },
    )


def events_for(session: Session, handoff_id: UUID) -> list[HandoffEvent]:
    query = (
        select(HandoffEventRow)
        .where(HandoffEventRow.handoff_id == str(handoff_id))
        .order_by(HandoffEventRow.recorded_at, HandoffEventRow.id)
    )
    return [event_from_row(row) for row in session.scalars(query)]


def events_by_id(session: Session, ids: list[str]) -> dict[str, HandoffEvent]:
    found: dict[str, HandoffEvent] = {}
    for chunk in chunked(ids):
        rows = session.scalars(select(HandoffEventRow).where(HandoffEventRow.id.in_(chunk)))
        found.update({row.id: event_from_row(row) for row in rows})
    return found


def events_for_handoffs(session: Session, handoff_ids: list[str]) -> dict[str, list[HandoffEvent]]:
    """Each handoff's events, oldest first, for the handoffs given (a day's log)."""
    found: dict[str, list[HandoffEvent]] = {}
    for chunk in chunked(handoff_ids):
        query = (
            select(HandoffEventRow)
            .where(HandoffEventRow.handoff_id.in_(chunk))
            .order_by(HandoffEventRow.recorded_at, HandoffEventRow.id)
        )
        for row in session.scalars(query):
            found.setdefault(row.handoff_id, []).append(event_from_row(row))
    return found


def handoffs_with_outcome(session: Session, handoff_ids: Iterable[str]) -> set[str]:
    """Those of the handoffs that already have a follow-up outcome."""
    ids = list(handoff_ids)
    if not ids:
        return set()
    query = select(HandoffEventRow.handoff_id).where(
        HandoffEventRow.kind == EventKind.FOLLOW_UP.value, HandoffEventRow.handoff_id.in_(ids)
    )
    return set(session.scalars(query))
