"""Recording a follow-up outcome or a correction: a new record pointing at the handoff."""

from __future__ import annotations

from datetime import UTC
from uuid import UUID

from pydantic import ValidationError
from uuid6 import uuid7

from navigator.desk.context import Desk
from navigator.desk.record_handoff import entry_rules
from navigator.domain.handoff_event import EventKind, HandoffEvent
from navigator.errors import N_, InvalidHandoff, validation_message
from navigator.security.sealing import seal_event_fields
from navigator.store.event_store import insert_event
from navigator.store.handoff_store import get_handoff


def _handoff_id(text: str) -> UUID:
    try:
        return UUID(text)
    except ValueError:
        raise InvalidHandoff(
            N_("'{id}' is not a handoff id (a UUID such as 0193...)."), id=text
        ) from None


def record_event(
    desk: Desk,
    handoff_id: str,
    *,
    kind: EventKind | str,
    outcome: str | None = None,
    field: str | None = None,
    value: str | None = None,
    note: str | None = None,
) -> HandoffEvent:
    """Save the event once its handoff is found on this laptop; returns it when on disk."""
    target = _handoff_id(handoff_id)
    now = desk.clock().astimezone(UTC)
    with desk.session() as session, session.begin():
        if get_handoff(session, target) is None:
            raise InvalidHandoff(
                N_("No handoff with id {id} on this laptop."),
                id=str(target),
                hint=N_(
                    "See the day's handoffs with: navigator log export, or the app's Today's log."
                ),
            )
        try:
            event = HandoffEvent.model_validate(
                {
                    "id": uuid7(),
                    "handoff_id": target,
                    "kind": kind,
                    "recorded_at": now,
                    "local_date": now.astimezone(desk.settings.zone()).date(),
                    "site_id": desk.site_id,
                    "volunteer_id": desk.volunteer_id,
                    "outcome": outcome,
                    "field": field,
                    "value": value,
                    "note": note,
                },
                context=entry_rules(desk),
            )
        except ValidationError as exc:
            raise InvalidHandoff(validation_message(exc)) from None
        # Sealed before it is stored, like the handoff's own note and reference.
        stored = seal_event_fields(event, desk.settings.hub_public_key)
        insert_event(session, stored)
    return stored
