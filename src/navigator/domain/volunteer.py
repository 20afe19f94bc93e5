"""Volunteers and their PINs: who may sign in at the desk, and what a lead may do."""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator

from navigator.domain.text import fold

PIN_MIN = 4
PIN_MAX = 12
NAME_MAX = 40

# Letters (any script), digits, spaces and the punctuation names use; nothing
# that a terminal or Textual could read as markup.
_NAME = re.compile(r"^[^\W_][\w .'-]*$")


class Role(StrEnum):
    VOLUNTEER = "volunteer"
    LEAD = "lead"


def check_pin(pin: str) -> str:
    """A PIN is 4 to 12 digits: short enough to remember, long enough to slow a guesser."""
    if not (pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise ValueError(f"a PIN is {PIN_MIN} to {PIN_MAX} digits")
    return pin


def check_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > NAME_MAX or not _NAME.match(cleaned):
        raise ValueError(f"a volunteer name is 1 to {NAME_MAX} letters, digits, spaces, . ' or -")
    return cleaned


def name_key(name: str) -> str:
    """Names compare without case or accents, so 'José' and 'jose' are one volunteer."""
    return fold(" ".join(name.split()))


class Volunteer(BaseModel):
    """Someone who may sign in; the id is what handoff records carry."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    role: Role

    @field_validator("name")
    @classmethod
    def _valid_name(cls, value: str) -> str:
        return check_name(value)

    @property
    def is_lead(self) -> bool:
        return self.role is Role.LEAD
