"""The search box: an Input that does not lay out the whole screen on every keystroke."""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Input


class QueryBox(Input):
    """Where the volunteer types what the client said.

    Textual's Input stores the text's width as its virtual size on every change, and the
    virtual size is a layout reactive: each keystroke re-arranged every widget on the
    screen (a third of a keystroke's drawing time on Miami, measured with
    `navigator bench screen`). The box's own size never changes (one line, the screen's
    width), so the new virtual size is stored quietly first; Input's watcher then finds
    it unchanged, and only the box is redrawn. The box still scrolls along a long query:
    scrolling reads the virtual size, it does not need a layout.
    """

    def _watch_value(self, value: str) -> None:
        self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)
        self.refresh()
