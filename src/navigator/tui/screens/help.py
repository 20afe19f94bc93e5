"""F1: every key and what it does, from help.md beside this file.

help.md names no key itself: `{key:search.filters}` stands for the key of the binding with
that id, so the help always says what the screens answer. The README's key tables are
made from the same file (navigator/tui/readme_keys.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from navigator.translation import N_, SOURCE_LANGUAGE, desk_language
from navigator.tui.keymap import all_bindings, fill_keys
from navigator.tui.screens.day_summary import DaySummaryScreen
from navigator.tui.screens.flag_listing import FlagListingScreen
from navigator.tui.screens.follow_ups import FollowUpsScreen
from navigator.tui.screens.handoff_form import HandoffFormScreen
from navigator.tui.screens.referral_slip import ReferralSlipScreen
from navigator.tui.screens.search import SearchScreen
from navigator.tui.screens.todays_log import TodaysLogScreen
from navigator.tui.widgets.desk_footer import DeskFooter

HELP_FILE = Path(__file__).with_name("help.md")
"""The help as written (English): the README's key tables come from it."""


def help_file(language: str = SOURCE_LANGUAGE) -> Path:
    """help.<language>.md beside help.md when one ships (help.es.md), else help.md."""
    translated = HELP_FILE.with_name(f"help.{language}.md")
    return translated if language != SOURCE_LANGUAGE and translated.is_file() else HELP_FILE


# The screens whose keys help.md explains (the app's own keys come from the running app).
HELP_SCREENS: tuple[type, ...] = (
    SearchScreen,
    HandoffFormScreen,
    ReferralSlipScreen,
    FlagListingScreen,
    TodaysLogScreen,
    FollowUpsScreen,
    DaySummaryScreen,
)


def help_text(app: type[App[Any]] | App[Any], language: str = SOURCE_LANGUAGE) -> str:
    """The help with every key filled in from the bindings of `app` and the help screens."""
    app_class = app if isinstance(app, type) else type(app)
    bindings = all_bindings((app_class, *HELP_SCREENS))
    return fill_keys(help_file(language).read_text(encoding="utf-8"), bindings)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="help.back"),
        Binding("f1", "app.pop_screen", N_("Close help"), show=False, id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(help_text(self.app, desk_language()))
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
