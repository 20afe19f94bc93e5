"""Full garbage collections wait for a pause in typing (they took 30-60 ms on Miami, in
whichever keystroke was being drawn), and Python's own settings come back at exit."""

from __future__ import annotations

import gc

from navigator.desk.context import Desk
from navigator.tui.app import NavigatorApp


def _full_collections() -> int:
    return int(gc.get_stats()[2]["collections"])


async def test_a_full_collection_waits_for_a_pause_in_typing(desk: Desk) -> None:
    before = gc.get_threshold()
    app = NavigatorApp(desk)
    seconds = [1000.0]
    app.idle_clock = lambda: seconds[0]  # the idle clock, turned by hand
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        # While the desk is open, Python's automatic full collections are rarer
        assert gc.get_threshold()[2] > before[2]
        # Given a volunteer typing, with half a second between keys
        await pilot.press("h")
        seconds[0] += 0.5
        collections = _full_collections()
        app._garbage.tick()
        # Then no full collection comes between keys
        assert _full_collections() == collections
        # When a second passes without a key
        seconds[0] += 0.5
        app._garbage.tick()
        # Then one runs, and only one until the next key
        assert _full_collections() == collections + 1
        seconds[0] += 5
        app._garbage.tick()
        assert _full_collections() == collections + 1
    # And once the app has gone, Python collects as it did before
    assert gc.get_threshold() == before
