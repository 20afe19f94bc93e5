"""Writing handoffs once, with their outbox entry, and reading them back."""

from __future__ import annotations

from datetime import UTC, date
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.domain.handoff import Handoff, HandoffKind, ServiceSnapshot, payload_hash
from navigator.store.chunks import chunked
from navigator.store.outbox_store import PENDING, OutboxKind, enqueue
from navigator.store.schema import HandoffRow, OutboxRow


def insert_handoff(session: Session, handoff: Handoff) -> None:
    """Insert the record and its pending outbox entry in the caller's transaction.

    Inserting an id that is already there (a retry after a crash) is a no-op,
    so a record is never duplicated.
    """
    if session.get(HandoffRow, str(handoff.id)) is not None:
        return
    session.add(HandoffRow(**handoff_columns(handoff)))
    enqueue(session, str(handoff.id), OutboxKind.HANDOFF)


def handoff_columns(handoff: Handoff) -> dict[str, Any]:
    """The handoff as a row: the laptop's table and the hub's share these columns."""
    snapshot = handoff.service
    return {
        "id": str(handoff.id),
        "site_id": handoff.site_id,
        "volunteer_id": handoff.volunteer_id,
        "recorded_at": handoff.recorded_at,
        "local_date": handoff.local_date,
        "kind": handoff.kind.value,
        "needs": list(handoff.needs),
        "service_id": snapshot.id if snapshot else None,
        "service_name": snapshot.name if snapshot else None,
        "service_organization": snapshot.organization if snapshot else None,
        "service_phone": snapshot.phone if snapshot else None,
        "service_address": snapshot.address if snapshot else None,
        "consent_to_share": handoff.consent_to_share,
        "follow_up": handoff.follow_up,
        "note": handoff.note,
        "client_ref": handoff.client_ref,
        "payload_hash": payload_hash(handoff),
    }


def _to_domain(row: HandoffRow) -> Handoff:
    snapshot = None
    if row.service_id is not None:
        snapshot = ServiceSnapshot(
            id=row.service_id,
            name=row.service_name or "",
            organization=row.service_organization,
            phone=row.service_phone,
            address=row.service_address,
        )
    recorded = row.recorded_at
    if recorded.tzinfo is None:
        # SQLite keeps no offset; the desk always stores UTC.
        recorded = recorded.replace(tzinfo=UTC)
    return Handoff(
        id=UUID(row.id),
        recorded_at=recorded,
        local_date=row.local_date,
        site_id=row.site_id,
        volunteer_id=row.volunteer_id,
        kind=HandoffKind(row.kind),
        needs=tuple(row.needs),
        service=snapshot,
        consent_to_share=row.consent_to_share,
        follow_up=row.follow_up,
        # Checked when recorded; a sealed value (hub key set) is not a plain
        # reference and must not be validated as one again.
    ).model_copy(update={"note": row.note, "client_ref": row.client_ref})


def get_handoff(session: Session, handoff_id: UUID) -> Handoff | None:
    row = session.get(HandoffRow, str(handoff_id))
    return _to_domain(row) if row else None


def handoffs_on(session: Session, day: date) -> list[tuple[Handoff, str]]:
    """The handoffs of one site-local day, oldest first, each with its sync state."""
    query = (
        select(HandoffRow, OutboxRow.state)
        .join(OutboxRow, OutboxRow.record_id == HandoffRow.id, isouter=True)
        .where(HandoffRow.local_date == day)
        .order_by(HandoffRow.recorded_at, HandoffRow.id)
    )
    return [(_to_domain(row), state or PENDING) for row, state in session.execute(query)]


def handoffs_by_id(session: Session, ids: list[str]) -> dict[str, Handoff]:
    """The handoffs with these ids (as the outbox sends them), keyed by id."""
    found: dict[str, Handoff] = {}
    for chunk in chunked(ids):
        rows = session.scalars(select(HandoffRow).where(HandoffRow.id.in_(chunk)))
        found.update({row.id: _to_domain(row) for row in rows})
    return found


def follow_ups_by(session: Session, day: date) -> list[Handoff]:
    """Handoffs whose follow-up date is on or before `day`, earliest due first."""
    query = (
        select(HandoffRow)
        .where(HandoffRow.follow_up.is_not(None), HandoffRow.follow_up <= day)
        .order_by(HandoffRow.follow_up, HandoffRow.recorded_at)
    )
    return [_to_domain(row) for row in session.scalars(query)]
