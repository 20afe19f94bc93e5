"""Every screen at the two sizes a desk laptop meets: 80x24 (the least) and 120x40."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from textual.widgets import Input

from conftest import FIXED_NOW
from navigator.desk.context import Desk
from navigator.desk.flag_listing import flag_listing
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.search_services import search_services
from navigator.desk.volunteers import add_volunteer
from navigator.tui.app import NavigatorApp
from screen_settle import rows_built

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
Steps = Callable[[Any], Awaitable[None]]


async def _settle(pilot: Any) -> None:
    """Wait for the search the last key started, and for its results on screen.

    The first pause lets the screen handle Input.Changed and start its search worker;
    waiting for workers before that could return before the search had begun, and the
    shot would then catch the previous results (an intermittent mismatch).
    """
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await rows_built(pilot)


def _keys(*keys: str, query: str = "") -> Steps:
    """Put `query` in the search box at once (one search, not one a letter), then press keys."""

    async def run(pilot: Any) -> None:
        await _settle(pilot)
        if query:
            pilot.app.screen.query_one("#query", Input).value = query
            await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)

    return run


def _a_morning_of_handoffs(desk: Desk) -> None:
    """Three handoffs (one unmet), two follow-ups due (one overdue), one flagged listing."""
    shelter = search_services(desk, "shleter")[0].listing.id
    pantry = search_services(desk, "hungry")[0].listing.id
    plan = [
        (-50, {"kind": "warm", "needs": ("housing",), "service_id": shelter, "follow_up": -1}),
        (-1, {"kind": "info", "needs": ("food",), "service_id": pantry, "follow_up": 0}),
        (0, {"kind": "unmet", "needs": ("money", "transport")}),
        (0.5, {"kind": "appointment", "needs": ("food",), "service_id": pantry}),
    ]
    for hours, fields in plan:
        moment = FIXED_NOW + timedelta(hours=hours)
        desk.clock = lambda moment=moment: moment  # type: ignore[misc]
        if "follow_up" in fields:
            fields["follow_up"] = FIXED_NOW.date() + timedelta(days=fields["follow_up"])  # type: ignore[arg-type]
        record_handoff(desk, make_draft(desk, client_ref="A-1042", **fields))  # type: ignore[arg-type]
    desk.clock = lambda: FIXED_NOW
    flag_listing(desk, pantry, "phone")


def _shot(
    snap_compare: Callable[..., bool], desk: Desk, size: tuple[int, int], steps: Steps
) -> bool:
    return snap_compare(NavigatorApp(desk), terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES)
class TestScreens:
    def test_search_hungry_with_a_flagged_listing(
        self, desk: Desk, snap_compare: Callable[..., bool], size: tuple[int, int]
    ) -> None:
        _a_morning_of_handoffs(desk)
        assert _shot(snap_compare, desk, size, _keys(query="hungry"))

    def test_handoff_form(
        self, desk: Desk, snap_compare: Callable[..., bool], size: tuple[int, int]
    ) -> None:
        assert _shot(snap_compare, desk, size, _keys("enter", query="shleter"))

    def test_todays_log(
        self, desk: Desk, snap_compare: Callable[..., bool], size: tuple[int, int]
    ) -> None:
        _a_morning_of_handoffs(desk)
        assert _shot(snap_compare, desk, size, _keys("f2"))

    def test_help(
        self, desk: Desk, snap_compare: Callable[..., bool], size: tuple[int, int]
    ) -> None:
        assert _shot(snap_compare, desk, size, _keys("f1"))

    def test_referral_slip(
        self, desk: Desk, snap_compare: Callable[..., bool], size: tuple[int, int]
    ) -> None:
        assert _shot(snap_compare, desk, size, _keys("ctrl+r", query="shleter"))

    def test_flag_listing(
        self, desk: Desk, snap_compare: Callable[..., bool], size: tuple[int, int]
    ) -> None:
        assert _shot(snap_compare, desk, size, _keys("f7", "down", query="food"))

    def test_follow_ups(
        self, desk: Desk, snap_compare: Callable[..., bool], size: tuple[int, int]
    ) -> None:
        _a_morning_of_handoffs(desk)
        assert _shot(snap_compare, desk, size, _keys("f8"))

    def test_day_summary(
        self, desk: Desk, snap_compare: Callable[..., bool], size: tuple[int, int]
    ) -> None:
        _a_morning_of_handoffs(desk)
        assert _shot(snap_compare, desk, size, _keys("f9"))

    def test_sign_in(
        self, desk: Desk, snap_compare: Callable[..., bool], size: tuple[int, int]
    ) -> None:
        rosa = add_volunteer(desk, "Rosa", "lead", "135790")
        add_volunteer(desk, "Sam", "volunteer", "246801", acting=rosa)
        assert _shot(snap_compare, desk, size, _keys())


@pytest.mark.parametrize("size", SIZES)
class TestSpanish:
    """The desk with `language = "es"`: its own words in Spanish, the listings as written."""

    def test_search(
        self, desk: Desk, snap_compare: Callable[..., bool], size: tuple[int, int]
    ) -> None:
        desk.settings = desk.settings.model_copy(update={"language": "es"})
        assert _shot(snap_compare, desk, size, _keys(query="hungry"))

    def test_handoff_form(
        self, desk: Desk, snap_compare: Callable[..., bool], size: tuple[int, int]
    ) -> None:
        desk.settings = desk.settings.model_copy(update={"language": "es"})
        assert _shot(snap_compare, desk, size, _keys("enter", query="shleter"))

    def test_referral_slip(
        self, desk: Desk, snap_compare: Callable[..., bool], size: tuple[int, int]
    ) -> None:
        desk.settings = desk.settings.model_copy(update={"language": "es"})
        assert _shot(snap_compare, desk, size, _keys("ctrl+r", query="shleter"))


class TestLook:
    """The palette and the theme change no layout: the smallest size is enough."""

    def test_command_palette(self, desk: Desk, snap_compare: Callable[..., bool]) -> None:
        assert _shot(snap_compare, desk, (80, 24), _keys("ctrl+p", *"slip"))

    def test_search_in_high_contrast(self, desk: Desk, snap_compare: Callable[..., bool]) -> None:
        async def contrast_then_search(pilot: Any) -> None:
            pilot.app.theme = "navigator-high-contrast"
            await _keys(query="bus pass")(pilot)

        assert _shot(snap_compare, desk, (80, 24), contrast_then_search)
