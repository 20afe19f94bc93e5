"""Names that may become file names or database role names: site ids and bundle ids.

They arrive from files and settings other people made, so they are checked
against one strict pattern before any path or statement is built from them.
"""

from __future__ import annotations

import re

# Letters, digits, '-' and '_', starting with a letter or digit: no '.', '/', '\' or spaces.
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def is_safe_name(value: str) -> bool:
    return SAFE_NAME.fullmatch(value) is not None


def check_safe_name(value: str, what: str = "name") -> str:
    """`value` unchanged when it fits the pattern; ValueError naming `what` otherwise."""
    if not is_safe_name(value):
        raise ValueError(
            f"{what} '{value[:80]}' may hold only letters, digits, '-' and '_' "
            "(at most 64, starting with a letter or digit)"
        )
    return value
