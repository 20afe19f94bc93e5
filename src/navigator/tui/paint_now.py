"""Write a few widgets' changes to the terminal at once, not at the screen's next tick.

Textual draws at most 60 frames a second: after a frame, the next waits for the screen's
update timer, up to 16.7 ms later. The frame just before a keystroke's results is
usually that keystroke's own echo in the search box, so results ready 8 ms after the key
waited another 9 ms or so (measured with `navigator bench screen`), whatever it cost to
draw them. When nothing needs a layout, the dirty widgets are drawn now, the way the
timer's tick would draw them (Textual 8.2: `Screen._on_timer_update`); a tick that comes
after finds nothing left to draw. Otherwise nothing happens here, and the tick draws as
usual.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widget import Widget


def paint_now(screen: Screen[Any], *groups: tuple[Widget, ...]) -> bool:
    """Draw each group of widgets now, a group at a time, then whatever else is dirty;
    False if nothing could be drawn before the next tick.

    A frame draws every widget across the rectangle around its changes: a page of
    results with the one-line status above it covers the detail pane too, and drawing
    that cost a third of the frame. Widgets side by side (a list and its scroll bar)
    go in one group, widgets apart in groups of their own.
    """
    widgets = [widget for group in groups for widget in group]
    if (
        not screen.is_current
        or screen.app._batch_count
        or screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._recompose_required
        or any(widget._layout_required for widget in widgets)
    ):
        return False
    compositor = screen._compositor
    waiting = set(screen._dirty_widgets)  # each refresh below forgets them: kept here
    for group in groups:
        compositor.update_widgets({widget for widget in group if widget.is_mounted})
        screen._compositor_refresh()
    if waiting:
        compositor.update_widgets(waiting)
        screen._compositor_refresh()
    return True
