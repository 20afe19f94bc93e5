"""Follow-ups due today and overdue; one key records what came of each."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from navigator.desk.context import Desk
from navigator.desk.follow_ups import FollowUp, follow_ups_due, record_outcome
from navigator.domain.follow_up import FollowUpOutcome
from navigator.domain.referral_slip import short_date
from navigator.errors import NavigatorError
from navigator.translation import N_, _
from navigator.tui.keymap import key
from navigator.tui.safe_text import cell, content
from navigator.tui.widgets.desk_footer import DeskFooter


class FollowUpsScreen(Screen[None]):
    BINDINGS = [
        Binding("r", "outcome('reached')", N_("Reached"), id="follow_ups.reached"),
        Binding("n", "outcome('not_reached')", N_("Not reached"), id="follow_ups.not_reached"),
        Binding("u", "outcome('unknown')", N_("Unknown"), id="follow_ups.unknown"),
        Binding("escape", "app.pop_screen", N_("Back"), id="follow_ups.back"),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self.due: list[FollowUp] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="follow-ups-title", markup=False)
        yield DataTable(id="follow-ups-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="follow-ups-hint", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Due"), _("Late"), _("Ref"), _("Service"), _("Needs"), _("Kind"))
        self.refresh_table()
        table.focus()

    def refresh_table(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.due = follow_ups_due(self.desk)
        for item in self.due:
            h = item.handoff
            late = (
                _("today")
                if item.days_overdue == 0
                else _("{days} d").format(days=item.days_overdue)
            )
            table.add_row(
                short_date(item.due, _),
                cell((late, "bold $text-warning" if item.days_overdue else "")),
                cell(h.client_ref or "-"),
                cell(h.service.name if h.service else "-"),
                cell(", ".join(_(self.desk.lexicon.name_of(n)) for n in h.needs)),
                cell(_(h.kind.label)),
                key=str(h.id),
            )
        overdue = sum(1 for item in self.due if item.days_overdue)
        self.query_one("#follow-ups-title", Static).update(
            content(
                (_("Follow-ups due"), "bold"),
                "   " + _("{count} to do").format(count=len(self.due)),
                (_(", {count} overdue").format(count=overdue) if overdue else "", "$text-warning"),
            )
        )
        hint = (
            _(
                "Call the client, then: {reached} reached the service · {not_reached} did not · "
                "{unknown} unknown"
            ).format(
                reached=key(self, "follow_ups.reached"),
                not_reached=key(self, "follow_ups.not_reached"),
                unknown=key(self, "follow_ups.unknown"),
            )
            if self.due
            else _("Nothing due today. Follow-up dates are set on the handoff form.")
        )
        self.query_one("#follow-ups-hint", Static).update(content((hint, "$text-muted")))

    def action_outcome(self, outcome: str) -> None:
        table = self.query_one(DataTable)
        if not self.due or table.cursor_row is None:
            self.notify(_("No follow-up to record."))
            return
        item = self.due[min(table.cursor_row, len(self.due) - 1)]
        try:
            record_outcome(self.desk, item.handoff.id, outcome)
        except NavigatorError as error:
            self.notify(error.translated(_), severity="error", title=_("Not saved"))
            return
        row = table.cursor_row
        self.refresh_table()
        if self.due:
            table.move_cursor(row=min(row, len(self.due) - 1))
        self.notify(_(FollowUpOutcome(outcome).label), title=_("Follow-up recorded"))
