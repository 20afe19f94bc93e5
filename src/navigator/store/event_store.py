"""Writing follow-up events and listing flags once, each with a pending outbox entry."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from navigator.domain.follow_up import FOLLOW_UP_OUTCOME, HandoffEvent, event_hash
from navigator.domain.listing_flag import FlagReason, ListingFlag, flag_hash
from navigator.store.schema import HandoffEventRow, ListingFlagRow, OutboxRow


def insert_event(session: Session, event: HandoffEvent) -> None:
    """Insert the event and its outbox entry; an id already there (a retry) is a no-op."""
    if session.get(HandoffEventRow, str(event.id)) is not None:
        return
    session.add(
        HandoffEventRow(
            id=str(event.id),
            handoff_id=str(event.handoff_id),
            kind=event.kind,
            outcome=event.outcome.value,
            recorded_at=event.recorded_at,
            volunteer_id=event.volunteer_id,
            site_id=event.site_id,
            payload_hash=event_hash(event),
        )
    )
    session.add(OutboxRow(record_id=str(event.id), record_type="event", state="pending"))


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
    session.add(OutboxRow(record_id=str(flag.id), record_type="flag", state="pending"))


def flags_by_service(session: Session) -> dict[str, list[FlagReason]]:
    """Every flagged service id with its flags' reasons, oldest first."""
    flagged: dict[str, list[FlagReason]] = {}
    query = select(ListingFlagRow.service_id, ListingFlagRow.reason).order_by(
        ListingFlagRow.recorded_at
    )
    for service_id, reason in session.execute(query):
        flagged.setdefault(service_id, []).append(FlagReason(reason))
    return flagged


def handoffs_with_outcome(session: Session, handoff_ids: Iterable[str]) -> set[str]:
    """Those of the handoffs that already have a follow-up outcome."""
    ids = list(handoff_ids)
    if not ids:
        return set()
    query = select(HandoffEventRow.handoff_id).where(
        HandoffEventRow.kind == FOLLOW_UP_OUTCOME, HandoffEventRow.handoff_id.in_(ids)
    )
    return set(session.scalars(query))
