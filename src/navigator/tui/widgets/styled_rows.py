"""A widget's lines framed (border, padding, tint) once per content line, not once a frame.

Textual frames each line of a widget afresh whenever the widget is refreshed
(`StylesCache.render_line`, Textual 8.2): the border, the padding, the tint, and then
every later step (line filters, the compositor's cuts, the terminal bytes) that caches
by line object starts again too. A result list is refreshed whole on every keystroke
while most of its rows are the same listings as before: framing them cost as much as
drawing their text (measured with `navigator bench screen`). Here a content line that
is the same object as one framed before, under the same look, gets the same framed
line back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.terminal_theme import TerminalTheme
from textual._styles_cache import StylesCache
from textual.cache import LRUCache
from textual.color import Color
from textual.content import Content
from textual.css.styles import StylesBase
from textual.filter import LineFilter
from textual.geometry import Region, Size, Spacing
from textual.strip import Strip
from textual.style import Style

KEPT_LINES = 2048
"""Framed lines kept (a few pages of results, at two or three looks each)."""

_Label = tuple[Content, Color, Color, Style] | None


class FramedRows(StylesCache):
    """A `StylesCache` that reuses the framed line of a content line it framed before.

    Content lines must be immutable and made afresh whenever what they show changes
    (Strips are); the widget's own look (size, colours, border, padding...) is part
    of the key, so a change of focus, theme or size frames lines again.
    """

    def __init__(self) -> None:
        super().__init__()
        # Keyed by the content line's id (Strips are not hashable), which the value keeps alive.
        self._framed: LRUCache[tuple[int, tuple[Any, ...]], tuple[Strip, Strip]] = LRUCache(
            KEPT_LINES
        )
        self._look: tuple[Any, ...] = ()
        self._rows: range = range(0)

    def render(
        self,
        styles: StylesBase,
        size: Size,
        base_background: Color,
        background: Color,
        render_content_line: Callable[[int], Strip],
        filters: Sequence[LineFilter],
        border_title: _Label,
        border_subtitle: _Label,
        content_size: Size | None = None,
        padding: Spacing | None = None,
        crop: Region | None = None,
        opacity: float = 1.0,
        ansi_theme: Any = None,
        native_ansi: bool = False,
    ) -> list[Strip]:
        gutter = styles.gutter
        inner = content_size or size
        # Rows holding content (not the border or padding above and below it).
        self._rows = range(gutter.top, min(size.height - gutter.bottom, gutter.top + inner.height))
        hatch = styles.hatch if styles.has_rule("hatch") else None
        self._look = (
            size.width,
            inner.width,
            styles.border,
            styles.outline,
            padding if padding is not None else styles.padding,
            base_background,
            background,
            opacity,
            styles.tint,
            styles.text_opacity,
            hatch,
            id(ansi_theme),
            native_ansi,
        )
        return super().render(
            styles,
            size,
            base_background,
            background,
            render_content_line,
            filters,
            border_title,
            border_subtitle,
            content_size=content_size,
            padding=padding,
            crop=crop,
            opacity=opacity,
            ansi_theme=ansi_theme,
            native_ansi=native_ansi,
        )

    def render_line(
        self,
        styles: StylesBase,
        y: int,
        size: Size,
        content_size: Size,
        padding: Spacing,
        base_background: Color,
        background: Color,
        render_content_line: Callable[[int], Strip],
        border_title: _Label,
        border_subtitle: _Label,
        opacity: float,
        ansi_theme: TerminalTheme,
        native_ansi: bool,
    ) -> Strip:
        if y not in self._rows:
            return super().render_line(
                styles,
                y,
                size,
                content_size,
                padding,
                base_background,
                background,
                render_content_line,
                border_title,
                border_subtitle,
                opacity,
                ansi_theme,
                native_ansi,
            )
        line = render_content_line(y - self._rows.start)
        key = (id(line), self._look)
        kept = self._framed.get(key)
        if kept is not None and kept[0] is line:
            return kept[1]
        framed = super().render_line(
            styles,
            y,
            size,
            content_size,
            padding,
            base_background,
            background,
            lambda _: line,
            border_title,
            border_subtitle,
            opacity,
            ansi_theme,
            native_ansi,
        )
        self._framed[key] = (line, framed)
        return framed
