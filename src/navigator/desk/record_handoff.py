"""Recording a handoff: stamped, validated and durably saved before it is confirmed."""

from __future__ import annotations

from datetime import UTC

from pydantic import ValidationError
from uuid6 import uuid7

from navigator.desk.context import Desk
from navigator.desk.search_services import check_needs
from navigator.domain.catalogue import Listing
from navigator.domain.handoff import (
    CLIENT_REF_PATTERN,
    Handoff,
    HandoffDraft,
    HandoffKind,
    ServiceSnapshot,
)
from navigator.errors import N_, InvalidHandoff, ServiceNotFound, validation_message
from navigator.security.sealing import seal_client_fields
from navigator.store.handoff_store import insert_handoff


def snapshot_of(listing: Listing) -> ServiceSnapshot:
    return ServiceSnapshot(
        id=listing.id,
        name=listing.service.name,
        organization=listing.organization_name or None,
        phone=listing.phone,
        address=listing.address,
    )


def find_listing(desk: Desk, service_id: str) -> Listing:
    """The listing as this desk sees it: its location nearest the site first, so a slip
    or a handoff gives the address the search showed."""
    listing = desk.index.listing(service_id)
    if listing is None:
        raise ServiceNotFound(
            N_("No service with id '{id}' in the current catalogue."),
            id=service_id,
            hint=N_('Find its id with: navigator search "..." --json'),
        )
    return listing.seen_from(desk.settings.site_coordinates)


def make_draft(
    desk: Desk,
    *,
    kind: HandoffKind | str,
    needs: tuple[str, ...],
    service_id: str | None = None,
    consent_to_share: bool = False,
    follow_up: object = None,
    note: str | None = None,
    client_ref: str | None = None,
) -> HandoffDraft:
    """Check what the worker entered; raises InvalidHandoff with a readable reason."""
    check_needs(desk, needs)
    snapshot = snapshot_of(find_listing(desk, service_id)) if service_id else None
    try:
        return HandoffDraft.model_validate(
            {
                "kind": kind,
                "needs": needs,
                "service": snapshot,
                "consent_to_share": consent_to_share,
                "follow_up": follow_up,
                "note": note,
                "client_ref": client_ref,
            },
            context=entry_rules(desk),
        )
    except ValidationError as exc:
        raise InvalidHandoff(validation_message(exc)) from None


def entry_rules(desk: Desk) -> dict[str, str]:
    """The site's rules for what a volunteer enters, as pydantic validation context."""
    return {CLIENT_REF_PATTERN: desk.settings.client_ref_pattern}


def record_handoff(desk: Desk, draft: HandoffDraft) -> Handoff:
    """Save the handoff; when this returns, the record is committed to disk."""
    now = desk.clock().astimezone(UTC)
    try:
        handoff = Handoff.model_validate(
            {
                **draft.model_dump(),
                "id": uuid7(),
                "recorded_at": now,
                "local_date": now.astimezone(desk.settings.zone()).date(),
                "site_id": desk.site_id,
                "volunteer_id": desk.volunteer_id,
            },
            context=entry_rules(desk),
        )
    except ValidationError as exc:
        raise InvalidHandoff(validation_message(exc)) from None
    # Sealed before it is stored: the plain note and reference never reach the file.
    stored = seal_client_fields(handoff, desk.settings.hub_public_key)
    # The id is made before the insert, so a retry after a failure reuses it.
    with desk.session() as session, session.begin():
        insert_handoff(session, stored)
    return stored
