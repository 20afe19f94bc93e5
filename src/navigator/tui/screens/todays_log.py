"""Today's handoffs at this site, with their sync state; export the day, sync with the hub.

No client details are shown. Sync runs in a thread worker so the screen stays live.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, ProgressBar, Static

from navigator.desk.context import Desk
from navigator.desk.export_log import default_export_folder, export_day
from navigator.desk.sync_with_hub import SyncResult, sync
from navigator.desk.todays_log import day_log
from navigator.desk.volunteers import require_lead
from navigator.domain.referral_slip import long_date
from navigator.errors import NavigatorError
from navigator.translation import N_, _
from navigator.tui.safe_text import cell, content
from navigator.tui.screens.export_dialog import ExportChoice, ExportDialog
from navigator.tui.widgets.desk_footer import DeskFooter

# The outbox's states as the Sync column shows them (store/outbox_store.py), for the catalogue.
SYNC_STATES = (N_("pending"), N_("acked"), N_("quarantined"))


class TodaysLogScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="log.back"),
        Binding("f5", "refresh", N_("Refresh"), id="log.refresh"),
        Binding("f6", "export", N_("Export day"), id="log.export"),
        Binding("f7", "sync", N_("Sync"), id="log.sync"),
        Binding("ctrl+r", "referral_slip", N_("Slip"), id="log.referral_slip"),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="log-title", markup=False)
        yield DataTable(id="log-table", cursor_type="row", zebra_stripes=True)
        yield ProgressBar(id="sync-progress", show_eta=False)
        yield Static(id="sync-status", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Time"), _("Kind"), _("Sync"), _("Needs"), _("Service"), _("Follow-up"))
        self.query_one("#sync-progress", ProgressBar).display = False
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
                cell((_(h.kind.label), "bold $text-warning" if h.kind.value == "unmet" else "")),
                _(entry.sync_state),  # before the wide columns, so it shows at 80 columns
                cell(", ".join(_(self.desk.lexicon.name_of(n)) for n in h.needs)),
                cell(h.service.name if h.service else "-"),
                h.follow_up.isoformat() if h.follow_up else "",
                key=str(h.id),
            )
        unmet = sum(1 for e in entries if e.handoff.kind.value == "unmet")
        self.query_one("#log-title", Static).update(
            content(
                (_("Today's log - {date}").format(date=long_date(today, _)), "bold"),
                "   "
                + (
                    _("1 handoff")
                    if len(entries) == 1
                    else _("{count} handoffs").format(count=len(entries))
                ),
                (_(", {count} unmet").format(count=unmet) if unmet else "", "$text-warning"),
            )
        )

    def _lead_only(self, what: str) -> bool:
        """Export and sync are for site leads once volunteers exist."""
        try:
            require_lead(self.desk, self.desk.signed_in, what)
        except NavigatorError as error:
            self.notify(
                error.translated(_), title=_("Not allowed"), severity="warning", markup=False
            )
            return False
        return True

    def action_export(self) -> None:
        if not self._lead_only(N_("export the day's log")):
            return
        self.app.push_screen(ExportDialog(default_export_folder()), self._export_to)

    def _export_to(self, choice: ExportChoice | None) -> None:
        if choice is None:
            return
        folder, fmt = choice
        try:
            report = export_day(self.desk, self.desk.today(), folder, fmt)
        except NavigatorError as error:
            self.notify(
                error.translated(_), title=_("Export failed"), severity="error", markup=False
            )
            return
        self.notify(
            _("{count} handoffs written to {path} (manifest beside it)").format(
                count=report.handoffs, path=report.files[0]
            ),
            title=_("Exported"),
            markup=False,
        )

    def action_sync(self) -> None:
        if not self._lead_only(N_("sync with the hub")):
            return
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.query_one("#sync-status", Static).update(_("Syncing with the hub..."))
        self._run_sync()

    @work(thread=True, exclusive=True, group="sync")
    def _run_sync(self) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._show_progress, done, total)

        try:
            result = sync(self.desk, progress=progress)
        except NavigatorError as error:
            self.app.call_from_thread(self._sync_failed, error)
            return
        self.app.call_from_thread(self._sync_done, result)

    def _show_progress(self, done: int, total: int) -> None:
        self.query_one("#sync-progress", ProgressBar).update(total=total, progress=done)
        self.query_one("#sync-status", Static).update(
            _("Sending records: {done} of {total}").format(done=done, total=total)
        )

    def _sync_done(self, result: SyncResult) -> None:
        self.query_one("#sync-progress", ProgressBar).display = False
        summary = ", ".join(part.translated(_) for part in result.summary_parts())
        self.query_one("#sync-status", Static).update(
            _("Last sync: {summary}").format(summary=summary)
        )
        if result.pushed.quarantined:
            self.notify(summary, title=_("Sync finished"), severity="warning", markup=False)
        else:
            self.notify(summary, title=_("Sync finished"), markup=False)
        self.action_refresh()

    def _sync_failed(self, error: NavigatorError) -> None:
        self.query_one("#sync-progress", ProgressBar).display = False
        self.query_one("#sync-status", Static).update(_("Sync failed; records stay pending."))
        self.notify(error.translated(_), title=_("Sync failed"), severity="error", markup=False)

    def action_referral_slip(self) -> None:
        """The slip for the highlighted handoff's service (again, for a client who lost it)."""
        # Lazy: fpdf2 and the slip are ~20% of start-up (python -X importtime); load on use.
        from navigator.desk.referral_slip import slip_for_handoff
        from navigator.tui.screens.referral_slip import ReferralSlipScreen

        table = self.query_one(DataTable)
        if not table.row_count:
            self.notify(_("No handoff recorded today."))
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        try:
            slip = slip_for_handoff(self.desk, key or "")
        except NavigatorError as error:
            self.notify(error.translated(_), severity="warning")
            return
        self.app.push_screen(ReferralSlipScreen(self.desk, slip))
