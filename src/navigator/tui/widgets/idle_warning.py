"""The idle lock's warning: a visible countdown; any key or click postpones the lock."""

from __future__ import annotations

from math import ceil

from textual.widgets import Static

from navigator.translation import _
from navigator.tui.safe_text import content


class IdleWarning(Static):
    """Shown on the current screen for the last seconds before the idle lock."""

    DEFAULT_CSS = """
    IdleWarning {
        dock: bottom;
        height: 1;
        width: 100%;
        padding: 0 1;
        background: $warning;
        color: $text;
    }
    """

    def __init__(self, seconds_left: float) -> None:
        super().__init__(markup=False)
        self.count_down(seconds_left)

    def count_down(self, seconds_left: float) -> None:
        seconds = max(1, ceil(seconds_left))
        self.seconds_left = seconds
        self.update(
            content(
                (_("Locking in {seconds} s").format(seconds=seconds), "bold"),
                " " + _("to protect the client's details. Press any key to stay."),
            )
        )
