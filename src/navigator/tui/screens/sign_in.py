"""Sign-in: a volunteer's name and PIN before the desk opens (when volunteers exist)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Footer, Header, Input, Label, OptionList, Static

from navigator.desk.context import Desk
from navigator.desk.volunteers import list_volunteers, sign_in
from navigator.domain.volunteer import NAME_MAX, PIN_MAX, Volunteer
from navigator.errors import NavigatorError
from navigator.tui.safe_text import content


class SignInScreen(Screen[Volunteer | None]):
    """Dismisses with the volunteer whose PIN matched; there is no way around it but Ctrl+Q.

    The PIN is always masked. Digits typed into the name field go to the PIN field
    (masked), and letters typed into the PIN field go to the name field, so a PIN is
    never shown and nothing typed is silently lost.
    """

    heading = "Sign in"
    explanation = "Type your name, or pick it below, and your PIN."

    def __init__(self, desk: Desk, *, name: str = "") -> None:
        super().__init__()
        self.desk = desk
        self.prefilled_name = name
        self.names = [v.name for v in list_volunteers(desk)]
        # Names with digits are allowed; then digits in the name field stay where typed.
        self._names_hold_digits = any(ch.isdigit() for name in self.names for ch in name)
        self._name_before = name  # the name field before the latest keys

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Vertical(id="sign-in"):
            yield Static(self._heading(), id="sign-in-title", markup=False)
            yield Label("Name")
            yield Input(
                value=self.prefilled_name,
                max_length=NAME_MAX,
                suggester=SuggestFromList(self.names),
                id="sign-in-name",
            )
            yield Label("PIN")
            yield Input(password=True, max_length=PIN_MAX, select_on_focus=False, id="sign-in-pin")
            yield Static("", id="sign-in-error", markup=False)
            if self.names:
                yield Label("Volunteers at this desk")
                yield OptionList(*self.names, id="sign-in-names", markup=False)
        yield Footer()

    def _heading(self) -> Content:
        return content((self.heading, "bold"), "\n", (self.explanation, "$text-muted"))

    def on_mount(self) -> None:
        self.query_one("#sign-in-name", Input).focus()

    def _say(self, message: str, style: str = "bold $text-error") -> None:
        self.query_one("#sign-in-error", Static).update(content((message, style)))

    @on(Input.Changed, "#sign-in-name")
    def _digits_are_a_pin(self) -> None:
        name_field, pin_field = (
            self.query_one("#sign-in-name", Input),
            self.query_one("#sign-in-pin", Input),
        )
        typed = name_field.value  # as it is now: more keys may have come since the event
        if self._names_hold_digits or not any(ch.isdigit() for ch in typed):
            self._name_before = typed
            return
        digits = "".join(ch for ch in typed if ch.isdigit())
        # A PIN typed over the selected name (the lock screen's) leaves the name as it was.
        name_field.value = "".join(ch for ch in typed if not ch.isdigit()) or self._name_before
        pin_field.value = (pin_field.value + digits)[:PIN_MAX]
        pin_field.focus()
        pin_field.cursor_position = len(pin_field.value)
        self._say("Digits go in the PIN field (hidden): carry on typing the PIN.", "$text-muted")

    @on(Input.Changed, "#sign-in-pin")
    def _letters_are_a_name(self) -> None:
        pin_field, name_field = (
            self.query_one("#sign-in-pin", Input),
            self.query_one("#sign-in-name", Input),
        )
        typed = pin_field.value
        letters = "".join(ch for ch in typed if not ch.isdigit())
        if not letters:
            return
        pin_field.value = "".join(ch for ch in typed if ch.isdigit())
        name_field.value += letters
        name_field.select_on_focus = False  # the next letters add to the name, not replace it
        name_field.focus()
        name_field.cursor_position = len(name_field.value)
        self._say("A PIN is digits only: the letters went into the name field.", "$text-muted")

    @on(OptionList.OptionSelected, "#sign-in-names")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#sign-in-name", Input).value = str(event.option.prompt)
        self.query_one("#sign-in-pin", Input).focus()

    @on(Input.Submitted, "#sign-in-name")
    def _to_pin(self) -> None:
        self.query_one("#sign-in-pin", Input).focus()

    @on(Input.Submitted, "#sign-in-pin")
    def attempt(self) -> None:
        name = self.query_one("#sign-in-name", Input).value
        pin_field = self.query_one("#sign-in-pin", Input)
        pin, pin_field.value = pin_field.value, ""
        if not name.strip():
            self._say("Type your name first, or pick it from the list.")
            self.query_one("#sign-in-name", Input).focus()
            return
        try:
            volunteer = sign_in(self.desk, name, pin)
        except NavigatorError as error:
            self._say(error.message)
            return
        self.dismiss(volunteer)
