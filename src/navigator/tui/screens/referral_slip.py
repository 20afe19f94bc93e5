"""The referral slip on screen, with keys to print it or save it as PDF or text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from navigator.desk.context import Desk
from navigator.desk.referral_slip import print_or_save, slip_as_text
from navigator.domain.contact_card import contact_card
from navigator.domain.referral_slip import ReferralSlip
from navigator.errors import NavigatorError
from navigator.printing.qr_code import qr_text
from navigator.translation import N_, _, gettext_for, language_name, next_language
from navigator.tui.keymap import key
from navigator.tui.safe_text import content
from navigator.tui.screens.search import SearchScreen
from navigator.tui.widgets.desk_footer import DeskFooter

ADD_ANOTHER = "add"
# A QR code needs dark modules on a light ground whatever the theme, so these two
# colours are fixed rather than theme variables.
QR_STYLE = "#000000 on #ffffff"


class ReferralSlipScreen(Screen[str | None]):
    """What the client takes away; the text is exactly what the printer gets.

    Dismisses with ADD_ANOTHER when the worker wants one more service on the slip.
    """

    BINDINGS = [
        Binding("p", "print", N_("Print"), id="slip.print"),
        Binding("d", "save_pdf", N_("Save PDF"), id="slip.save_pdf"),
        Binding(
            "l",
            "language",
            N_("Language"),
            tooltip=N_("Print the slip in another language"),
            id="slip.language",
        ),
        Binding(
            "a",
            "add_another",
            N_("Add service"),
            tooltip=N_("Add another service to this slip"),
            id="slip.add_another",
        ),
        Binding("escape", "back", N_("Back"), id="slip.back"),
    ]

    def __init__(
        self,
        desk: Desk,
        slip: ReferralSlip,
        *,
        printer: str | bool | None = True,
        can_add: bool = False,
    ) -> None:
        super().__init__()
        self.desk = desk
        self.slip = slip
        self.printer = printer
        self.can_add = can_add

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="slip-body"):
            yield Static(id="slip-text", markup=False)
            yield Static(id="slip-qr", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#slip-body").focus()

    def _show(self) -> None:
        """The slip's text, then each service's QR code (a contact card for the client's phone)."""
        _ = gettext_for(self.slip.language)  # the slip's language, not the desk's
        self.query_one("#slip-text", Static).update(content(slip_as_text(self.slip)))
        parts: list[Content] = []
        for service in self.slip.services:
            card = contact_card(service, self.slip.day, _)
            parts.append(Content(_("Scan to keep: {name}").format(name=service.name) + "\n"))
            parts.append(Content.styled(qr_text(card), QR_STYLE))
            parts.append(Content("\n\n"))
        self.query_one("#slip-qr", Static).update(Content("").join(parts))

    def _deliver(self, *, pdf: bool) -> None:
        try:
            delivery = print_or_save(self.desk, self.slip, printer=self.printer, pdf=pdf)
        except NavigatorError as error:
            self.notify(error.translated(_), severity="error", title=_("Slip not printed"))
            return
        self.notify(delivery.said(_), title=_("Referral slip"), markup=False)

    def action_print(self) -> None:
        self._deliver(pdf=False)

    def action_save_pdf(self) -> None:
        self._deliver(pdf=True)

    def action_language(self) -> None:
        """The slip's own words in the next shipped language; the listings stay as written."""
        language = next_language(self.slip.language)
        self.slip = self.slip.model_copy(update={"language": language})
        self._show()
        self.notify(
            _("Slip language: {language}").format(language=language_name(language)),
            title=_("Referral slip"),
        )

    def action_add_another(self) -> None:
        if not self.can_add:
            self.notify(
                _(
                    "Open the slip from the search screen ({key}) to put several services on it."
                ).format(key=key(SearchScreen, "search.referral_slip"))
            )
            return
        self.dismiss(ADD_ANOTHER)

    def action_back(self) -> None:
        self.dismiss(None)
