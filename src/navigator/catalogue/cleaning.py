"""Repairs every importer applies to untrusted directory text."""

from __future__ import annotations

from navigator.domain.text import strip_controls


def clean(value: object) -> str | None:
    """Text with control characters removed and whitespace trimmed; blank becomes None."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    text = strip_controls(text).strip()
    return text or None


def clean_line(value: object) -> str | None:
    """Like clean, for one-line fields (names, phones): newlines and tabs become spaces."""
    text = clean(value)
    if text is None:
        return None
    return " ".join(strip_controls(text, keep_newlines=False).split())
