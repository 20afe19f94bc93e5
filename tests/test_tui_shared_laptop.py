"""On screen: open desk on a fresh install, sign-in, Ctrl+L and idle lock clear the client."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from navigator.config import Settings
from navigator.desk.context import OPEN_DESK_VOLUNTEER, Desk
from navigator.desk.todays_log import day_log
from navigator.desk.volunteers import add_volunteer
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.handoff_form import HandoffFormScreen
from navigator.tui.screens.lock import LockScreen, OpenDeskLockScreen
from navigator.tui.screens.search import SearchScreen
from navigator.tui.screens.sign_in import SignInScreen
from navigator.tui.widgets.open_desk_banner import OpenDeskBanner
from navigator.tui.widgets.service_detail import ServiceDetail


def _all_text(app: NavigatorApp) -> str:
    """Everything any screen in the stack could show: static text and field values."""
    parts: list[str] = []
    for screen in app.screen_stack:
        for widget in screen.walk_children():
            if isinstance(widget, Input):
                parts.append(widget.value)
            elif isinstance(widget, Static):
                parts.append(str(widget.render()))
    return "\n".join(parts)


async def test_a_fresh_install_opens_straight_into_the_desk_with_a_banner(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        banner = app.screen.query_one(OpenDeskBanner)
        assert banner.display
        assert "navigator volunteer add" in str(banner.render())


async def test_a_volunteer_signs_in_and_records_under_their_name(desk: Desk) -> None:
    rosa = add_volunteer(desk, "Rosa", "lead", "135790")
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        await pilot.press(*"Rosa", "enter", *"1111", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert "do not match" in _all_text(app)
        await pilot.press(*"135790", "enter")  # the PIN field was emptied and keeps focus
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert not app.screen.query_one(OpenDeskBanner).display
        assert desk.volunteer_id == rosa.id
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, HandoffFormScreen)
        await pilot.press("space", "ctrl+s")  # the first need, then save
        await pilot.pause()
    [entry] = day_log(desk, desk.today())
    assert entry.handoff.volunteer_id == rosa.id


async def test_ctrl_l_clears_every_client_field_and_needs_the_pin(desk: Desk) -> None:
    add_volunteer(desk, "Rosa", "lead", "135790")
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"Rosa", "enter", *"135790", "enter")
        await pilot.pause()
        # Given a volunteer halfway through a client's handoff...
        app.screen.query_one("#query", Input).value = "evicted"
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoffFormScreen)
        app.screen.query_one("#client-ref", Input).value = "Z-7731"
        app.screen.query_one("#note", Input).value = "sleeps in car behind depot"
        detail_before = str(app.screen_stack[1].query_one(ServiceDetail).render())
        # ...when the laptop is locked,
        await pilot.press("ctrl+l")
        await pilot.pause()
        # then nothing of that client is anywhere on any screen.
        assert isinstance(app.screen, LockScreen)
        assert not any(isinstance(s, HandoffFormScreen) for s in app.screen_stack)
        shown = _all_text(app)
        for secret in ("Z-7731", "sleeps in car", "evicted"):
            assert secret not in shown
        assert desk.volunteer_id == OPEN_DESK_VOLUNTEER
        assert detail_before  # the detail pane did show the client's service before
        # A wrong PIN keeps it locked; the right one gives Rosa her form back, on an
        # otherwise empty desk.
        await pilot.press(*"0000", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        await pilot.press(*"135790", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoffFormScreen)
        assert app.screen.query_one("#client-ref", Input).value == "Z-7731"
        search = app.screen_stack[1]
        assert isinstance(search, SearchScreen)
        assert search.query_one("#query", Input).value == ""
    assert day_log(desk, desk.today()) == []  # the half-filled form was not saved


async def test_the_screen_locks_itself_after_idle_minutes(
    db_path: Path, settings: Settings
) -> None:
    from conftest import fixed_clock
    from navigator.desk.context import open_desk

    quick = settings.model_copy(update={"idle_lock_minutes": 1})
    desk = open_desk(db_path, settings=quick, clock=fixed_clock, load_demo=False)
    try:
        app = NavigatorApp(desk)
        seconds = [1000.0]
        app.idle_clock = lambda: seconds[0]  # the idle timer's clock, turned by hand
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press(*"hungry")
            seconds[0] += 61
            app.tick_idle_lock()
            await pilot.pause()
            assert isinstance(app.screen, OpenDeskLockScreen)
            assert "hungry" not in _all_text(app)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, SearchScreen)
    finally:
        desk.close()


def _explode(note: str) -> None:
    client_note = note  # a local that a traceback with locals would print
    raise RuntimeError(f"failed on {client_note}")  # the error's own text quotes it too


async def test_a_crash_in_the_app_is_reported_without_locals(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.app import App

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    secret = "-".join(("Z", "7731"))  # built at run time, so no source line quotes it

    def crash_output(app: NavigatorApp, handler: object) -> str:
        app._exit_renderables.clear()
        try:
            _explode(f"{secret} sleeps in car")
        except RuntimeError:
            handler(app)  # type: ignore[operator]
        return "".join(
            segment.text
            for rendered in app._exit_renderables
            for segment in getattr(rendered, "segments", [])
        )

    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)):
        textual_default = crash_output(app, App._fatal_error)
        ours = crash_output(app, NavigatorApp._fatal_error)
    assert secret in textual_default  # what Textual alone would have printed
    assert "RuntimeError" in ours
    assert "_explode" in ours
    assert secret not in ours
    [report] = list(tmp_path.rglob("crash-*.txt"))
    assert secret not in report.read_text()
