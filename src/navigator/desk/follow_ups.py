"""Follow-ups due today or overdue, and recording what came of one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date
from uuid import UUID

from uuid6 import uuid7

from navigator.desk.context import Desk
from navigator.domain.follow_up import FollowUpOutcome, HandoffEvent, days_overdue
from navigator.domain.handoff import Handoff
from navigator.errors import NavigatorError
from navigator.store.event_store import handoffs_with_outcome, insert_event
from navigator.store.handoff_store import follow_ups_by, get_handoff


@dataclass(frozen=True)
class FollowUp:
    handoff: Handoff
    due: date
    days_overdue: int  # 0 = due today


def follow_ups_due(desk: Desk, today: date | None = None) -> list[FollowUp]:
    """Handoffs whose follow-up is due by `today` and has no outcome yet, oldest due first."""
    day = today or desk.today()
    with desk.session() as session:
        handoffs = follow_ups_by(session, day)
        done = handoffs_with_outcome(session, (str(h.id) for h in handoffs))
    return [
        FollowUp(h, h.follow_up, days_overdue(h.follow_up, day))
        for h in handoffs
        if h.follow_up is not None and str(h.id) not in done
    ]


def record_outcome(
    desk: Desk, handoff_id: UUID | str, outcome: FollowUpOutcome | str
) -> HandoffEvent:
    """Write the outcome as a new event (the handoff is never changed); committed on return."""
    try:
        key = handoff_id if isinstance(handoff_id, UUID) else UUID(handoff_id)
        chosen = FollowUpOutcome(outcome)
    except ValueError:
        raise NavigatorError(
            f"'{handoff_id}' / '{outcome}' is not a handoff id and an outcome "
            "(reached, not_reached, unknown)."
        ) from None
    event = HandoffEvent(
        id=uuid7(),
        handoff_id=key,
        outcome=chosen,
        recorded_at=desk.clock().astimezone(UTC),
        volunteer_id=desk.volunteer_id,
        site_id=desk.site_id,
    )
    with desk.session() as session, session.begin():
        if get_handoff(session, key) is None:
            raise NavigatorError(f"No handoff with id '{key}' on this laptop.")
        insert_event(session, event)
    return event
