"""Sealed client fields as the records carry them: a marked string only the hub can open.

A sealed value is longer than the plain text it hides and no longer looks like a client
reference, so a record holding one is checked with a stand-in in its place, then given
the sealed value back (the rules were checked on the plain text when it was entered).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

SEALED_PREFIX = "sealed:v1:"
# Passes every plain-text rule a sealed field stands for (note, reference, "other" flag).
SEALED_STAND_IN = "sealed-1"

M = TypeVar("M", bound=BaseModel)


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(SEALED_PREFIX)


def validate_with_sealed(model: type[M], data: Mapping[str, Any]) -> M:
    """`model.model_validate(data)`, where the top-level fields that are sealed are kept as is."""
    held = {name: value for name, value in data.items() if is_sealed(value)}
    checked = model.model_validate({**data, **dict.fromkeys(held, SEALED_STAND_IN)})
    return checked.model_copy(update=held) if held else checked
