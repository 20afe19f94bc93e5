"""The search filters are reachable from the keyboard on the search screen."""

from __future__ import annotations

import pytest

from navigator.desk.context import Desk
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.search import SearchScreen


async def wait_for_results(app: NavigatorApp, pilot: object) -> SearchScreen:
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    return screen


@pytest.mark.slow
async def test_volunteer_filters_by_need_free_and_age_without_the_mouse(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(140, 40)) as pilot:
        # Given the client said "help" and the volunteer wants free services for a 70-year-old,
        await pilot.press(*"help ")
        # when they press F6, choose a need from the list, tick Free and type an age,
        await pilot.press("f6")
        await pilot.press("enter", "down", "down", "enter")  # open the list, pick Housing
        await pilot.press("tab", "tab", "tab", "space")  # need -> open now -> today -> Free
        await pilot.press("tab", "tab", *"70")  # language -> age
        screen = await wait_for_results(app, pilot)
        # then the search uses every one of those filters,
        assert screen.filters.needs == ("housing",)
        assert screen.filters.free_only
        assert screen.filters.age == 70
        results = screen.results.results
        assert results
        for result in results:
            service = result.listing.service
            assert "housing" in service.needs
            assert service.is_free is True
            assert service.minimum_age is None or service.minimum_age <= 70
        # and F6 again takes them back to the search box.
        await pilot.press("f6")
        assert app.focused is screen.query_one("#query")


@pytest.mark.slow
async def test_f4_and_escape_keep_the_filter_bar_in_step(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f4")
        screen = await wait_for_results(app, pilot)
        assert screen.filters.open_now
        assert screen.query_one("#filter-open-now").value  # type: ignore[attr-defined]
        assert all(r.availability.open_now for r in screen.results.results)
        await pilot.press("escape")
        screen = await wait_for_results(app, pilot)
        assert not screen.filters.active
        assert not screen.query_one("#filter-open-now").value  # type: ignore[attr-defined]
