"""After a handoff is saved: say so, and offer its slip at once (P print, D PDF, S show)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from navigator.desk.context import Desk
from navigator.desk.referral_slip import print_or_save, slip_for_handoff
from navigator.domain.handoff import Handoff
from navigator.domain.referral_slip import ReferralSlip, long_date
from navigator.errors import NavigatorError
from navigator.translation import N_, _
from navigator.tui.keymap import key
from navigator.tui.safe_text import content

SHOW_SLIP = "show"


def saved_message(saved: Handoff) -> str:
    """'Saved: Warm handoff by phone - Food Pantry', or 'Saved: Unmet need' (said once)."""
    if saved.service is None:
        return _("Saved: {kind}").format(kind=_(saved.kind.label))
    return _("Saved: {kind} - {service}").format(
        kind=_(saved.kind.label), service=saved.service.name
    )


class HandoffSavedScreen(ModalScreen[str | None]):
    """The confirmation; one key prints or saves the client's slip, any other key goes on.

    Dismisses with SHOW_SLIP when the volunteer wants to see the slip first, else None.
    """

    BINDINGS = [
        Binding("p", "print", N_("Print slip"), id="saved.print"),
        Binding("d", "save_pdf", N_("Save PDF"), id="saved.save_pdf"),
        Binding("s", "show_slip", N_("Show slip"), id="saved.show_slip"),
        Binding("enter,escape", "done", N_("Next client"), id="saved.done"),
    ]

    DEFAULT_CSS = """
    HandoffSavedScreen { align: center middle; }
    #saved-box {
        width: 64; max-width: 100%; height: auto;
        border: round $success; background: $surface; padding: 1 2;
    }
    #saved-keys { margin-top: 1; color: $text-muted; }
    """

    def __init__(self, desk: Desk, saved: Handoff, *, printer: str | bool | None = True) -> None:
        super().__init__()
        self.desk = desk
        self.saved = saved
        self.printer = printer

    @property
    def has_slip(self) -> bool:
        return self.saved.service is not None

    def compose(self) -> ComposeResult:
        with Vertical(id="saved-box"):
            yield Static(content((saved_message(self.saved), "bold $text-success")), markup=False)
            if self.saved.follow_up is not None:
                yield Static(
                    _("Follow-up: {date}").format(date=long_date(self.saved.follow_up, _)),
                    markup=False,
                )
            keys = (
                _(
                    "{print} print the slip · {pdf} save it as PDF · {show} show it · "
                    "{done} next client"
                ).format(
                    print=key(self, "saved.print"),
                    pdf=key(self, "saved.save_pdf"),
                    show=key(self, "saved.show_slip"),
                    done=key(self, "saved.done"),
                )
                if self.has_slip
                else _("{done} next client").format(done=key(self, "saved.done"))
            )
            yield Static(keys, id="saved-keys", markup=False)

    def _slip(self) -> ReferralSlip | None:
        if not self.has_slip:
            return None
        try:
            return slip_for_handoff(self.desk, self.saved.id)
        except NavigatorError as error:
            self.app.notify(error.translated(_), severity="error", title=_("No slip"))
            return None

    def _deliver(self, *, pdf: bool) -> None:
        slip = self._slip()
        if slip is None:
            return
        try:
            delivery = print_or_save(self.desk, slip, printer=self.printer, pdf=pdf)
        except NavigatorError as error:
            self.app.notify(error.translated(_), severity="error", title=_("Slip not printed"))
            return
        self.app.notify(delivery.said(_), title=_("Referral slip"), markup=False)
        self.dismiss(None)

    def action_print(self) -> None:
        self._deliver(pdf=False)

    def action_save_pdf(self) -> None:
        self._deliver(pdf=True)

    def action_show_slip(self) -> None:
        if self.has_slip:
            self.dismiss(SHOW_SLIP)

    def action_done(self) -> None:
        self.dismiss(None)
