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
from textual.widgets import Header, Input, ProgressBar, Static

from navigator.desk.context import Desk
from navigator.desk.import_catalogue import ImportReport, import_catalogue
from navigator.errors import NavigatorError
from navigator.translation import N_, _
from navigator.tui.safe_text import content
from navigator.tui.widgets.desk_footer import DeskFooter

# The stages the importer reports (catalogue/reader.py, desk/import_catalogue.py).
STAGES = (N_("Needs"), N_("Saving"), N_("Indexing"))


class ImportCatalogueScreen(Screen[None]):
    """Type a path, press Enter, watch the bar; Escape goes back."""

    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"), id="import.back")]
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
                _(
                    "Load a directory: an HSDS 3.0 JSON file, an HSDS tabular package folder, "
                    "or a one-row-per-service spreadsheet (.csv). The current catalogue is "
                    "replaced only if the whole file loads."
                ),
                markup=False,
            )
            yield Input(placeholder=_("Path to the directory file or folder"), id="import-path")
            yield ProgressBar(total=None, show_eta=False, id="import-progress")
            yield Static("", id="import-status", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if not path or self.running:
            return
        self.running = True
        self.query_one("#import-path", Input).disabled = True
        self._status(_("Reading {path}…").format(path=path))
        self.run_import(Path(path).expanduser())

    def _status(self, text: str) -> None:
        self.query_one("#import-status", Static).update(content(text))

    @work(thread=True, exclusive=True, group="import")
    def run_import(self, path: Path) -> None:
        def stage(name: str) -> None:
            self.app.call_from_thread(self._status, _(name.capitalize()) + "…")

        def saved(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            report = import_catalogue(self.desk, path, stage=stage, progress=saved)
            stage("indexing")
            self.desk.index  # noqa: B018 - load the new catalogue here, not on the first keystroke
        except NavigatorError as error:
            self.app.call_from_thread(self._failed, error.translated(_))
            return
        self.app.call_from_thread(self._done, report)

    def _progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=total or None, progress=done)  # 0: unknown

    def _failed(self, message: str) -> None:
        self.running = False
        self.query_one("#import-path", Input).disabled = False
        self._status(_("Nothing was changed.") + " " + message)
        self.notify(message, title=_("Import failed"), severity="error", markup=False)

    def _done(self, report: ImportReport) -> None:
        self.running = False
        self.query_one("#import-path", Input).disabled = False
        bar = self.query_one(ProgressBar)
        bar.update(total=max(report.services, 1), progress=max(report.services, 1))
        share = 100 * report.services_with_needs / report.services if report.services else 0
        lines = [
            _(
                "Loaded {services} services, {organizations} organizations, "
                "{locations} locations ({format})."
            ).format(
                services=report.services,
                organizations=report.organizations,
                locations=report.locations,
                format=report.format,
            ),
            _("Services with at least one need: {count} ({share:.0f}%).").format(
                count=report.services_with_needs, share=share
            ),
        ]
        reasons = report.problems.counts_by_reason()
        if reasons:
            lines.append(
                _("{count} problems (rows or values skipped):").format(count=len(report.problems))
            )
            lines += [f"  {count:>6}  {reason}" for reason, count in reasons.most_common(8)]
        self._status("\n".join(lines))
        self.notify(
            _("Catalogue loaded: {count} services.").format(count=report.services), markup=False
        )
