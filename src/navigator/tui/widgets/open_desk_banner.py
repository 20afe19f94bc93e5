"""A line on the search screen while no volunteer exists: anyone may use the desk."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from navigator.desk.context import Desk
from navigator.desk.volunteers import open_desk_mode
from navigator.translation import _
from navigator.tui.safe_text import content


def banner() -> Content:
    return content(
        (_("Open desk"), "bold"),
        " · " + _("add a lead:") + " ",
        ("navigator volunteer add NAME --role lead", "bold"),
    )


class OpenDeskBanner(Static):
    DEFAULT_CSS = """
    OpenDeskBanner { height: auto; padding: 0 2; background: $warning-muted; color: $text; }
    """

    def __init__(self, desk: Desk) -> None:
        super().__init__(banner(), markup=False, id="open-desk-banner")
        self.desk = desk

    def on_mount(self) -> None:
        self.display = open_desk_mode(self.desk)
