"""The search screen as the ranking tests read it: what a volunteer sees after typing."""

from __future__ import annotations

from navigator.desk.context import Desk
from navigator.search.results import SearchResult
from navigator.tui.app import NavigatorApp
from navigator.tui.widgets.result_list import ResultList


async def shown_after_typing(desk: Desk, keys: str) -> list[SearchResult]:
    """The results the app lists once the volunteer has typed `keys`, key by key, and
    stopped (no Enter; the last word is still being typed unless `keys` ends in a space)."""
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        await pilot.pause()
        return list(app.screen.query_one(ResultList).results)
