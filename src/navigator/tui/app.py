"""The Navigator app: search, handoff form, log, follow-ups, day summary, slips and help."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.theme import Theme

from navigator.desk.context import Desk
from navigator.desk.preferences import remember_theme, saved_theme
from navigator.tui.commands import NavigatorCommands
from navigator.tui.screens.search import SearchScreen
from navigator.tui.shared_laptop import SharedLaptopApp
from navigator.tui.themes import HIGH_CONTRAST, NAVIGATOR_THEMES, STANDARD


class NavigatorApp(SharedLaptopApp):
    """Offline resource desk."""

    CSS_PATH = "app.tcss"
    TITLE = "Navigator"
    COMMANDS = App.COMMANDS | {NavigatorCommands}
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+l", "lock", "Lock", priority=True),
        Binding("f8", "follow_ups", "Follow-ups"),
        Binding("f9", "day_summary", "Summary"),
        Binding("f10", "contrast", "Contrast"),
        Binding("ctrl+o", "import_catalogue", "Import catalogue", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        for theme in NAVIGATOR_THEMES:
            self.register_theme(theme)

    def on_mount(self) -> None:
        self.sub_title = self.desk.settings.site_name
        chosen = saved_theme(self.desk)
        if chosen and chosen in self.available_themes:
            self.theme = chosen
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(SearchScreen(self.desk))
        self.start_shift()

    def _remember_theme(self, theme: Theme) -> None:
        remember_theme(self.desk, theme.name)

    def action_help(self) -> None:
        from navigator.tui.screens.help import HelpScreen  # Markdown costs 0.2 s to import

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_todays_log(self) -> None:
        # Imported here: the log screen pulls in the hub driver, which start-up does not need.
        from navigator.tui.screens.todays_log import TodaysLogScreen

        if not isinstance(self.screen, TodaysLogScreen):
            self.push_screen(TodaysLogScreen(self.desk))

    def action_follow_ups(self) -> None:
        from navigator.tui.screens.follow_ups import FollowUpsScreen

        if not isinstance(self.screen, FollowUpsScreen):
            self.push_screen(FollowUpsScreen(self.desk))

    def action_day_summary(self) -> None:
        from navigator.tui.screens.day_summary import DaySummaryScreen

        if not isinstance(self.screen, DaySummaryScreen):
            self.push_screen(DaySummaryScreen(self.desk))

    def action_go_search(self) -> None:
        """Close every screen above the search screen."""
        while len(self.screen_stack) > 2 and not isinstance(self.screen, SearchScreen):
            self.pop_screen()

    def action_contrast(self) -> None:
        """Switch between the high-contrast and the standard theme; the choice is remembered."""
        self.theme = STANDARD if self.theme == HIGH_CONTRAST else HIGH_CONTRAST
        self.notify(f"Theme: {'high contrast' if self.theme == HIGH_CONTRAST else 'standard'}")

    def action_import_catalogue(self) -> None:
        """Load a directory file or folder (site leads only, once volunteers exist)."""
        from navigator.desk.volunteers import require_lead
        from navigator.errors import NavigatorError

        try:
            require_lead(self.desk, self.desk.signed_in, "import a catalogue")
        except NavigatorError as error:
            self.notify(str(error), title="Not allowed", severity="warning", markup=False)
            return
        from navigator.tui.screens.import_catalogue import ImportCatalogueScreen

        if not isinstance(self.screen, ImportCatalogueScreen):
            self.push_screen(ImportCatalogueScreen(self.desk))
