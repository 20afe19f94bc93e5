"""The Navigator app: search, handoff form, log, follow-ups, day summary, slips and help."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.theme import Theme

from navigator.desk.context import Desk
from navigator.desk.preferences import remember_theme, saved_theme
from navigator.desk.volunteers import require_lead
from navigator.errors import NavigatorError
from navigator.translation import N_, _, set_desk_language
from navigator.tui.commands import NavigatorCommands
from navigator.tui.screens.follow_ups import FollowUpsScreen
from navigator.tui.screens.search import SearchScreen
from navigator.tui.shared_laptop import SharedLaptopApp
from navigator.tui.themes import HIGH_CONTRAST, NAVIGATOR_THEMES, STANDARD


class NavigatorApp(SharedLaptopApp):
    """Offline resource desk."""

    CSS_PATH = "app.tcss"
    TITLE = "Navigator"
    COMMANDS = App.COMMANDS | {NavigatorCommands}
    BINDINGS = [
        Binding("f1", "help", N_("Help"), id="app.help"),
        Binding("ctrl+l", "lock", N_("Lock"), priority=True, id="app.lock"),
        Binding("f8", "follow_ups", N_("Follow-ups"), id="app.follow_ups"),
        Binding("f9", "day_summary", N_("Summary"), show=False, id="app.day_summary"),
        Binding("f10", "contrast", N_("Contrast"), show=False, id="app.contrast"),
        Binding(
            "ctrl+o",
            "import_catalogue",
            N_("Import catalogue"),
            show=False,
            id="app.import_catalogue",
        ),
        Binding("ctrl+q", "quit", N_("Quit"), priority=True, id="app.quit"),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        set_desk_language(desk.settings.language)
        for theme in NAVIGATOR_THEMES:
            self.register_theme(theme)

    def on_mount(self) -> None:
        self.sub_title = self.desk.settings.site_name
        chosen = saved_theme(self.desk)
        if chosen and chosen in self.available_themes:
            self.theme = chosen
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(SearchScreen(self.desk))
        self.watch_terminal()
        self.start_shift()
        self.warn_if_clock_wrong()

    def warn_if_clock_wrong(self) -> None:
        """A wrong clock gives records wrong dates: say so at start-up and when a form opens."""
        from navigator.desk.clock_check import clock_warning

        warning = clock_warning(self.desk)
        if warning:
            self.notify(
                warning.translated(_), title=_("Check the clock"), severity="warning", markup=False
            )

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

        if not isinstance(self.screen, FollowUpsScreen):
            self.push_screen(FollowUpsScreen(self.desk))

    def action_day_summary(self) -> None:
        # Lazy: the chart library (textual-plotext) loads when the summary is first opened.
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
        self.notify(
            _("Theme: high contrast") if self.theme == HIGH_CONTRAST else _("Theme: standard")
        )

    def action_import_catalogue(self) -> None:
        """Load a directory file or folder (site leads only, once volunteers exist)."""

        try:
            require_lead(self.desk, self.desk.signed_in, N_("import a catalogue"))
        except NavigatorError as error:
            self.notify(
                error.translated(_), title=_("Not allowed"), severity="warning", markup=False
            )
            return
        # Lazy: the importers are a tenth of a second to load (measured); load on use.
        from navigator.tui.screens.import_catalogue import ImportCatalogueScreen

        if not isinstance(self.screen, ImportCatalogueScreen):
            self.push_screen(ImportCatalogueScreen(self.desk))
