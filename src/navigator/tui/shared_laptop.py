"""What makes the app safe on a shared laptop: sign-in, idle lock, Ctrl+L, crash output.

NavigatorApp inherits this, so app.py keeps to its screens and bindings.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from time import monotonic
from typing import Any, Protocol, runtime_checkable

from rich.segment import Segments
from rich.text import Text
from textual import events
from textual.actions import ActionParseResult
from textual.app import App, SystemCommand
from textual.dom import DOMNode, NoScreen
from textual.screen import Screen
from textual.widget import Widget

from navigator.crash import crash_report, write_crash_report
from navigator.desk.context import Desk
from navigator.desk.purge import purge_acknowledged
from navigator.desk.volunteers import open_desk_mode, sign_out
from navigator.domain.volunteer import Volunteer
from navigator.translation import _
from navigator.tui.idle_garbage import IDLE_SECONDS, IdleCollector
from navigator.tui.screens.lock import LockScreen, OpenDeskLockScreen
from navigator.tui.screens.search import SearchScreen
from navigator.tui.screens.sign_in import SignInScreen
from navigator.tui.terminal_gone import TerminalWatch
from navigator.tui.widgets.idle_warning import IdleWarning

# What counts as someone at the keyboard; a mouse merely moved by a bump does not.
ACTIVITY = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)

# Before sign-in and while locked, nothing but the sign-in form answers: of the app's
# own actions only quitting and moving between the form's fields do.
ALLOWED_WHILE_LOCKED = frozenset({"quit", "help_quit", "focus_next", "focus_previous"})
# Actions that write the screen, client details and all, to a file: never allowed.
SCREEN_TO_FILE = frozenset({"screenshot", "deliver_screenshot", "save_screenshot"})
IDLE_WARNING_SECONDS = 30.0


@runtime_checkable
class KeepsWork(Protocol):
    """A form whose contents survive a lock, in memory, for the volunteer who typed them."""

    def kept_form(self) -> object: ...


@dataclass(frozen=True)
class KeptWork:
    volunteer_id: str
    form: object


class SharedLaptopApp(App[None]):
    """An app that asks who is at the desk and forgets the client when left alone."""

    desk: Desk
    last_input: float = 0.0
    _at_lock: bool = False
    _idle_warning_shown: bool = False
    _kept: KeptWork | None = None
    _terminal_watch: TerminalWatch | None = None

    def __init__(self) -> None:
        super().__init__()
        self.idle_clock: Callable[[], float] = monotonic
        """Seconds, for the idle lock; a test may turn it by hand."""
        self._garbage = IdleCollector(lambda: self.idle_clock() - self.last_input)

    @property
    def signed_in(self) -> Volunteer | None:
        """Who is at the desk: kept by the desk (one place), read here for the screens."""
        return self.desk.signed_in

    @property
    def locked(self) -> bool:
        """True before sign-in and while locked: only the sign-in form answers."""
        return self._at_lock

    def start_shift(self) -> None:
        """After the search screen is up: sign-in (when volunteers exist) and the idle timer."""
        self.last_input = self.idle_clock()
        # Retention at start: acknowledged records past retention_days leave the laptop.
        purge_acknowledged(self.desk)
        if not open_desk_mode(self.desk):
            self._at_lock = True
            self.push_screen(SignInScreen(self.desk), self._signed_in)
        idle = self.desk.settings.idle_lock_minutes * 60
        self.set_interval(min(1.0, idle / 4), self.tick_idle_lock, name="idle-lock")
        self._garbage.start()
        self.set_interval(IDLE_SECONDS / 2, self._garbage.tick, name="idle-garbage")

    def watch_terminal(self) -> None:
        """Quit when the terminal goes (window closed, SSH dropped): see terminal_gone."""
        if self.is_headless or self._terminal_watch is not None:
            return
        self._terminal_watch = TerminalWatch(self.exit, asyncio.get_running_loop())
        self._terminal_watch.start()

    def on_unmount(self) -> None:
        self._garbage.stop()
        if self._terminal_watch is not None:
            self._terminal_watch.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, ACTIVITY):
            self.last_input = self.idle_clock()
            self._garbage.typed()
            self._hide_idle_warning()
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in SCREEN_TO_FILE:
            return False
        if self._at_lock and action not in ALLOWED_WHILE_LOCKED:
            return False
        return super().check_action(action, parameters)

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """While locked, an action aimed at a screen under the lock (the search screen's
        F3, say, from some stray path) is refused like the app's own."""
        if self._at_lock and not self._on_top(default_namespace):
            return False
        return await super().run_action(action, default_namespace, namespaces)

    def _on_top(self, node: DOMNode | None) -> bool:
        if node is None or node is self:
            return True
        if isinstance(node, Screen):
            return node is self.screen
        if isinstance(node, Widget):
            try:
                return node.screen is self.screen
            except NoScreen:
                return False
        return False

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette commands, less Screenshot (it writes client details to disk)."""
        if self._at_lock:
            return
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command

    # --- idle lock ---------------------------------------------------------------------

    def tick_idle_lock(self) -> None:
        """Each second: warn for the last 30 seconds (any key postpones), then lock."""
        if self._at_lock:
            return
        limit = self.desk.settings.idle_lock_minutes * 60
        left = limit - (self.idle_clock() - self.last_input)
        if left <= 0:
            self.action_lock()
        elif left <= min(IDLE_WARNING_SECONDS, limit / 2):
            self._show_idle_warning(left)
        else:
            self._hide_idle_warning()

    def _show_idle_warning(self, seconds_left: float) -> None:
        self._idle_warning_shown = True
        warnings = self.screen.query(IdleWarning)
        if warnings:
            warnings.first().count_down(seconds_left)
        else:
            self.screen.mount(IdleWarning(seconds_left))

    def _hide_idle_warning(self) -> None:
        """Called on every key: the screens are searched only if a warning was shown
        (searching them took a tenth of a keystroke's work, `navigator bench screen`)."""
        if not self._idle_warning_shown:
            return
        self._idle_warning_shown = False
        for screen in self.screen_stack:
            screen.query(IdleWarning).remove()

    # --- lock and unlock ---------------------------------------------------------------

    def action_lock(self) -> None:
        """Clear every client-specific field, then ask for a PIN (Ctrl+L, or idle minutes).

        An open form's contents are kept in memory (never on screen or disk) for the
        volunteer who was signed in; they get it back when they unlock.
        """
        if self._at_lock:
            return
        self._hide_idle_warning()
        last = self.desk.signed_in
        self._kept = self._keep_open_form()
        # Forms, the log and help close unsaved: what was typed for a client goes with them.
        while len(self.screen_stack) > 1 and not isinstance(self.screen, SearchScreen):
            self.pop_screen()
        if isinstance(self.screen, SearchScreen):
            self.screen.forget_client()
        self.clear_notifications()
        sign_out(self.desk)
        self.sub_title = self.desk.settings.site_name
        self._at_lock = True
        if open_desk_mode(self.desk):
            self.push_screen(OpenDeskLockScreen(self.desk), self._signed_in)
        else:
            self.push_screen(LockScreen(self.desk, name=last.name if last else ""), self._signed_in)

    def _keep_open_form(self) -> KeptWork | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, KeepsWork):
                return KeptWork(self.desk.volunteer_id, screen.kept_form())
        return None

    def _signed_in(self, volunteer: Volunteer | None) -> None:
        self.last_input = self.idle_clock()
        self._at_lock = False
        kept, self._kept = self._kept, None
        if volunteer is not None:
            self.sub_title = f"{self.desk.settings.site_name} - {volunteer.name}"
        # Only the volunteer who typed the form gets it back; for anyone else it is gone.
        if kept is not None and kept.volunteer_id == self.desk.volunteer_id:
            self.call_after_refresh(self._reopen, kept.form)

    def _reopen(self, form: object) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.reopen(form)
                return

    def _fatal_error(self) -> None:
        # Textual's crash output prints every frame's locals and the error's text,
        # either of which can hold a client's note or reference (a validation
        # error quotes its input). Show the stack and the error's type only.
        self.bell()
        error = sys.exc_info()[1]
        lines = [_("Navigator stopped on an unexpected error.")]
        if error is not None:
            report = write_crash_report(error)
            lines = [
                _("Navigator stopped on an unexpected error ({error}).").format(
                    error=type(error).__name__
                ),
                _("Handoffs already confirmed are saved. Start Navigator again."),
                "",
                crash_report(error),
            ]
            if report is not None:
                lines.append(
                    _("This report (no client data) is also in {path}").format(path=report)
                )
        rendered = Segments(self.console.render(Text("\n".join(lines)), self.console.options))
        self._exit_renderables.append(rendered)
        self._close_messages_no_wait()
