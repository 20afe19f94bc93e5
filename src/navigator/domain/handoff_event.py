"""Follow-up outcomes and corrections: new records that point at a handoff, never edits of it."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from navigator.domain.handoff import NOTE_MAX, check_client_reference, site_pattern
from navigator.domain.text import N_


class EventKind(StrEnum):
    FOLLOW_UP = "follow_up"
    CORRECTION = "correction"


class FollowUpOutcome(StrEnum):
    """Did the client reach the service? (what funders ask about a referral)"""

    REACHED = "reached"
    NOT_REACHED = "not_reached"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {
            "reached": N_("Reached the service"),
            "not_reached": N_("Did not reach it"),
            "unknown": N_("Unknown (no answer)"),
        }[self.value]


# What a correction may say about the handoff; "void" means it was recorded by mistake.
CORRECTABLE_FIELDS = (
    "kind",
    "needs",
    "service",
    "follow_up",
    "consent_to_share",
    "note",
    "client_ref",
    "void",
)


class HandoffEvent(BaseModel):
    """An outcome or correction for one handoff; written once, synced like the handoff."""

    model_config = ConfigDict(frozen=True)

    id: UUID
    handoff_id: UUID
    kind: EventKind
    recorded_at: datetime  # UTC
    local_date: date
    site_id: str
    volunteer_id: str
    outcome: FollowUpOutcome | None = None
    field: str | None = None
    value: str | None = Field(default=None, max_length=NOTE_MAX)
    note: str | None = Field(default=None, max_length=NOTE_MAX)

    @field_validator("note", "value", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip() or None
        return value

    @model_validator(mode="after")
    def _fits_kind(self, info: ValidationInfo) -> HandoffEvent:
        if self.recorded_at.tzinfo is None:
            raise ValueError("recorded_at must carry its time zone (UTC)")
        if self.kind is EventKind.FOLLOW_UP:
            if self.outcome is None:
                raise ValueError("a follow-up needs its outcome")
            if self.field is not None:
                raise ValueError("a follow-up does not correct a field")
        else:
            if self.field not in CORRECTABLE_FIELDS:
                raise ValueError(
                    f"a correction names the field it corrects: {', '.join(CORRECTABLE_FIELDS)}"
                )
            if self.field == "client_ref" and self.value is not None:
                check_client_reference(self.value, site_pattern(info))
            if self.outcome is not None:
                raise ValueError("a correction has no follow-up outcome")
        return self


def event_hash(event: HandoffEvent) -> str:
    """SHA-256 of the event's canonical JSON, as for handoffs."""
    return hashlib.sha256(event.model_dump_json().encode("utf-8")).hexdigest()
