"""A volunteer types before a large catalogue has loaded: the desk waits, then answers."""

from __future__ import annotations

import threading

from textual.widgets import Static

from navigator.desk.context import Desk, IndexLoader
from navigator.desk.search_services import search_services
from navigator.search.index import SearchIndex
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.search import SearchScreen

SIZE = (100, 30)


class SlowLoad:
    """The real catalogue load, held back until released, counting how often it runs."""

    def __init__(self, real: IndexLoader) -> None:
        self.real = real
        self.release = threading.Event()
        self.loads = 0

    def __call__(self, desk: Desk) -> SearchIndex:
        self.loads += 1
        self.release.wait(timeout=30)
        return self.real(desk)


async def test_typing_while_the_catalogue_loads_shows_the_latest_query_once_loaded(
    desk: Desk,
) -> None:
    # Given a desk whose catalogue takes a while to load (as 100,000 services do)
    slow = SlowLoad(desk.index_loader)
    desk.index_loader = slow
    desk.forget_index()
    app = NavigatorApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SearchScreen)
        screen = app.screen
        # When the volunteer types a query, key by key, before it is ready
        await pilot.press(*"food")
        await pilot.pause()
        # Then the desk says it is loading, and nothing crashed
        status = str(screen.query_one("#search-status", Static).render())
        assert "Loading catalogue…" in status
        # When they keep typing and the load then finishes
        await pilot.press(*" pantry")
        slow.release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Then the results are those of the whole query, from a single load
        expected = [r.listing.id for r in search_services(desk, "food pantry")]
        assert screen.last_query == "food pantry"
        assert [r.listing.id for r in screen.results.results] == expected
        assert expected
        status = str(screen.query_one("#search-status", Static).render())
        assert "Loading" not in status
    assert slow.loads == 1


def test_searches_from_many_threads_at_once_share_one_load(desk: Desk) -> None:
    # Given a desk whose catalogue has not been loaded yet
    slow = SlowLoad(desk.index_loader)
    desk.index_loader = slow
    desk.forget_index()
    answers: list[int] = []

    def search() -> None:
        answers.append(len(search_services(desk, "food")))

    # When four searches start together while the load is held back
    threads = [threading.Thread(target=search) for _ in range(4)]
    for thread in threads:
        thread.start()
    assert not desk.index_ready
    slow.release.set()
    for thread in threads:
        thread.join(timeout=30)
    # Then each got its answer, and the catalogue was loaded once
    assert len(answers) == 4
    assert len(set(answers)) == 1
    assert answers[0] > 0
    assert slow.loads == 1
