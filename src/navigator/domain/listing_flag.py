"""A worker's report that a listing is wrong, sent to the directory's keepers with the next sync."""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from navigator.domain.text import N_
from navigator.errors import Rule

FLAG_NOTE_MAX = 300


class FlagReason(StrEnum):
    CLOSED = "closed"
    MOVED = "moved"
    PHONE = "phone"
    HOURS = "hours"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "closed": N_("Closed for good"),
            "moved": N_("Moved"),
            "phone": N_("Phone does not work"),
            "hours": N_("Hours are wrong"),
            "other": N_("Something else"),
        }[self.value]


class FlagDraft(BaseModel):
    """What the worker says is wrong; 'other' needs a note saying what."""

    model_config = ConfigDict(frozen=True)

    service_id: str
    service_name: str
    reason: FlagReason
    note: str | None = Field(default=None, max_length=FLAG_NOTE_MAX)

    @field_validator("note", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip() or None
        return value

    @model_validator(mode="after")
    def _other_says_what(self) -> FlagDraft:
        if self.reason is FlagReason.OTHER and not self.note:
            raise Rule(N_("say in the note what is wrong with the listing"))
        return self


class ListingFlag(FlagDraft):
    """A confirmed flag: immutable, with a UUIDv7 made before it is saved."""

    id: UUID
    recorded_at: datetime  # UTC
    site_id: str
    volunteer_id: str


def flag_hash(flag: ListingFlag) -> str:
    """SHA-256 of the flag's canonical JSON, for the hub's changed-payload check."""
    return hashlib.sha256(flag.model_dump_json().encode("utf-8")).hexdigest()
