"""Today's handoffs at this site, with their sync state. No client details are shown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from navigator.desk.context import Desk
from navigator.desk.todays_log import day_log
from navigator.tui.safe_text import cell, content


class TodaysLogScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("f5", "refresh", "Refresh"),
        Binding("f6", "referral_slip", "Slip"),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="log-title", markup=False)
        yield DataTable(id="log-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Time", "Kind", "Needs", "Service", "Follow-up", "Sync")
        self.action_refresh()
        table.focus()

    def action_refresh(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        today = self.desk.today()
        entries = day_log(self.desk, today)
        zone = self.desk.settings.zone()
        for entry in entries:
            h = entry.handoff
            table.add_row(
                h.recorded_at.astimezone(zone).strftime("%H:%M"),
                cell((h.kind.label, "bold $text-warning" if h.kind.value == "unmet" else "")),
                cell(", ".join(self.desk.lexicon.name_of(n) for n in h.needs)),
                cell(h.service.name if h.service else "-"),
                h.follow_up.isoformat() if h.follow_up else "",
                entry.sync_state,
                key=str(h.id),
            )
        unmet = sum(1 for e in entries if e.handoff.kind.value == "unmet")
        self.query_one("#log-title", Static).update(
            content(
                (f"Today's log - {today:%A %d %B %Y}", "bold"),
                f"   {len(entries)} handoff{'s' if len(entries) != 1 else ''}",
                (f", {unmet} unmet" if unmet else "", "$text-warning"),
            )
        )

    def action_referral_slip(self) -> None:
        """The slip for the highlighted handoff's service (again, for a client who lost it)."""
        from navigator.desk.referral_slip import slip_for_handoff
        from navigator.errors import NavigatorError
        from navigator.tui.screens.referral_slip import ReferralSlipScreen

        table = self.query_one(DataTable)
        if not table.row_count:
            self.notify("No handoff recorded today.")
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        try:
            slip = slip_for_handoff(self.desk, key or "")
        except NavigatorError as error:
            self.notify(error.message, severity="warning")
            return
        self.app.push_screen(ReferralSlipScreen(self.desk, slip))
