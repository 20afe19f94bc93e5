"""A site lead loads a new directory from inside the app while the desk stays open."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, ProgressBar, Static

from navigator.desk.catalogue_stats import catalogue_stats
from navigator.desk.context import Desk
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.import_catalogue import ImportCatalogueScreen

TEMPLATE = Path(__file__).resolve().parents[1] / "data" / "catalogue_template.csv"


async def test_site_lead_imports_the_coalition_sheet_from_the_app(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, ImportCatalogueScreen)
        app.screen.query_one("#import-path", Input).value = str(TEMPLATE)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#import-status", Static).render())
        assert "Loaded 3 services" in status
        bar = app.screen.query_one(ProgressBar)
        assert bar.percentage == 1
    assert catalogue_stats(desk).services == 3
    assert len(desk.index) == 3


async def test_a_bad_path_in_the_app_changes_nothing_and_says_why(
    desk: Desk, tmp_path: Path
) -> None:
    before = catalogue_stats(desk)
    app = NavigatorApp(desk)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+o")
        app.screen.query_one("#import-path", Input).value = str(tmp_path / "missing.json")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#import-status", Static).render())
        assert "Nothing was changed" in status
        assert "no such file or folder" in status
    assert catalogue_stats(desk) == before
