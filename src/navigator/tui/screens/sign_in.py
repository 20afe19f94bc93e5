"""Sign-in: a volunteer's name and PIN before the desk opens (when volunteers exist)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from navigator.desk.context import Desk
from navigator.desk.volunteers import sign_in
from navigator.domain.volunteer import NAME_MAX, PIN_MAX, Volunteer
from navigator.errors import NavigatorError
from navigator.tui.safe_text import content


class SignInScreen(Screen[Volunteer | None]):
    """Dismisses with the volunteer whose PIN matched; there is no way around it but Ctrl+Q."""

    heading = "Sign in"
    explanation = "Type your name and PIN. Every handoff you record carries your name."

    def __init__(self, desk: Desk, *, name: str = "") -> None:
        super().__init__()
        self.desk = desk
        self.prefilled_name = name

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Vertical(id="sign-in"):
            yield Static(self._heading(), id="sign-in-title", markup=False)
            yield Label("Name")
            yield Input(value=self.prefilled_name, max_length=NAME_MAX, id="sign-in-name")
            yield Label("PIN")
            yield Input(password=True, restrict=r"[0-9]*", max_length=PIN_MAX, id="sign-in-pin")
            yield Static("", id="sign-in-error", markup=False)
        yield Footer()

    def _heading(self) -> Content:
        return content((self.heading, "bold"), "\n", (self.explanation, "$text-muted"))

    def on_mount(self) -> None:
        target = "#sign-in-pin" if self.prefilled_name else "#sign-in-name"
        self.query_one(target, Input).focus()

    @on(Input.Submitted, "#sign-in-name")
    def _to_pin(self) -> None:
        self.query_one("#sign-in-pin", Input).focus()

    @on(Input.Submitted, "#sign-in-pin")
    def attempt(self) -> None:
        name = self.query_one("#sign-in-name", Input).value
        pin_field = self.query_one("#sign-in-pin", Input)
        pin, pin_field.value = pin_field.value, ""
        try:
            volunteer = sign_in(self.desk, name, pin)
        except NavigatorError as error:
            self.query_one("#sign-in-error", Static).update(
                content((error.message, "bold $text-error"))
            )
            return
        self.dismiss(volunteer)
