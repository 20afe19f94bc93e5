"""A frame draws only the widgets that lie across what changed.

Textual's compositor (8.2, `Compositor._get_renders`) picks the widgets to draw for a
partial update by their clip, the region of their container: every widget placed
straight on the screen (header, search box, filter bar, status line, footer) has the
whole screen as its clip, so each frame asked all of them for every line, whatever
changed (a fifth of the cost of a keystroke's results frame, measured with
`navigator bench screen`). Only lines under the changed spans are written, so a widget
whose visible part lies wholly outside the changed area adds nothing to the frame.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual._compositor import Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip


class CroppedCompositor(Compositor):
    """A compositor that skips, in partial updates, widgets outside the changed area."""

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:
            yield from super()._get_renders(crop)
            return
        overlaps = crop.overlaps
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)
            if not overlaps(shown):
                continue
            lines = Region(shown.x - region.x, shown.y - region.y, shown.width, shown.height)
            yield region, clip, widget.render_lines(lines)


def crop_partial_updates(screen: Screen[Any]) -> None:
    """Give `screen` (just made, not yet mounted) the cropped compositor."""
    screen._compositor = CroppedCompositor()
