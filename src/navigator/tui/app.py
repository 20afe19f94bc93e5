"""The Navigator app: a search screen, a handoff form, today's log and help."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from navigator.desk.context import Desk
from navigator.tui.screens.help import HelpScreen
from navigator.tui.screens.import_catalogue import ImportCatalogueScreen
from navigator.tui.screens.search import SearchScreen
from navigator.tui.screens.todays_log import TodaysLogScreen


class NavigatorApp(App[None]):
    """Offline resource desk."""

    CSS_PATH = "app.tcss"
    TITLE = "Navigator"
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("f6", "import_catalogue", "Import catalogue"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk

    def on_mount(self) -> None:
        self.sub_title = self.desk.settings.site_name
        self.push_screen(SearchScreen(self.desk))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_todays_log(self) -> None:
        if not isinstance(self.screen, TodaysLogScreen):
            self.push_screen(TodaysLogScreen(self.desk))

    def action_import_catalogue(self) -> None:
        if not isinstance(self.screen, ImportCatalogueScreen):
            self.push_screen(ImportCatalogueScreen(self.desk))
