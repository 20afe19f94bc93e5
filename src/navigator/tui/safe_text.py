"""Catalogue and handoff text reaches the screen only through here: as Content, never markup."""

from __future__ import annotations

from textual.content import Content

from navigator.domain.text import strip_controls

Part = str | tuple[str, str]


def shown(value: str | None) -> str:
    """Untrusted text made safe to display: control characters and escapes removed."""
    return strip_controls(value or "")


def content(*parts: Part) -> Content:
    """Assemble Content from (text, style) pairs; the text is never parsed as markup."""
    cleaned: list[str | tuple[str, str]] = []
    for part in parts:
        if isinstance(part, tuple):
            cleaned.append((shown(part[0]), part[1]))
        else:
            cleaned.append(shown(part))
    return Content.assemble(*cleaned)
