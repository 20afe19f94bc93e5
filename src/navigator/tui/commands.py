"""The command palette (Ctrl+P): every screen, every key of the screen you are on, and themes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

# (title, help, app action): reachable from any screen.
SCREENS = (
    ("Search for a service", "Back to the search screen", "go_search"),
    ("Today's log", "Today's handoffs and their sync state (F2)", "todays_log"),
    ("Follow-ups due", "Follow-ups due today and overdue; record an outcome (F8)", "follow_ups"),
    ("Day summary", "Handoffs by need, kind and hour, with a chart (F9)", "day_summary"),
    ("Help: every key", "What each key does (F1)", "help"),
    ("High-contrast theme on or off", "Switch between high contrast and standard", "contrast"),
)


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
            yield PaletteCommand(title, help_text, partial(self.app.run_action, action))
        screen = self.screen
        for binding in getattr(type(screen), "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            name = binding.action.removeprefix("app.")
            if name in seen or name in {"app.pop_screen", "pop_screen"}:
                continue
            seen.add(name)
            key = binding.key_display or binding.key.split(",")[0].title()
            yield PaletteCommand(
                binding.tooltip or binding.description,
                f"{key} on this screen",
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
