"""The command palette (Ctrl+P): every screen, every key of the screen you are on, and themes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from navigator.translation import N_, _
from navigator.tui.keymap import binding_label, bindings_of
from navigator.tui.screens.search import SearchScreen

# (title, help, app action): reachable from any screen. The help ends with the action's
# key, "(F2)", taken from the binding that runs it (on the app or the search screen).
SCREENS = (
    (N_("Search for a service"), N_("Back to the search screen"), "go_search"),
    (N_("Today's log"), N_("Today's handoffs and their sync state"), "todays_log"),
    (
        N_("Follow-ups due"),
        N_("Follow-ups due today and overdue; record an outcome"),
        "follow_ups",
    ),
    (N_("Day summary"), N_("Handoffs by need, kind and hour, with a chart"), "day_summary"),
    (N_("Help: every key"), N_("What each key does"), "help"),
    (
        N_("High-contrast theme on or off"),
        N_("Switch between high contrast and standard"),
        "contrast",
    ),
)


def key_hint(app_class: type, action: str) -> str:
    """' (F2)' when a binding of the app or the search screen runs `action`, else ''."""
    for owner in (app_class, SearchScreen):
        for binding in bindings_of(owner).values():
            if binding.action.removeprefix("app.") == action:
                return f" ({binding_label(binding)})"
    return ""


@dataclass(frozen=True)
class PaletteCommand:
    title: str
    help: str
    run: Callable[[], object]


class NavigatorCommands(Provider):
    """Finds the app's screens and the actions bound on the current screen, by name."""

    def _commands(self) -> Iterator[PaletteCommand]:
        seen: set[str] = set()
        for title, help_text, action in SCREENS:
            seen.add(action)
            hint = key_hint(type(self.app), action)
            yield PaletteCommand(
                _(title), _(help_text) + hint, partial(self.app.run_action, action)
            )
        screen = self.screen
        for binding in getattr(type(screen), "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            name = binding.action.removeprefix("app.")
            if name in seen or name in {"app.pop_screen", "pop_screen"}:
                continue
            seen.add(name)
            yield PaletteCommand(
                _(binding.tooltip or binding.description),
                _("{key} on this screen").format(key=binding_label(binding)),
                partial(screen.run_action, binding.action),
            )

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = max(matcher.match(command.title), matcher.match(command.help) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, help=command.help)
