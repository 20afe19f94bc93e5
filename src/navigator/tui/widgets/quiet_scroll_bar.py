"""Scroll bars that never lay the screen out again, and cost little to draw.

A stock vertical scroll bar is shown or hidden as the content outgrows its widget,
and each time that is a layout of the whole screen; it is drawn through Rich's console
(about 1 ms a bar on our 2-core machine, measured with `navigator bench screen`).
A widget that mixes in `SteadyScrollBar` (with `overflow-y: scroll` in its CSS) keeps
its bar shown always: the bar draws itself as an empty gutter, the look of a hidden bar
in a `scrollbar-gutter: stable` widget, while there is nothing to scroll, and its lines
are built directly as strips and kept while nothing about the bar changes.
"""

from __future__ import annotations

from math import ceil
from typing import Any, Self

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.color import Color
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget


class QuietScrollBar(ScrollBar):
    """A vertical scroll bar drawn as strips, blank while there is nothing to scroll."""

    def __init__(self, *, thickness: int = 1) -> None:
        self._kept: tuple[tuple[Any, ...], list[Strip]] | None = None
        super().__init__(vertical=True, name="vertical", thickness=thickness)

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        """Nothing to draw when the bar would look the same: its widget asks for a
        repaint after every layout and every change of its virtual size."""
        if (
            layout
            or recompose
            or self._kept is None
            or not isinstance(self.parent, Widget)
            or self._kept[0] != self._look()
        ):
            super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self

    def render_lines(self, crop: Region) -> list[Strip]:
        key = self._look()
        if self._kept is None or self._kept[0] != key:
            self._kept = (key, self._draw(*key[1:]))
        lines = self._kept[1]
        return [line.crop(crop.x, crop.right) for line in lines[crop.y : crop.bottom]]

    def _look(self) -> tuple[Any, ...]:
        """Everything the bar's lines depend on."""
        parent = self.parent
        assert isinstance(parent, Widget)
        styles = parent.styles
        if self.grabbed:
            background, color = styles.scrollbar_background_active, styles.scrollbar_color_active
        elif self.mouse_over:
            background, color = styles.scrollbar_background_hover, styles.scrollbar_color_hover
        else:
            background, color = styles.scrollbar_background, styles.scrollbar_color
        base_background, parent_background = parent.background_colors
        if background.a < 1:
            background = base_background + background
        color = background + color
        height = self.size.height
        scrolls = self.window_size < self.window_virtual_size
        return (
            self.size,
            height,
            scrolls,
            color,
            background,
            parent_background,
            ceil(self.window_virtual_size) if scrolls else 0,
            ceil(self.window_size) if scrolls else 0,
            self.position if scrolls else 0,
        )

    def _draw(
        self,
        height: int,
        scrolls: bool,
        color: Color,
        background: Color,
        gutter: Color,
        virtual_size: int,
        window_size: int,
        position: float,
    ) -> list[Strip]:
        thickness = self.thickness
        base = self.visual_style.rich_style  # what the stock bar's segments are drawn over
        if not scrolls:
            blank = base + RichStyle(bgcolor=gutter.rich_color)
            return [Strip([Segment(" " * thickness, blank)], thickness)] * height
        bar = ScrollBarRender.render_bar(
            size=height,
            virtual_size=virtual_size,
            window_size=window_size,
            position=position,
            thickness=thickness,
            vertical=True,
            back_color=background.rich_color,
            bar_color=color.rich_color,
        )
        return [
            Strip([Segment(segment.text, base + segment.style)], thickness)
            for segment in bar.segments
        ]


class SteadyScrollBar(Widget):
    """Mixin: the widget's vertical scroll bar is a `QuietScrollBar`, and a change of its
    virtual size repaints it without a layout of the screen (its own size is set by its
    CSS, never by its content). Name it after the widget's own base,
    `class X(OptionList, SteadyScrollBar)`: Textual takes CSS and component classes
    from the first base."""

    virtual_size = Reactive(Size(0, 0), layout=False, repaint=True)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        bar = self._vertical_scrollbar
        if bar is None:
            bar = self._vertical_scrollbar = QuietScrollBar(thickness=self.scrollbar_size_vertical)
            bar.display = False
            self.app._start_widget(self, bar)
        return bar
