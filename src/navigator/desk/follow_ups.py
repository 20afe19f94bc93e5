"""Follow-ups due today or overdue, and recording what came of one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from navigator.desk.context import Desk
from navigator.desk.record_event import record_event
from navigator.domain.follow_up import FollowUpOutcome, days_overdue
from navigator.domain.handoff import Handoff
from navigator.domain.handoff_event import HandoffEvent
from navigator.errors import NavigatorError
from navigator.store.event_store import handoffs_with_outcome
from navigator.store.handoff_store import follow_ups_by


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
    desk: Desk, handoff_id: UUID | str, outcome: FollowUpOutcome | str, note: str | None = None
) -> HandoffEvent:
    """Write the outcome as a new event (the handoff is never changed); committed on return."""
    try:
        chosen = FollowUpOutcome(outcome)
    except ValueError:
        raise NavigatorError(
            f"'{outcome}' is not an outcome (reached, not_reached, unknown)."
        ) from None
    return record_event(desk, str(handoff_id), kind="follow_up", outcome=chosen.value, note=note)
