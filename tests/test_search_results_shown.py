"""The search screen says when results are on screen, so others can wait for it, not guess."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message

from navigator.desk.context import Desk
from navigator.desk.search_services import search_services
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.search import FIRST_PAGE, RESULTS_LIMIT, SearchScreen
from navigator.tui.widgets.result_list import ResultList


def _announcements() -> tuple[list[SearchScreen.ResultsShown], Callable[[Message], None]]:
    """The screen's results announcements, as a list, and the hook that fills it."""
    shown: list[SearchScreen.ResultsShown] = []

    def hook(message: Message) -> None:
        if isinstance(message, SearchScreen.ResultsShown):
            shown.append(message)

    return shown, hook


async def test_each_query_announces_its_results_once_they_are_shown(desk: Desk) -> None:
    shown, hook = _announcements()
    app = NavigatorApp(desk)
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        # Given the desk has shown every service
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown
        assert shown[-1].text == ""
        # When the volunteer types a need
        await pilot.press(*"hungry")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Then the last announcement is for the whole word, with what the list holds
        last = shown[-1]
        assert last.text == "hungry"
        assert last.count == len(app.screen.query_one(ResultList).results) > 0
        assert last.search_ms >= 0


async def test_a_query_lists_the_same_results_as_one_search_for_all_of_them(desk: Desk) -> None:
    # The first page is searched for and drawn first, then the rest: the list ends the
    # same as one search for every result, in the same order, and says how many.
    shown, hook = _announcements()
    app = NavigatorApp(desk)
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await app.workers.wait_for_complete()
        # Given a need many services meet, more than a page of them
        expected = [r.listing.id for r in search_services(desk, "free", limit=RESULTS_LIMIT)]
        assert len(expected) > FIRST_PAGE
        # When the volunteer types it
        await pilot.press(*"free")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Then the list holds them all, in the order of one search, and the status says so
        listed = app.screen.query_one(ResultList)
        assert [r.listing.id for r in listed.results] == expected
        assert shown[-1].text == "free"
        assert shown[-1].count == len(expected)
        assert f"{len(expected)} services" in str(app.screen.query_one("#search-status").render())
