"""Loading a new directory from inside the app, with a progress bar; the desk stays usable.

The import runs in a thread worker through the same use case as
`navigator catalogue import`; the catalogue changes only if it succeeds.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ProgressBar, Static

from navigator.desk.context import Desk
from navigator.desk.import_catalogue import ImportReport, import_catalogue
from navigator.errors import NavigatorError
from navigator.tui.safe_text import content


class ImportCatalogueScreen(Screen[None]):
    """Type a path, press Enter, watch the bar; Escape goes back."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="import.back")]
    DEFAULT_CSS = """
    ImportCatalogueScreen Vertical { padding: 1 2; height: auto; }
    ImportCatalogueScreen ProgressBar { margin: 1 0; }
    """

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self.running = False

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Vertical():
            yield Static(
                "Load a directory: an HSDS 3.0 JSON file, an HSDS tabular package folder, "
                "or a one-row-per-service spreadsheet (.csv). The current catalogue is "
                "replaced only if the whole file loads.",
                markup=False,
            )
            yield Input(placeholder="Path to the directory file or folder", id="import-path")
            yield ProgressBar(total=None, show_eta=False, id="import-progress")
            yield Static("", id="import-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if not path or self.running:
            return
        self.running = True
        self.query_one("#import-path", Input).disabled = True
        self._status(f"Reading {path}…")
        self.run_import(Path(path).expanduser())

    def _status(self, text: str) -> None:
        self.query_one("#import-status", Static).update(content(text))

    @work(thread=True, exclusive=True, group="import")
    def run_import(self, path: Path) -> None:
        def stage(name: str) -> None:
            self.app.call_from_thread(self._status, f"{name.capitalize()}…")

        def saved(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            report = import_catalogue(self.desk, path, stage=stage, progress=saved)
            stage("indexing")
            _ = self.desk.index  # load the new catalogue here, not on the first keystroke
        except NavigatorError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._done, report)

    def _progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=total or None, progress=done)  # 0: unknown

    def _failed(self, message: str) -> None:
        self.running = False
        self.query_one("#import-path", Input).disabled = False
        self._status(f"Nothing was changed. {message}")
        self.notify(message, title="Import failed", severity="error", markup=False)

    def _done(self, report: ImportReport) -> None:
        self.running = False
        self.query_one("#import-path", Input).disabled = False
        bar = self.query_one(ProgressBar)
        bar.update(total=max(report.services, 1), progress=max(report.services, 1))
        share = 100 * report.services_with_needs / report.services if report.services else 0
        lines = [
            f"Loaded {report.services} services, {report.organizations} organizations, "
            f"{report.locations} locations ({report.format}).",
            f"Services with at least one need: {report.services_with_needs} ({share:.0f}%).",
        ]
        reasons = report.problems.counts_by_reason()
        if reasons:
            lines.append(f"{len(report.problems)} problems (rows or values skipped):")
            lines += [f"  {count:>6}  {reason}" for reason, count in reasons.most_common(8)]
        self._status("\n".join(lines))
        self.notify(f"Catalogue loaded: {report.services} services.", markup=False)
