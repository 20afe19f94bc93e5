"""Follow-up outcomes: did the client reach the service? Written once as an event on a handoff."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, model_validator

FOLLOW_UP_OUTCOME = "follow_up_outcome"


class FollowUpOutcome(StrEnum):
    REACHED = "reached"
    NOT_REACHED = "not_reached"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {
            "reached": "Reached the service",
            "not_reached": "Did not reach it",
            "unknown": "Unknown (no answer)",
        }[self.value]


class HandoffEvent(BaseModel):
    """Something learned later about a handoff; the handoff itself is never changed."""

    model_config = ConfigDict(frozen=True)

    id: UUID
    handoff_id: UUID
    kind: str = FOLLOW_UP_OUTCOME
    outcome: FollowUpOutcome
    recorded_at: datetime  # UTC
    volunteer_id: str
    site_id: str

    @model_validator(mode="after")
    def _aware(self) -> HandoffEvent:
        if self.recorded_at.tzinfo is None:
            raise ValueError("recorded_at must carry its time zone (UTC)")
        return self


def event_hash(event: HandoffEvent) -> str:
    """SHA-256 of the event's canonical JSON, for the hub's changed-payload check."""
    return hashlib.sha256(event.model_dump_json().encode("utf-8")).hexdigest()


def days_overdue(due: date, today: date) -> int:
    """0 when due today, positive when late."""
    return (today - due).days
