"""The handoff form: kind, needs, consent, follow-up, note and client reference."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
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
from navigator.domain.follow_up import parse_follow_up
from navigator.domain.handoff import CLIENT_REF_MAX, NOTE_MAX, Handoff, HandoffKind
from navigator.errors import NavigatorError
from navigator.translation import N_, _
from navigator.tui.keymap import key
from navigator.tui.safe_text import content
from navigator.tui.screens.confirm_discard import dismiss_after_asking
from navigator.tui.widgets.desk_footer import DeskFooter
from navigator.tui.widgets.form_buttons import form_buttons

KINDS = (HandoffKind.INFO, HandoffKind.WARM, HandoffKind.APPOINTMENT)
SHORT_SCREEN = 32  # lines: below this the form drops its blank lines


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
        Binding("ctrl+s", "save", N_("Save"), priority=True, id="handoff.save"),
        Binding(
            "ctrl+y", "save_anyway", N_("Keep it and save"), priority=True, id="handoff.save_anyway"
        ),
        Binding("escape", "cancel", N_("Back"), id="handoff.back"),
        Binding("i", "kind('info')", N_("Info"), show=False, id="handoff.kind_info"),
        Binding("w", "kind('warm')", N_("Warm"), show=False, id="handoff.kind_warm"),
        Binding("a", "kind('appointment')", N_("Appointment"), show=False, id="handoff.kind_appt"),
        Binding(
            "plus",
            "follow_up",
            N_("Follow-up"),
            key_display="+",
            show=False,
            id="handoff.follow_up",
        ),
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
        self.as_opened: HandoffFormState | None = None  # to tell whether anything was typed

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
        with Vertical(id="form"):
            if self.listing is not None:
                title = content(
                    (_("Handoff to "), "bold"),
                    (self.listing.service.name, "bold $text-accent"),
                    ("  " + self.listing.organization_name, "$text-muted"),
                )
            else:
                title = content(
                    (_("Unmet need"), "bold $text-warning"),
                    (
                        "  " + _("nothing in the catalogue fits: record what was needed"),
                        "$text-muted",
                    ),
                )
            yield Static(title, id="form-title", markup=False)
            if not self.unmet:
                yield Label(
                    _("Kind of handoff  ({info} info · {warm} warm · {appt} appointment)").format(
                        info=key(self, "handoff.kind_info"),
                        warm=key(self, "handoff.kind_warm"),
                        appt=key(self, "handoff.kind_appt"),
                    )
                )
                with RadioSet(id="kind", compact=True):
                    chosen_kind = self.restore.kind_index if self.restore else 0
                    for i, kind in enumerate(KINDS):
                        yield RadioButton(
                            _(kind.label), value=i == chosen_kind, id=f"kind-{kind.value}"
                        )
            yield Label(_("Needs answered") if not self.unmet else _("Needs not met"))
            chosen = set(self.restore.needs) if self.restore else self._preselected()
            yield SelectionList[str](
                *(
                    (_(need.name), need.code, need.code in chosen)
                    for need in self.desk.lexicon.needs
                ),
                id="needs",
                compact=True,
            )
            yield Checkbox(
                _("Client consents to share this with the service"),
                value=self.restore.consent if self.restore else False,
                id="consent",
                compact=True,
            )
            with Horizontal(classes="form-row"):
                with Vertical(classes="form-cell"):
                    yield Label(_("Follow-up date (optional)"))
                    yield Input(
                        self.restore.follow_up if self.restore else "",
                        placeholder=_("YYYY-MM-DD or +7"),
                        id="follow-up",
                        compact=True,
                    )
                with Vertical(classes="form-cell"):
                    yield Label(_("Client ref (optional, never a name)"))
                    yield Input(
                        self.restore.client_ref if self.restore else "",
                        placeholder=_("e.g. AB-1042"),
                        max_length=CLIENT_REF_MAX,
                        id="client-ref",
                        compact=True,
                    )
            yield Label(_("Short note (optional) - no names or personal details"))
            yield Input(
                self.restore.note if self.restore else "",
                placeholder=_("e.g. needs wheelchair access"),
                max_length=NOTE_MAX,
                id="note",
                compact=True,
            )
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield from form_buttons(self, "handoff", ("save", "save-anyway", "cancel"))
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#save-anyway").display = False
        first = "#kind" if not self.unmet else "#needs"
        self.query_one(first).focus()
        self._show_first_chosen_need()
        if self.restore is None:  # a form given back after a lock was typed: always ask
            self.as_opened = self.kept_form()
        self._warn_if_clock_wrong()

    def on_resize(self) -> None:
        """Under 32 lines the fields close up, so Save is in sight without scrolling."""
        self.query_one("#form").set_class(self.size.height < SHORT_SCREEN, "-short")

    def _show_first_chosen_need(self) -> None:
        """The needs already ticked (from the query) are in view, not below the list's fold."""
        needs = self.query_one("#needs", SelectionList)
        chosen = set(needs.selected)
        for index in range(needs.option_count):
            if needs.get_option_at_index(index).value in chosen:
                needs.highlighted = index
                self.call_after_refresh(needs.scroll_to_highlight, top=True)
                return

    def _warn_if_clock_wrong(self) -> None:
        """Before recording: a clock before the newest record would give this one a wrong date."""
        from navigator.desk.clock_check import clock_warning

        warning = clock_warning(self.desk)
        if warning:
            self.notify(
                warning.translated(_), title=_("Check the clock"), severity="warning", markup=False
            )

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
        self.notify(message, severity="error", title=_("Not saved"))

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Save, unless the note or reference holds personal data: then say what it holds."""
        note, client_ref = self._free_text()
        found = personal_data_in(
            self.desk, {N_("the note"): note, N_("the client reference"): client_ref}
        )
        if found:
            self.flagged = (note, client_ref)
            self.query_one("#save-anyway").display = True
            self.refresh_bindings()
            self._show_error(
                _(
                    "Personal data? {found} Remove it and save, or press {key} to keep it and save."
                ).format(found=explain(found, _), key=key(self, "handoff.save_anyway"))
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
            self._show_error(_("Choose at least one need."))
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
            self._show_error(error.translated(_))
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
        """Back; a form with something typed or changed asks before it is thrown away."""
        if self.as_opened is not None and self.kept_form() == self.as_opened:
            self.dismiss(None)
            return
        dismiss_after_asking(self, _("Throw away this handoff? Nothing has been saved."))

    @on(Input.Submitted)
    def _submit_from_field(self) -> None:
        self.action_save()
