"""The handoff form: kind, needs, consent, follow-up, note and client reference."""

from __future__ import annotations

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


class HandoffFormScreen(Screen[Handoff | None]):
    """Record what was given; dismisses with the saved handoff, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Back"),
        Binding("i", "kind('info')", "Info", show=False, id="handoff.kind_info"),
        Binding("w", "kind('warm')", "Warm", show=False, id="handoff.kind_warm"),
        Binding("a", "kind('appointment')", "Appointment", show=False, id="handoff.kind_appt"),
        Binding(
            "plus", "follow_up", "Follow-up", key_display="+", show=False, id="handoff.follow_up"
        ),
    ]

    def __init__(self, desk: Desk, *, listing: Listing | None, query: str) -> None:
        super().__init__()
        self.desk = desk
        self.listing = listing
        self.query_text = query

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
                yield Label("Kind of handoff  (I info · W warm · A appointment)")
                with RadioSet(id="kind", compact=True):
                    for i, kind in enumerate(KINDS):
                        yield RadioButton(kind.label, value=i == 0, id=f"kind-{kind.value}")
            yield Label("Needs answered" if not self.unmet else "Needs not met")
            chosen = self._preselected()
            yield SelectionList[str](
                *((need.name, need.code, need.code in chosen) for need in self.desk.lexicon.needs),
                id="needs",
                compact=True,
            )
            yield Checkbox(
                "Client consents to share this with the service", id="consent", compact=True
            )
            with Horizontal(classes="form-row"):
                with Vertical(classes="form-cell"):
                    yield Label("Follow-up date (optional)")
                    yield Input(placeholder="YYYY-MM-DD or +7", id="follow-up", compact=True)
                with Vertical(classes="form-cell"):
                    yield Label("Client reference (optional, never a name)")
                    yield Input(
                        placeholder="e.g. A-1042",
                        max_length=CLIENT_REF_MAX,
                        id="client-ref",
                        compact=True,
                    )
            yield Label("Short note (optional) - no names or personal details")
            yield Input(
                placeholder="e.g. needs wheelchair access",
                max_length=NOTE_MAX,
                id="note",
                compact=True,
            )
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save  Ctrl+S", variant="primary", id="save", compact=True)
                yield Button("Back  Esc", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        first = "#kind" if not self.unmet else "#needs"
        self.query_one(first).focus()

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

    def action_kind(self, value: str) -> None:
        """I, W or A pick the kind from anywhere but a text field (one key, no arrows)."""
        if self.unmet:
            return
        self.query_one(f"#kind-{HandoffKind(value).value}", RadioButton).value = True

    def action_follow_up(self) -> None:
        """'+' starts a follow-up in N days: into the date field with the '+' typed."""
        field = self.query_one("#follow-up", Input)
        field.value = "+"
        field.focus()
        # Focus selects the field's text; put the cursor after the '+' once it has.
        self.call_after_refresh(setattr, field, "cursor_position", len(field.value))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submit_from_field(self) -> None:
        self.action_save()
