"""What makes the app safe on a shared laptop: sign-in, idle lock, Ctrl+L, crash output.

NavigatorApp inherits this, so app.py keeps to its screens and bindings.
"""

from __future__ import annotations

import sys
from time import monotonic

from rich.segment import Segments
from rich.text import Text
from textual import events
from textual.app import App

from navigator.crash import crash_report, write_crash_report
from navigator.desk.context import Desk
from navigator.desk.purge import purge_acknowledged
from navigator.desk.volunteers import open_desk_mode, sign_out
from navigator.domain.volunteer import Volunteer
from navigator.tui.screens.lock import LockScreen, OpenDeskLockScreen
from navigator.tui.screens.search import SearchScreen
from navigator.tui.screens.sign_in import SignInScreen

# What counts as someone at the keyboard; a mouse merely moved by a bump does not.
ACTIVITY = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)


class SharedLaptopApp(App[None]):
    """An app that asks who is at the desk and forgets the client when left alone."""

    desk: Desk
    volunteer: Volunteer | None = None
    last_input: float = 0.0

    def start_shift(self) -> None:
        """After the search screen is up: sign-in (when volunteers exist) and the idle timer."""
        self.last_input = monotonic()
        # Retention at start: acknowledged records past retention_days leave the laptop.
        purge_acknowledged(self.desk)
        if not open_desk_mode(self.desk):
            self.push_screen(SignInScreen(self.desk), self._signed_in)
        idle = self.desk.settings.idle_lock_minutes * 60
        self.set_interval(min(5.0, idle / 4), self._lock_when_idle, name="idle-lock")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, ACTIVITY):
            self.last_input = monotonic()
        await super().on_event(event)

    def _lock_when_idle(self) -> None:
        if monotonic() - self.last_input >= self.desk.settings.idle_lock_minutes * 60:
            self.action_lock()

    @property
    def locked(self) -> bool:
        return isinstance(self.screen, SignInScreen | OpenDeskLockScreen)

    def action_lock(self) -> None:
        """Clear every client-specific field, then ask for a PIN (Ctrl+L, or idle minutes)."""
        if self.locked:
            return
        # Forms, the log and help close unsaved: what was typed for a client goes with them.
        while len(self.screen_stack) > 1 and not isinstance(self.screen, SearchScreen):
            self.pop_screen()
        if isinstance(self.screen, SearchScreen):
            self.screen.forget_client()
        self.clear_notifications()
        last = self.volunteer
        self.volunteer = None
        sign_out(self.desk)
        self.sub_title = self.desk.settings.site_name
        if open_desk_mode(self.desk):
            self.push_screen(OpenDeskLockScreen(self.desk), self._signed_in)
        else:
            self.push_screen(LockScreen(self.desk, name=last.name if last else ""), self._signed_in)

    def _signed_in(self, volunteer: Volunteer | None) -> None:
        self.last_input = monotonic()
        self.volunteer = volunteer
        if volunteer is not None:
            self.sub_title = f"{self.desk.settings.site_name} - {volunteer.name}"

    def _fatal_error(self) -> None:
        # Textual's crash output prints every frame's locals and the error's text,
        # either of which can hold a client's note or reference (a validation
        # error quotes its input). Show the stack and the error's type only.
        self.bell()
        error = sys.exc_info()[1]
        lines = ["Navigator stopped on an unexpected error."]
        if error is not None:
            report = write_crash_report(error)
            lines = [
                f"Navigator stopped on an unexpected error ({type(error).__name__}).",
                "Handoffs already confirmed are saved. Start Navigator again.",
                "",
                crash_report(error),
            ]
            if report is not None:
                lines.append(f"This report (no client data) is also in {report}")
        rendered = Segments(self.console.render(Text("\n".join(lines)), self.console.options))
        self._exit_renderables.append(rendered)
        self._close_messages_no_wait()
