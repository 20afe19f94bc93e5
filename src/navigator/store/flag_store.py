"""Writing listing flags once, each with a pending outbox entry, and reading them back."""

from __future__ import annotations

from datetime import UTC
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.domain.listing_flag import FlagReason, ListingFlag, flag_hash
from navigator.domain.sealed import validate_with_sealed
from navigator.store.chunks import chunked
from navigator.store.outbox_store import OutboxKind, enqueue
from navigator.store.schema import ListingFlagRow


def insert_flag(session: Session, flag: ListingFlag) -> None:
    """Insert the flag and its outbox entry; an id already there (a retry) is a no-op."""
    if session.get(ListingFlagRow, str(flag.id)) is not None:
        return
    session.add(
        ListingFlagRow(
            id=str(flag.id),
            service_id=flag.service_id,
            service_name=flag.service_name,
            reason=flag.reason.value,
            note=flag.note,
            recorded_at=flag.recorded_at,
            site_id=flag.site_id,
            volunteer_id=flag.volunteer_id,
            payload_hash=flag_hash(flag),
        )
    )
    enqueue(session, str(flag.id), OutboxKind.FLAG)


def flags_by_service(session: Session) -> dict[str, list[FlagReason]]:
    """Every flagged service id with its flags' reasons, oldest first."""
    flagged: dict[str, list[FlagReason]] = {}
    query = select(ListingFlagRow.service_id, ListingFlagRow.reason).order_by(
        ListingFlagRow.recorded_at
    )
    for service_id, reason in session.execute(query):
        flagged.setdefault(service_id, []).append(FlagReason(reason))
    return flagged


def flags_by_id(session: Session, ids: list[str]) -> dict[str, ListingFlag]:
    """The flags with these ids (as the outbox sends them), keyed by id."""
    found: dict[str, ListingFlag] = {}
    for chunk in chunked(ids):
        query = select(ListingFlagRow).where(ListingFlagRow.id.in_(chunk))
        for row in session.scalars(query):
            recorded = row.recorded_at
            if recorded.tzinfo is None:
                recorded = recorded.replace(tzinfo=UTC)  # SQLite keeps no offset; stored as UTC
            # The note may be sealed to the hub's key: kept as stored, not re-checked.
            found[row.id] = validate_with_sealed(
                ListingFlag,
                {
                    "id": UUID(row.id),
                    "service_id": row.service_id,
                    "service_name": row.service_name,
                    "reason": FlagReason(row.reason),
                    "note": row.note,
                    "recorded_at": recorded,
                    "site_id": row.site_id,
                    "volunteer_id": row.volunteer_id,
                },
            )
    return found
