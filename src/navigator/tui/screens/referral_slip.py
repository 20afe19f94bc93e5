"""The referral slip on screen, with keys to print it or save it as PDF or text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from navigator.desk.context import Desk
from navigator.desk.referral_slip import print_or_save
from navigator.domain.referral_slip import ReferralSlip, slip_text
from navigator.errors import NavigatorError
from navigator.tui.safe_text import content


class ReferralSlipScreen(Screen[None]):
    """What the client takes away; the text is exactly what the printer gets."""

    BINDINGS = [
        Binding("p", "print", "Print"),
        Binding("d", "save_pdf", "Save PDF"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, desk: Desk, slip: ReferralSlip, *, printer: str | bool | None = True):
        super().__init__()
        self.desk = desk
        self.slip = slip
        self.printer = printer

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="slip-body"):
            yield Static(content(slip_text(self.slip)), id="slip-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#slip-body").focus()

    def _deliver(self, *, pdf: bool) -> None:
        try:
            delivery = print_or_save(self.desk, self.slip, printer=self.printer, pdf=pdf)
        except NavigatorError as error:
            self.notify(error.message, severity="error", title="Slip not printed")
            return
        self.notify(delivery.message, title="Referral slip")

    def action_print(self) -> None:
        self._deliver(pdf=False)

    def action_save_pdf(self) -> None:
        self._deliver(pdf=True)
