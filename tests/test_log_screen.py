"""The log screen's export and sync actions, driven like a volunteer at the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from navigator.desk.context import Desk
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.hub.admin import create_hub
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.todays_log import TodaysLogScreen
from sync_helpers import hub_ids


def _status(app: NavigatorApp) -> str:
    return str(app.screen.query_one("#sync-status", Static).render())


async def test_export_action_writes_the_day_to_the_chosen_folder(
    desk: Desk, tmp_path: Path
) -> None:
    record_handoff(desk, make_draft(desk, kind="unmet", needs=("food",)))
    app = NavigatorApp(desk)
    async with app.run_test() as pilot:
        app.action_todays_log()
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        app.screen.query_one("#export-folder", Input).value = str(tmp_path / "usb")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TodaysLogScreen)
    names = sorted(p.name for p in (tmp_path / "usb").iterdir())
    assert names == [
        "handoffs-site-test-2026-11-24.csv",
        "handoffs-site-test-2026-11-24.csv.manifest.json",
    ]


async def test_sync_action_without_a_hub_says_so_and_keeps_records(desk: Desk) -> None:
    record_handoff(desk, make_draft(desk, kind="unmet", needs=("food",)))
    app = NavigatorApp(desk)
    async with app.run_test() as pilot:
        app.action_todays_log()
        await pilot.pause()
        await pilot.press("f7")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Sync failed" in _status(app)


@pytest.mark.slow
async def test_sync_action_sends_records_and_shows_their_new_state(
    desk: Desk, hub_url: str
) -> None:
    create_hub(hub_url)
    desk.settings = desk.settings.model_copy(update={"hub_url": hub_url})
    saved = record_handoff(desk, make_draft(desk, kind="unmet", needs=("food",)))
    app = NavigatorApp(desk)
    async with app.run_test() as pilot:
        app.action_todays_log()
        await pilot.pause()
        await pilot.press("f7")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "1 sent, 0 already there" in _status(app)
        table = app.screen.query_one("#log-table")
        assert table.get_row(str(saved.id))[2] == "acked"  # type: ignore[attr-defined]
    assert hub_ids(hub_url) == {str(saved.id): 1}
