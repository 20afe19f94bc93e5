"""The Navigator app: a search screen, a handoff form, today's log and help."""

from __future__ import annotations

from textual.binding import Binding

from navigator.desk.context import Desk
from navigator.tui.screens.search import SearchScreen
from navigator.tui.screens.todays_log import TodaysLogScreen
from navigator.tui.shared_laptop import SharedLaptopApp


class NavigatorApp(SharedLaptopApp):
    """Offline resource desk."""

    CSS_PATH = "app.tcss"
    TITLE = "Navigator"
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+l", "lock", "Lock", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk

    def on_mount(self) -> None:
        self.sub_title = self.desk.settings.site_name
        self.push_screen(SearchScreen(self.desk))
        self.start_shift()

    def action_help(self) -> None:
        from navigator.tui.screens.help import HelpScreen  # Markdown costs 0.2 s to import

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_todays_log(self) -> None:
        if not isinstance(self.screen, TodaysLogScreen):
            self.push_screen(TodaysLogScreen(self.desk))
