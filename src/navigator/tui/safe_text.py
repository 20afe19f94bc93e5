"""Catalogue and handoff text reaches the screen only through here: as Content, never markup."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment, Segments
from textual.content import Content
from textual.style import Style

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


class _MeasuredSegments(Segments):
    """Rendered cell text that reports its width, so DataTable columns fit their contents."""

    def __init__(self, segments: Iterable[Segment], width: int) -> None:
        super().__init__(segments)
        self.width = width

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)


class TableCell(Content):
    """Content for a DataTable cell: plain Content measures as one column wide there."""

    def __rich__(self) -> _MeasuredSegments:
        return _MeasuredSegments(self.render_segments(Style(), "\n"), self.cell_length)


def cell(*parts: Part) -> TableCell:
    """A DataTable cell from (text, style) pairs; never parsed as markup."""
    built = content(*parts)
    return TableCell(built.plain, list(built.spans))
