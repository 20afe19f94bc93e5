"""Flag a listing as wrong: closed, moved, phone dead, hours wrong, or something else."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, Static

from navigator.desk.context import Desk
from navigator.desk.flag_listing import flag_listing
from navigator.desk.personal_data_check import explain, personal_data_in
from navigator.domain.catalogue import Listing
from navigator.domain.listing_flag import FLAG_NOTE_MAX, FlagReason, ListingFlag
from navigator.errors import NavigatorError
from navigator.tui.safe_text import content

REASONS = tuple(FlagReason)


@dataclass(frozen=True)
class FlagFormState:
    """What was typed into the flag form, kept in memory while the desk is locked."""

    listing: Listing
    reason_index: int
    note: str


class FlagListingScreen(ModalScreen[ListingFlag | None]):
    """Dismisses with the saved flag, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save flag", priority=True),
        Binding("ctrl+y", "save_anyway", "Keep it and save", priority=True),
        Binding("escape", "cancel", "Back"),
    ]

    def __init__(self, desk: Desk, listing: Listing, restore: FlagFormState | None = None) -> None:
        super().__init__()
        self.desk = desk
        self.listing = listing
        self.restore = restore
        self.flagged: str | None = None  # the note as it was when it was found to hold data

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
                chosen = self.restore.reason_index if self.restore else 0
                for i, reason in enumerate(REASONS):
                    yield RadioButton(reason.label, value=i == chosen, id=f"reason-{reason.value}")
            yield Label("Note (needed for 'something else')")
            yield Input(
                self.restore.note if self.restore else "",
                placeholder="e.g. now open Saturdays only",
                max_length=FLAG_NOTE_MAX,
                id="flag-note",
            )
            yield Static("", id="flag-error", markup=False)
            with Horizontal(id="flag-buttons"):
                yield Button("Save  Ctrl+S", variant="primary", id="flag-save", compact=True)
                yield Button("Keep it and save  Ctrl+Y", variant="warning", id="flag-save-anyway",
                             compact=True)  # fmt: skip
                yield Button("Back  Esc", id="flag-cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#flag-save-anyway").display = False
        self.query_one("#flag-reason").focus()

    def kept_form(self) -> FlagFormState:
        """The flag as typed, for the volunteer to get back after a lock."""
        return FlagFormState(
            listing=self.listing,
            reason_index=max(self.query_one("#flag-reason", RadioSet).pressed_index, 0),
            note=self.query_one("#flag-note", Input).value,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_anyway":
            return self.flagged is not None
        return True

    @on(Button.Pressed, "#flag-save")
    @on(Input.Submitted, "#flag-note")
    def action_save(self) -> None:
        """Save, unless the note holds personal data: then say what it holds."""
        note = self.query_one("#flag-note", Input).value
        found = personal_data_in(self.desk, {"the note": note})
        if found:
            self.flagged = note
            self.query_one("#flag-save-anyway").display = True
            self.refresh_bindings()
            self.query_one("#flag-error", Static).update(
                content(
                    (f"Personal data? {explain(found)} ", "bold $text-error"),
                    "Remove a client's details and save; if it is the service's own "
                    "(its new address or phone), press Ctrl+Y to keep it and save.",
                )
            )
            return
        self._save()

    @on(Button.Pressed, "#flag-save-anyway")
    def action_save_anyway(self) -> None:
        """The volunteer's deliberate second step: keep what the check found, and save."""
        if self.flagged is None or self.flagged != self.query_one("#flag-note", Input).value:
            self.action_save()
            return
        self._save()

    def _save(self) -> None:
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
