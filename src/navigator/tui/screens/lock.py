"""The locked screen: nothing of the last client is behind it; the PIN opens the desk again."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from navigator.desk.context import Desk
from navigator.domain.volunteer import Volunteer
from navigator.translation import N_, _
from navigator.tui.safe_text import content
from navigator.tui.screens.sign_in import SignInScreen
from navigator.tui.widgets.desk_footer import DeskFooter


class LockScreen(SignInScreen):
    """Locked by the idle timer or by Ctrl+L; any volunteer may unlock with their own PIN."""

    heading = N_("Locked")
    explanation = N_(
        "The screen was cleared for the next client. Type your PIN to go on, "
        "or another volunteer's name and PIN to take over the desk."
    )


class OpenDeskLockScreen(Screen[Volunteer | None]):
    """Locked in open-desk mode: there are no PINs yet, so Enter opens it again."""

    BINDINGS = [Binding("enter", "unlock", N_("Open the desk"), priority=True, id="lock.unlock")]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Vertical(id="sign-in"):
            yield Static(
                content(
                    (_("Locked"), "bold"),
                    "\n",
                    (_("The screen was cleared for the next client. Press Enter to go on."), ""),
                    "\n\n",
                    (
                        _(
                            "Open desk: no volunteers yet, so no PIN is asked. A site lead adds "
                            "them with: navigator volunteer add NAME --role lead"
                        ),
                        "$text-warning",
                    ),
                ),
                id="sign-in-title",
                markup=False,
            )
        yield DeskFooter()

    def action_unlock(self) -> None:
        self.dismiss(None)
