"""Asks where to write the day's log and in which format; answers a folder and format, or None."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from navigator.translation import N_, _
from navigator.tui.keymap import key

ExportChoice = tuple[Path, str]


class ExportDialog(ModalScreen[ExportChoice | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="export.cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Label(
                _("Export today's log to folder (Enter to write, {key} to cancel)").format(
                    key=key(self, "export.cancel", short=True)
                ),
                markup=False,
            )
            yield Input(value=str(self.folder), id="export-folder")
            yield Select(
                [(_("CSV, for spreadsheets"), "csv"), (_("JSON Lines, for programs"), "jsonl")],
                value="csv",
                allow_blank=False,
                id="export-format",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        folder = event.value.strip()
        if not folder:
            self.notify(_("Give a folder to export to."), severity="warning")
            return
        fmt = self.query_one("#export-format", Select).value
        self.dismiss((Path(folder).expanduser(), str(fmt)))

    def action_cancel(self) -> None:
        self.dismiss(None)
