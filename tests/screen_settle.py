"""Bring a screen to the state a user sees once typing pauses, for snapshots.

The result list builds its first page at once and the rest after a pause in typing
(`REST_AFTER_PAUSE`); a snapshot taken around that moment caught the scroll bar at
either length depending on the machine's load. Tests build the rest themselves.
"""

from __future__ import annotations

from typing import Any

from navigator.tui.widgets.result_list import ResultList


async def rows_built(pilot: Any) -> None:
    """Every result list on the screen stack holds all its rows, and is redrawn."""
    for screen in pilot.app.screen_stack:
        for results in screen.query(ResultList):
            results.build_up_to(len(results.results))
    await pilot.pause()
