"""Sign-in: a volunteer's name and PIN before the desk opens (when volunteers exist)."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Header, Input, Label, OptionList, Static

from navigator.desk.context import Desk
from navigator.desk.volunteers import list_volunteers, sign_in
from navigator.domain.volunteer import NAME_MAX, PIN_MAX, Volunteer
from navigator.errors import NavigatorError
from navigator.translation import N_, _
from navigator.tui.safe_text import content
from navigator.tui.widgets.desk_footer import DeskFooter


class SignInField(Input):
    """A sign-in field that hands a key meant for the other field over to it."""

    async def _on_key(self, event: events.Key) -> None:
        screen = self.screen
        if (
            event.is_printable
            and event.character
            and isinstance(screen, SignInScreen)
            and screen.redirect(event.character, self)
        ):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)


class SignInScreen(Screen[Volunteer | None]):
    """Dismisses with the volunteer whose PIN matched; there is no way around it but Ctrl+Q.

    The PIN is always masked. Digits typed into the name field go to the PIN field
    (masked), and letters typed into the PIN field go to the name field, so a PIN is
    never shown and nothing typed is silently lost.
    """

    heading = N_("Sign in")
    explanation = N_("Type your name, or pick it below, and your PIN.")

    def __init__(self, desk: Desk, *, name: str = "") -> None:
        super().__init__()
        self.desk = desk
        self.prefilled_name = name
        self.names = [v.name for v in list_volunteers(desk)]
        # Names with digits are allowed; then digits in the name field stay where typed.
        self._names_hold_digits = any(ch.isdigit() for name in self.names for ch in name)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Vertical(id="sign-in"):
            yield Static(self._heading(), id="sign-in-title", markup=False)
            yield Label(_("Name"))
            yield SignInField(
                value=self.prefilled_name,
                max_length=NAME_MAX,
                suggester=SuggestFromList(self.names),
                id="sign-in-name",
            )
            yield Label(_("PIN"))
            yield SignInField(
                password=True, max_length=PIN_MAX, select_on_focus=False, id="sign-in-pin"
            )
            yield Static("", id="sign-in-error", markup=False)
            if self.names:
                yield Label(_("Volunteers at this desk"))
                yield OptionList(*self.names, id="sign-in-names", markup=False)
        yield DeskFooter()

    def _heading(self) -> Content:
        return content((_(self.heading), "bold"), "\n", (_(self.explanation), "$text-muted"))

    def on_mount(self) -> None:
        self.query_one("#sign-in-name", Input).focus()

    def _say(self, message: str, style: str = "bold $text-error") -> None:
        self.query_one("#sign-in-error", Static).update(content((message, style)))

    def redirect(self, character: str, source: Input) -> bool:
        """A digit typed in the name goes to the PIN (masked); a letter typed in the PIN
        goes to the name. Done as the key arrives, without moving the focus, so the order
        of keys is kept however fast they come (Tab moves the focus as usual)."""
        name_field = self.query_one("#sign-in-name", Input)
        pin_field = self.query_one("#sign-in-pin", Input)
        if source is name_field and character.isdigit() and not self._names_hold_digits:
            pin_field.insert(character, len(pin_field.value))
            self._say(
                _("Digits go in the PIN field (hidden): carry on typing the PIN."), "$text-muted"
            )
            return True
        if source is pin_field and not character.isdigit():
            if name_field.value == self.prefilled_name:  # untouched: someone else's name
                name_field.value = ""
            name_field.insert(character, len(name_field.value))
            self._say(_("A PIN is digits only: letters go in the name field."), "$text-muted")
            return True
        return False

    @on(OptionList.OptionSelected, "#sign-in-names")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#sign-in-name", Input).value = str(event.option.prompt)
        self.query_one("#sign-in-pin", Input).focus()

    @on(Input.Submitted, "#sign-in-name")
    def _to_pin(self) -> None:
        if self.query_one("#sign-in-pin", Input).value:  # the PIN was typed here already
            self.attempt()
        else:
            self.query_one("#sign-in-pin", Input).focus()

    @on(Input.Submitted, "#sign-in-pin")
    def attempt(self) -> None:
        name = self.query_one("#sign-in-name", Input).value
        pin_field = self.query_one("#sign-in-pin", Input)
        pin, pin_field.value = pin_field.value, ""
        if not name.strip():
            self._say(_("Type your name first, or pick it from the list."))
            self.query_one("#sign-in-name", Input).focus()
            return
        try:
            volunteer = sign_in(self.desk, name, pin)
        except NavigatorError as error:
            self._say(error.translated(_))
            return
        self.dismiss(volunteer)
