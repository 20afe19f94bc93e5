"""Follow-ups: when one is due. Outcomes are HandoffEvents (domain/handoff_event.py)."""

from __future__ import annotations

from datetime import date

from navigator.domain.handoff_event import FollowUpOutcome

__all__ = ["FollowUpOutcome", "days_overdue"]


def days_overdue(due: date, today: date) -> int:
    """0 when due today, positive when late."""
    return (today - due).days
