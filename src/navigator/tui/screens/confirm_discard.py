"""Before a filled form is thrown away: one question, one key either way."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from navigator.translation import N_, _
from navigator.tui.keymap import key
from navigator.tui.safe_text import content


class ConfirmDiscardScreen(ModalScreen[bool]):
    """Dismisses with True to throw the form away, False to go back to it."""

    BINDINGS = [
        Binding("y", "answer(True)", N_("Discard"), id="discard.yes"),
        Binding("n,escape", "answer(False)", N_("Keep editing"), id="discard.no"),
    ]

    DEFAULT_CSS = """
    ConfirmDiscardScreen { align: center middle; }
    #discard-box {
        width: 60; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 1 2;
    }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="discard-box"):
            yield Static(
                content(
                    (self.question, "bold"),
                    "\n\n",
                    (
                        _("{yes} discard it · {no} keep editing").format(
                            yes=key(self, "discard.yes"), no=key(self, "discard.no")
                        ),
                        "$text-muted",
                    ),
                ),
                markup=False,
            )

    def action_answer(self, discard: bool) -> None:
        self.dismiss(discard)


def dismiss_after_asking(form: Screen[Any], question: str) -> None:
    """Close `form` with nothing saved once the volunteer says to throw it away."""

    def answered(discard: bool | None) -> None:
        if discard:
            form.dismiss(None)

    form.app.push_screen(ConfirmDiscardScreen(question), answered)
