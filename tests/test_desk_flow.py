"""A volunteer at the desk, driven through the app with Textual's Pilot."""

from __future__ import annotations

from sqlalchemy import text
from textual.widgets import DataTable, Input, Static

from navigator.desk.context import Desk
from navigator.desk.todays_log import day_log
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.handoff_form import HandoffFormScreen
from navigator.tui.screens.handoff_saved import HandoffSavedScreen
from navigator.tui.screens.help import HelpScreen
from navigator.tui.screens.search import SearchScreen
from navigator.tui.screens.todays_log import TodaysLogScreen
from navigator.tui.widgets.result_list import ResultList

SIZE = (100, 30)


async def settle(pilot: object) -> None:
    """Let the search worker finish and the screen update."""
    app = pilot.app  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_volunteer_finds_food_and_records_a_warm_handoff(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        # Given the client says they are hungry
        await pilot.press(*"hungry")
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        assert results.results, "no results for 'hungry'"
        top3 = results.results[:3]
        assert all("food" in r.listing.service.needs for r in top3)
        # When the volunteer picks the second result and records a warm handoff
        await pilot.press("down")
        chosen = results.current
        assert chosen is not None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoffFormScreen)
        form = app.screen
        await pilot.press("right")  # kind: warm handoff by phone
        await pilot.press("space")
        form.query_one("#client-ref", Input).value = "A-1042"
        form.query_one("#note", Input).value = "call back Friday"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # Then the confirmation offers the slip, and Enter goes on to the next client
        assert isinstance(app.screen, HandoffSavedScreen)
        await pilot.press("enter")
        await settle(pilot)
        # On a clean search screen
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query", Input).value == ""
        # And the record is in today's log and in the database
        entries = day_log(desk)
        assert len(entries) == 1
        saved = entries[0].handoff
        assert saved.kind.value == "warm"
        assert saved.needs == ("food",)
        assert saved.service is not None
        assert saved.service.id == chosen.listing.id
        assert saved.client_ref == "A-1042"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, TodaysLogScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert str(saved.id) in [row.value for row in table.rows]
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)
    with desk.engine.connect() as connection:
        row = connection.execute(
            text("SELECT kind, service_id FROM handoff WHERE id = :id"), {"id": str(saved.id)}
        ).one()
    assert tuple(row) == ("warm", chosen.listing.id)


async def test_volunteer_records_unmet_need(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"car repair loan")
        await settle(pilot)
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, HandoffFormScreen)
        assert app.screen.unmet
        app.screen.query_one("#note", Input).value = "needs $400 for a transmission"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
    [entry] = day_log(desk)
    assert entry.handoff.kind.value == "unmet"
    assert entry.handoff.service is None
    assert "money" in entry.handoff.needs
    assert entry.handoff.note == "needs $400 for a transmission"


async def test_a_name_as_client_reference_is_refused_on_screen(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"shleter")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        form.query_one("#client-ref", Input).value = "Maria Lopez"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HandoffFormScreen)
        error = str(app.screen.query_one("#form-error", Static).render())
        assert "never a name" in error
    assert day_log(desk) == []


async def test_escape_goes_back_and_clears_the_last_client(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"evicted")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query", Input).value == "evicted"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#query", Input).value == ""
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)
    assert day_log(desk) == []


async def test_typing_shleter_lists_shelters_first(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"shleter")
        await settle(pilot)
        top = app.screen.query_one(ResultList).results[0]
        assert "shelter" in top.listing.service.name.lower()
        assert "housing" in top.listing.service.needs
