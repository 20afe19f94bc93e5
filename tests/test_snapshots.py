"""Snapshots of the key screens at 100x30 (pytest-textual-snapshot)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from navigator.desk.context import Desk
from navigator.tui.app import NavigatorApp
from screen_settle import rows_built

SIZE = (100, 30)


async def _wait(pilot: Any) -> None:
    await pilot.pause()  # the screen starts its search worker on Input.Changed; then wait
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await rows_built(pilot)


class TestSearchScreen:
    def test_hungry(self, desk: Desk, snap_compare: Callable[..., bool]) -> None:
        async def type_need(pilot: Any) -> None:
            await pilot.press(*"hungry")
            await _wait(pilot)

        assert snap_compare(NavigatorApp(desk), terminal_size=SIZE, run_before=type_need)


class TestHandoffForm:
    def test_for_a_shelter(self, desk: Desk, snap_compare: Callable[..., bool]) -> None:
        async def open_form(pilot: Any) -> None:
            await pilot.press(*"shleter")
            await _wait(pilot)
            await pilot.press("enter")
            await _wait(pilot)

        assert snap_compare(NavigatorApp(desk), terminal_size=SIZE, run_before=open_form)
