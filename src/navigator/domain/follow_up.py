"""Follow-ups: when one is due. Outcomes are HandoffEvents (domain/handoff_event.py)."""

from __future__ import annotations

from datetime import date, timedelta

from navigator.domain.handoff_event import FollowUpOutcome
from navigator.errors import N_, NavigatorError, Term

__all__ = ["FollowUpOutcome", "days_overdue", "parse_follow_up"]

FOLLOW_UP_FORMS = Term(N_("YYYY-MM-DD or +7 for a week"))


def parse_follow_up(text: str, today: date) -> date | None:
    """A follow-up date as a volunteer types it: '' -> none, '+7' -> in a week, or YYYY-MM-DD.

    The handoff form and `navigator handoff record --follow-up` both read dates here.
    """
    value = text.strip()
    if not value:
        return None
    if value.startswith("+") and value[1:].isdigit():
        return today + timedelta(days=int(value[1:]))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise NavigatorError(
            N_("Follow-up date '{value}' is not a date: use {forms}."),
            value=value,
            forms=FOLLOW_UP_FORMS,
        ) from None


def days_overdue(due: date, today: date) -> int:
    """0 when due today, positive when late."""
    return (today - due).days
