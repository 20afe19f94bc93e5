"""Flag a listing as wrong: closed, moved, phone dead, hours wrong, or something else."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, Static

from navigator.desk.context import Desk
from navigator.desk.flag_listing import flag_listing
from navigator.domain.catalogue import Listing
from navigator.domain.listing_flag import FLAG_NOTE_MAX, FlagReason, ListingFlag
from navigator.errors import NavigatorError
from navigator.tui.keymap import key
from navigator.tui.safe_text import content

REASONS = tuple(FlagReason)


class FlagListingScreen(ModalScreen[ListingFlag | None]):
    """Dismisses with the saved flag, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save flag", priority=True, id="flag.save"),
        Binding("escape", "cancel", "Back", id="flag.back"),
    ]

    def __init__(self, desk: Desk, listing: Listing) -> None:
        super().__init__()
        self.desk = desk
        self.listing = listing

    def compose(self) -> ComposeResult:
        with Vertical(id="flag-body"):
            yield Static(
                content(
                    ("Flag as wrong: ", "bold"),
                    (self.listing.service.name, "bold $text-accent"),
                    "\n",
                    ("The directory's keepers get this with the next sync.", "$text-muted"),
                ),
                id="flag-title",
                markup=False,
            )
            yield Label("What is wrong?")
            with RadioSet(id="flag-reason", compact=True):
                for i, reason in enumerate(REASONS):
                    yield RadioButton(reason.label, value=i == 0, id=f"reason-{reason.value}")
            yield Label("Note (needed for 'something else')")
            yield Input(
                placeholder="e.g. now at 40 Elm St", max_length=FLAG_NOTE_MAX, id="flag-note"
            )
            yield Static("", id="flag-error", markup=False)
            with Horizontal(id="flag-buttons"):
                yield Button(
                    f"Save  {key(self, 'flag.save')}",
                    variant="primary",
                    id="flag-save",
                    compact=True,
                )
                yield Button(
                    f"Back  {key(self, 'flag.back', short=True)}", id="flag-cancel", compact=True
                )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#flag-reason").focus()

    @on(Button.Pressed, "#flag-save")
    @on(Input.Submitted, "#flag-note")
    def action_save(self) -> None:
        pressed = self.query_one("#flag-reason", RadioSet).pressed_index
        reason = REASONS[max(pressed, 0)]
        try:
            saved = flag_listing(
                self.desk, self.listing.id, reason, self.query_one("#flag-note", Input).value
            )
        except NavigatorError as error:
            self.query_one("#flag-error", Static).update(
                content((error.message, "bold $text-error"))
            )
            return
        self.dismiss(saved)

    @on(Button.Pressed, "#flag-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
