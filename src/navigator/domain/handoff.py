"""Handoff records: what was given to whom, written once and never changed."""

from __future__ import annotations

import hashlib
import re
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

from navigator.domain.text import N_
from navigator.errors import Rule

NOTE_MAX = 500
CLIENT_REF_MAX = 32


class HandoffKind(StrEnum):
    INFO = "info"
    WARM = "warm"
    APPOINTMENT = "appointment"
    UNMET = "unmet"

    @property
    def label(self) -> str:
        return {
            "info": N_("Information given"),
            "warm": N_("Warm handoff by phone"),
            "appointment": N_("Appointment made"),
            "unmet": N_("Unmet need"),
        }[self.value]


class ServiceSnapshot(BaseModel):
    """The service as it was at the moment of the handoff; catalogues change, records do not."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    organization: str | None = None
    phone: str | None = None
    address: str | None = None


_REF_ALLOWED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/#.]*$")

DEFAULT_CLIENT_REF_PATTERN = r"[A-Za-z]{1,3}-[0-9]{2,6}"
"""1 to 3 letters, a dash and 2 to 6 digits, such as AB-1042."""

# The site's pattern reaches the validators through pydantic's validation context.
CLIENT_REF_PATTERN = "client_ref_pattern"


def check_client_reference(value: str, pattern: str | None = None) -> str:
    """A client reference is a ticket or file number in the site's pattern, never a name.

    With the site's `pattern` (a new entry), the whole reference must match it, so
    "Maria1", "Lopez-1985" and "305-555-1234" are refused while "AB-1042" passes.
    Without one (a record already made, read back), it must only hold a digit and no
    spaces.
    """
    ref = value.strip()
    if len(ref) > CLIENT_REF_MAX:
        raise Rule(N_("longer than {count} characters"), count=CLIENT_REF_MAX)
    if pattern is not None:
        if re.fullmatch(pattern, ref) is None:
            if pattern == DEFAULT_CLIENT_REF_PATTERN:
                raise Rule(
                    N_(
                        "use a code such as AB-1042 (1 to 3 letters, a dash, 2 to 6 digits), "
                        "never a name, phone number or birth date"
                    )
                )
            raise Rule(
                N_(
                    "use a code in this site's form ({pattern}), never a name, phone number "
                    "or birth date"
                ),
                pattern=pattern,
            )
        return ref
    if not _REF_ALLOWED.match(ref) or not any(ch.isdigit() for ch in ref):
        raise Rule(
            N_(
                "use a number or code such as AB-1042 (letters, digits, - / # . _, at least "
                "one digit, no spaces), never a name"
            )
        )
    return ref


def site_pattern(info: ValidationInfo) -> str | None:
    """The client reference pattern given as validation context, if any."""
    context = info.context
    return context.get(CLIENT_REF_PATTERN) if isinstance(context, dict) else None


class HandoffDraft(BaseModel):
    """What the worker entered, before the desk stamps it with id, time, site and volunteer."""

    model_config = ConfigDict(frozen=True)

    kind: HandoffKind
    needs: tuple[str, ...] = Field(min_length=1)
    service: ServiceSnapshot | None = None
    consent_to_share: bool = False
    follow_up: date | None = None
    note: str | None = Field(default=None, max_length=NOTE_MAX)
    client_ref: str | None = None

    @field_validator("note", "client_ref", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    @field_validator("client_ref")
    @classmethod
    def _ref_is_not_a_name(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else check_client_reference(value, site_pattern(info))

    @field_validator("needs")
    @classmethod
    def _distinct_needs(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(value))

    @model_validator(mode="after")
    def _service_matches_kind(self) -> HandoffDraft:
        if self.kind is HandoffKind.UNMET and self.service is not None:
            raise ValueError("an unmet need is recorded without a service")
        if self.kind is not HandoffKind.UNMET and self.service is None:
            raise ValueError(f"a '{self.kind.value}' handoff needs the service it went to")
        return self


class Handoff(HandoffDraft):
    """A confirmed handoff: immutable, identified by a UUIDv7 made before it is saved."""

    id: UUID
    recorded_at: datetime  # UTC
    local_date: date  # the site's calendar date when it was recorded
    site_id: str
    volunteer_id: str

    @model_validator(mode="after")
    def _follow_up_not_in_past(self) -> Handoff:
        if self.follow_up is not None and self.follow_up < self.local_date:
            raise Rule(N_("the follow-up date is before the day of the handoff"))
        if self.recorded_at.tzinfo is None:
            raise ValueError("recorded_at must carry its time zone (UTC)")
        return self


def payload_hash(handoff: Handoff) -> str:
    """SHA-256 of the record's canonical JSON: the hub uses it to spot a changed payload."""
    canonical = handoff.model_dump_json(exclude_none=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
