"""Writing listing flags once, each with a pending outbox entry, and reading them back."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.domain.listing_flag import FlagReason, ListingFlag, flag_hash
from navigator.store.schema import ListingFlagRow, OutboxRow

RECORD_TYPE = "flag"


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
    session.add(OutboxRow(record_id=str(flag.id), record_type=RECORD_TYPE, state="pending"))


def flags_by_service(session: Session) -> dict[str, list[FlagReason]]:
    """Every flagged service id with its flags' reasons, oldest first."""
    flagged: dict[str, list[FlagReason]] = {}
    query = select(ListingFlagRow.service_id, ListingFlagRow.reason).order_by(
        ListingFlagRow.recorded_at
    )
    for service_id, reason in session.execute(query):
        flagged.setdefault(service_id, []).append(FlagReason(reason))
    return flagged
