"""The handoff form: kind, needs, consent, follow-up, note and client reference."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    RadioButton,
    RadioSet,
    SelectionList,
    Static,
)

from navigator.desk.context import Desk
from navigator.desk.personal_data_check import explain, personal_data_in
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.domain.catalogue import Listing
from navigator.domain.handoff import CLIENT_REF_MAX, NOTE_MAX, Handoff, HandoffKind
from navigator.errors import NavigatorError
from navigator.tui.safe_text import content

KINDS = (HandoffKind.INFO, HandoffKind.WARM, HandoffKind.APPOINTMENT)


def parse_follow_up(text: str, today: date) -> date | None:
    """'' -> none; '+7' -> in a week; otherwise YYYY-MM-DD."""
    value = text.strip()
    if not value:
        return None
    if value.startswith("+") and value[1:].isdigit():
        return today + timedelta(days=int(value[1:]))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise NavigatorError(
            f"Follow-up date '{value}' is not a date: use YYYY-MM-DD or +7 for a week."
        ) from None


@dataclass(frozen=True)
class HandoffFormState:
    """What was typed into the form, kept in memory while the desk is locked."""

    listing: Listing | None
    query: str
    kind_index: int
    needs: tuple[str, ...]
    consent: bool
    follow_up: str
    client_ref: str
    note: str


class HandoffFormScreen(Screen[Handoff | None]):
    """Record what was given; dismisses with the saved handoff, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+y", "save_anyway", "Keep it and save", priority=True),
        Binding("escape", "cancel", "Back"),
    ]

    def __init__(
        self,
        desk: Desk,
        *,
        listing: Listing | None,
        query: str,
        restore: HandoffFormState | None = None,
    ) -> None:
        super().__init__()
        self.desk = desk
        self.listing = listing
        self.query_text = query
        self.restore = restore
        # The note and reference the volunteer was told hold personal data, as they were.
        self.flagged: tuple[str, str] | None = None

    @property
    def unmet(self) -> bool:
        return self.listing is None

    def _preselected(self) -> set[str]:
        asked = set(self.desk.index.parse(self.query_text).needs) if self.query_text else set()
        if self.listing is None:
            return asked
        offered = set(self.listing.service.needs)
        both = asked & offered
        if both:
            return both
        if asked:
            return asked
        return set(self.listing.service.needs[:1])

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="form"):
            if self.listing is not None:
                title = content(
                    ("Handoff to ", "bold"),
                    (self.listing.service.name, "bold $text-accent"),
                    ("  " + self.listing.organization_name, "$text-muted"),
                )
            else:
                title = content(
                    ("Unmet need", "bold $text-warning"),
                    ("  nothing in the catalogue fits: record what was needed", "$text-muted"),
                )
            yield Static(title, id="form-title", markup=False)
            if not self.unmet:
                yield Label("Kind of handoff")
                with RadioSet(id="kind", compact=True):
                    chosen_kind = self.restore.kind_index if self.restore else 0
                    for i, kind in enumerate(KINDS):
                        yield RadioButton(
                            kind.label, value=i == chosen_kind, id=f"kind-{kind.value}"
                        )
            yield Label("Needs answered" if not self.unmet else "Needs not met")
            chosen = set(self.restore.needs) if self.restore else self._preselected()
            yield SelectionList[str](
                *((need.name, need.code, need.code in chosen) for need in self.desk.lexicon.needs),
                id="needs",
                compact=True,
            )
            yield Checkbox(
                "Client consents to share this with the service",
                value=self.restore.consent if self.restore else False,
                id="consent",
                compact=True,
            )
            with Horizontal(classes="form-row"):
                with Vertical(classes="form-cell"):
                    yield Label("Follow-up date (optional)")
                    yield Input(
                        self.restore.follow_up if self.restore else "",
                        placeholder="YYYY-MM-DD or +7",
                        id="follow-up",
                        compact=True,
                    )
                with Vertical(classes="form-cell"):
                    yield Label("Client reference (optional, never a name)")
                    yield Input(
                        self.restore.client_ref if self.restore else "",
                        placeholder="e.g. AB-1042",
                        max_length=CLIENT_REF_MAX,
                        id="client-ref",
                        compact=True,
                    )
            yield Label("Short note (optional) - no names or personal details")
            yield Input(
                self.restore.note if self.restore else "",
                placeholder="e.g. needs wheelchair access",
                max_length=NOTE_MAX,
                id="note",
                compact=True,
            )
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save  Ctrl+S", variant="primary", id="save", compact=True)
                yield Button("Keep it and save  Ctrl+Y", variant="warning", id="save-anyway",
                             compact=True)  # fmt: skip
                yield Button("Back  Esc", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#save-anyway").display = False
        first = "#kind" if not self.unmet else "#needs"
        self.query_one(first).focus()

    def kept_form(self) -> HandoffFormState:
        """The form as typed, for the volunteer to get back after a lock."""
        return HandoffFormState(
            listing=self.listing,
            query=self.query_text,
            kind_index=0 if self.unmet else max(self.query_one("#kind", RadioSet).pressed_index, 0),
            needs=tuple(self.query_one("#needs", SelectionList).selected),
            consent=self.query_one("#consent", Checkbox).value,
            follow_up=self.query_one("#follow-up", Input).value,
            client_ref=self.query_one("#client-ref", Input).value,
            note=self.query_one("#note", Input).value,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_anyway":
            return self.flagged is not None
        return True

    def _free_text(self) -> tuple[str, str]:
        return self.query_one("#note", Input).value, self.query_one("#client-ref", Input).value

    def _kind(self) -> HandoffKind:
        if self.unmet:
            return HandoffKind.UNMET
        pressed = self.query_one("#kind", RadioSet).pressed_index
        return KINDS[max(pressed, 0)]

    def _show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(content((message, "bold $text-error")))
        self.notify(message, severity="error", title="Not saved")

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Save, unless the note or reference holds personal data: then say what it holds."""
        note, client_ref = self._free_text()
        found = personal_data_in(self.desk, {"the note": note, "the client reference": client_ref})
        if found:
            self.flagged = (note, client_ref)
            self.query_one("#save-anyway").display = True
            self.refresh_bindings()
            self._show_error(
                f"Personal data? {explain(found)} Remove it and save, or press Ctrl+Y "
                "to keep it and save."
            )
            return
        self._save()

    @on(Button.Pressed, "#save-anyway")
    def action_save_anyway(self) -> None:
        """The volunteer's deliberate second step: keep what the check found, and save."""
        if self.flagged is None or self.flagged != self._free_text():
            self.action_save()  # the text changed since it was checked: check it again
            return
        self._save()

    def _save(self) -> None:
        needs = tuple(self.query_one("#needs", SelectionList).selected)
        if not needs:
            self._show_error("Choose at least one need.")
            return
        try:
            follow_up = parse_follow_up(
                self.query_one("#follow-up", Input).value, self.desk.today()
            )
            draft = make_draft(
                self.desk,
                kind=self._kind(),
                needs=needs,
                service_id=self.listing.id if self.listing else None,
                consent_to_share=self.query_one("#consent", Checkbox).value,
                follow_up=follow_up,
                note=self.query_one("#note", Input).value,
                client_ref=self.query_one("#client-ref", Input).value,
            )
            saved = record_handoff(self.desk, draft)
        except NavigatorError as error:
            self._show_error(error.message)
            return
        self.dismiss(saved)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submit_from_field(self) -> None:
        self.action_save()
