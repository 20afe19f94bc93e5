"""Flagging a listing as wrong, so the directory's keepers hear of it with the next sync."""

from __future__ import annotations

from datetime import UTC

from pydantic import ValidationError
from uuid6 import uuid7

from navigator.desk.context import Desk
from navigator.desk.record_handoff import find_listing
from navigator.domain.listing_flag import FlagDraft, FlagReason, ListingFlag
from navigator.errors import InvalidFlag, validation_message
from navigator.security.sealing import seal_flag_fields
from navigator.store.flag_store import flags_by_service, insert_flag


def flag_listing(
    desk: Desk, service_id: str, reason: FlagReason | str, note: str | None = None
) -> ListingFlag:
    """Save a flag on the service; raises InvalidFlag with a readable reason."""
    listing = find_listing(desk, service_id)
    try:
        draft = FlagDraft.model_validate(
            {
                "service_id": listing.id,
                "service_name": listing.service.name,
                "reason": reason,
                "note": note,
            }
        )
    except ValidationError as exc:
        raise InvalidFlag(validation_message(exc)) from None
    flag = ListingFlag(
        **draft.model_dump(),
        id=uuid7(),
        recorded_at=desk.clock().astimezone(UTC),
        site_id=desk.site_id,
        volunteer_id=desk.volunteer_id,
    )
    # Sealed before it is stored, like a handoff's note.
    stored = seal_flag_fields(flag, desk.settings.hub_public_key)
    with desk.session() as session, session.begin():
        insert_flag(session, stored)
    return stored


def flagged_listings(desk: Desk) -> dict[str, list[FlagReason]]:
    """Service id -> reasons it was flagged for, to mark it in results and detail."""
    with desk.session() as session:
        return flags_by_service(session)
