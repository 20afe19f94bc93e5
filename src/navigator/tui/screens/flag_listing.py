"""Flag a listing as wrong: closed, moved, phone dead, hours wrong, or something else."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from navigator.desk.context import Desk
from navigator.desk.flag_listing import flag_listing
from navigator.desk.personal_data_check import explain, personal_data_in
from navigator.domain.catalogue import Listing
from navigator.domain.listing_flag import FLAG_NOTE_MAX, FlagReason, ListingFlag
from navigator.errors import NavigatorError
from navigator.translation import N_, _
from navigator.tui.keymap import key
from navigator.tui.safe_text import content
from navigator.tui.screens.confirm_discard import dismiss_after_asking
from navigator.tui.widgets.desk_footer import DeskFooter
from navigator.tui.widgets.form_buttons import form_buttons

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
        Binding("ctrl+s", "save", N_("Save flag"), priority=True, id="flag.save"),
        Binding(
            "ctrl+y", "save_anyway", N_("Keep it and save"), priority=True, id="flag.save_anyway"
        ),
        Binding("escape", "cancel", N_("Back"), id="flag.back"),
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
                    (_("Flag as wrong: "), "bold"),
                    (self.listing.service.name, "bold $text-accent"),
                    "\n",
                    (_("The directory's keepers get this with the next sync."), "$text-muted"),
                ),
                id="flag-title",
                markup=False,
            )
            yield Label(_("What is wrong?"))
            with RadioSet(id="flag-reason", compact=True):
                chosen = self.restore.reason_index if self.restore else 0
                for i, reason in enumerate(REASONS):
                    yield RadioButton(
                        _(reason.label), value=i == chosen, id=f"reason-{reason.value}"
                    )
            yield Label(_("Note (needed for 'something else')"))
            yield Input(
                self.restore.note if self.restore else "",
                placeholder=_("e.g. now open Saturdays only"),
                max_length=FLAG_NOTE_MAX,
                id="flag-note",
            )
            yield Static("", id="flag-error", markup=False)
            with Horizontal(id="flag-buttons"):
                yield from form_buttons(
                    self, "flag", ("flag-save", "flag-save-anyway", "flag-cancel")
                )
        yield DeskFooter()

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
        found = personal_data_in(self.desk, {N_("the note"): note})
        if found:
            self.flagged = note
            self.query_one("#flag-save-anyway").display = True
            self.refresh_bindings()
            self.query_one("#flag-error", Static).update(
                content(
                    (
                        _("Personal data? {found}").format(found=explain(found, _)) + " ",
                        "bold $text-error",
                    ),
                    _(
                        "Remove a client's details and save; if it is the service's own "
                        "(its new address or phone), press {key} to keep it and save."
                    ).format(key=key(self, "flag.save_anyway")),
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
                content((error.translated(_), "bold $text-error"))
            )
            return
        self.dismiss(saved)

    @on(Button.Pressed, "#flag-cancel")
    def action_cancel(self) -> None:
        """Back; a note already typed asks before it is thrown away."""
        if self.restore is None and not self.query_one("#flag-note", Input).value.strip():
            self.dismiss(None)
            return
        dismiss_after_asking(self, _("Throw away this flag? Nothing has been saved."))
