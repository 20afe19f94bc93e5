"""Everything by keyboard: the command palette finds every screen and action, help lists every
key, and the high-contrast theme is remembered."""

from __future__ import annotations

import re

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Input

from navigator.desk.context import Desk
from navigator.desk.preferences import saved_theme
from navigator.tui.app import NavigatorApp
from navigator.tui.commands import SCREENS as PALETTE_SCREENS
from navigator.tui.commands import NavigatorCommands
from navigator.tui.screens.day_summary import DaySummaryScreen
from navigator.tui.screens.flag_listing import FlagListingScreen
from navigator.tui.screens.follow_ups import FollowUpsScreen
from navigator.tui.screens.handoff_form import HandoffFormScreen
from navigator.tui.screens.help import HelpScreen, help_text
from navigator.tui.screens.referral_slip import ReferralSlipScreen
from navigator.tui.screens.search import SearchScreen
from navigator.tui.screens.todays_log import TodaysLogScreen
from navigator.tui.themes import HIGH_CONTRAST

SIZE = (80, 24)
SCREENS = (
    SearchScreen,
    HandoffFormScreen,
    TodaysLogScreen,
    HelpScreen,
    ReferralSlipScreen,
    FlagListingScreen,
    FollowUpsScreen,
    DaySummaryScreen,
)
NAMED_KEYS = {
    "escape": "Escape",
    "enter": "Enter",
    "up": "Up",
    "down": "Down",
    "pageup": "Page Up",
    "pagedown": "Page Down",
}


def _shown_as(binding: Binding) -> str:
    """How the help shows the key: F6, Ctrl+S, Escape, R, [."""
    if binding.key_display:
        return binding.key_display
    key = binding.key.split(",")[0]
    if key in NAMED_KEYS:
        return NAMED_KEYS[key]
    return "+".join(part.capitalize() if len(part) > 1 else part.upper() for part in key.split("+"))


def _help_keys() -> set[str]:
    keys: set[str] = set()
    for line in help_text(NavigatorApp).splitlines():
        match = re.match(r"^\| ([^|]+) \|", line)
        if match and not match.group(1).startswith(("Key", "---")):
            keys |= {k.strip() for k in re.split(r"[/,]", match.group(1)) if k.strip()}
    return keys


@pytest.mark.parametrize("owner", [NavigatorApp, *SCREENS], ids=lambda c: c.__name__)
def test_help_lists_every_key(owner: type) -> None:
    documented = _help_keys()
    for binding in owner.BINDINGS:
        if isinstance(binding, Binding) and binding.description:
            assert _shown_as(binding) in documented, f"{owner.__name__}: {binding.key}"


async def _palette_run(pilot: object, app: NavigatorApp, words: str) -> None:
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, CommandPalette)
    app.screen.query_one(Input).value = words
    await app.workers.wait_for_complete()
    await pilot.pause(0.3)  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


PALETTE_FINDS = (
    ("follow-ups due", FollowUpsScreen),
    ("day summary", DaySummaryScreen),
    ("referral slip", ReferralSlipScreen),
    ("flag listing", FlagListingScreen),
)


async def test_the_palette_lists_every_screen_and_every_key_of_the_screen(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = NavigatorCommands(app.screen)
        titles = {command.title for command in provider._commands()}
        assert {title for title, _help, _action in PALETTE_SCREENS} <= titles
        for binding in SearchScreen.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                assert (binding.tooltip or binding.description) in titles
        assert {"Help: every key", "Follow-ups due", "Day summary", "Today's log"} <= titles


async def test_the_palette_opens_screens_and_runs_actions(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"food")
        await app.workers.wait_for_complete()
        for words, screen in PALETTE_FINDS:
            await _palette_run(pilot, app, words)
            assert isinstance(app.screen, screen), words
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, SearchScreen)


async def test_palette_goes_back_to_search_from_a_deep_screen(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        await _palette_run(pilot, app, "search for a service")
        assert isinstance(app.screen, SearchScreen)


async def test_high_contrast_is_remembered_for_the_next_start(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme != HIGH_CONTRAST
        await pilot.press("f10")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST
    assert saved_theme(desk) == HIGH_CONTRAST
    again = NavigatorApp(desk)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == HIGH_CONTRAST
        await pilot.press("f10")
        await pilot.pause()
        assert again.theme != HIGH_CONTRAST
    assert saved_theme(desk) != HIGH_CONTRAST


async def test_every_screen_has_a_focused_widget(desk: Desk) -> None:
    """No screen opens with focus nowhere: the keyboard always has a place to act."""
    app = NavigatorApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"food")
        await app.workers.wait_for_complete()
        for key in ("ctrl+r", "f7", "f8", "f9"):
            await pilot.press(key)
            await pilot.pause()
            assert app.focused is not None, f"nothing focused after {key}"
            assert app.focused.has_focus
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, SearchScreen)
