"""Before sign-in and while locked, only the sign-in form answers; locking keeps the form.

Every key bound anywhere in the app, and every palette command, is tried from the
sign-in and lock screens: none may show a client reference or record anything.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, SelectionList, Static

import navigator.tui.screens as screens_package
from navigator.desk.context import Desk
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.volunteers import add_volunteer, sign_in, sign_out
from navigator.store.schema import HandoffEventRow, HandoffRow
from navigator.tui.app import NavigatorApp
from navigator.tui.commands import SCREENS
from navigator.tui.screens.flag_listing import FlagListingScreen
from navigator.tui.screens.handoff_form import HandoffFormScreen
from navigator.tui.screens.lock import LockScreen
from navigator.tui.screens.search import SearchScreen
from navigator.tui.screens.sign_in import SignInScreen
from navigator.tui.widgets.idle_warning import IdleWarning

SECRET_REF = "ZQ-7731"
SECRET_NOTE = "sleeps in car behind depot"


def every_screen_class() -> list[type[Screen[object]]]:
    found: list[type[Screen[object]]] = []
    for info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"navigator.tui.screens.{info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Screen) and value.__module__ == module.__name__:
                found.append(value)
    return found


def every_binding() -> list[Binding]:
    bindings = [*NavigatorApp.BINDINGS, *App.BINDINGS]
    for screen in every_screen_class():
        bindings += getattr(screen, "BINDINGS", [])
    return [b for b in bindings if isinstance(b, Binding)]


def every_key() -> list[str]:
    keys = {key.strip() for b in every_binding() for key in b.key.split(",")}
    keys |= {f"f{n}" for n in range(1, 13)} | {"ctrl+p", "tab", "escape", "enter"}
    return sorted(keys - {"ctrl+q"})  # quitting is the one way out, and it shows nothing


def all_text(app: NavigatorApp) -> str:
    """Everything any screen in the stack could show: static text and field values."""
    parts: list[str] = []
    for screen in app.screen_stack:
        for widget in screen.walk_children():
            if isinstance(widget, Input):
                parts.append(widget.value)
            elif isinstance(widget, Static | OptionList):
                parts.append(str(widget.render()))
            elif isinstance(widget, DataTable):
                parts += [str(cell) for key in widget.rows for cell in widget.get_row(key)]
    return "\n".join(parts)


def records(desk: Desk) -> tuple[int, int]:
    with desk.session() as session:
        handoffs = session.scalar(select(func.count()).select_from(HandoffRow)) or 0
        events = session.scalar(select(func.count()).select_from(HandoffEventRow)) or 0
    return handoffs, events


@pytest.fixture
def staffed_desk(desk: Desk) -> Desk:
    """Rosa (lead, PIN 135790) and Sam (PIN 1357); a handoff with a follow-up due today."""
    add_volunteer(desk, "Rosa", "lead", "135790")
    add_volunteer(desk, "Sam", "volunteer", "1357", acting=sign_in(desk, "Rosa", "135790"))
    record_handoff(
        desk,
        make_draft(
            desk,
            kind="unmet",
            needs=("housing",),
            follow_up=desk.today(),
            client_ref=SECRET_REF,
            note=SECRET_NOTE,
        ),
    )
    sign_out(desk)
    return desk


def assert_only_sign_in_answers(app: NavigatorApp, desk: Desk, before: tuple[int, int]) -> None:
    assert isinstance(app.screen, SignInScreen), app.screen
    assert not any(isinstance(s, CommandPalette) for s in app.screen_stack)
    assert [type(s) for s in app.screen_stack[1:-1]] == [SearchScreen]
    shown = all_text(app)
    assert SECRET_REF not in shown
    assert SECRET_NOTE not in shown
    assert records(desk) == before
    assert desk.signed_in is None


async def run_every_palette_command(app: NavigatorApp, desk: Desk) -> None:
    before = records(desk)
    assert list(app.get_system_commands(app.screen)) == []
    for _title, _help, action in SCREENS:
        await app.run_action(action)
    for binding in every_binding():
        if binding.action not in {"quit", "app.quit"}:
            await app.run_action(binding.action)
            await app.run_action(binding.action, app.screen_stack[1])
    await app.run_action("command_palette")
    assert_only_sign_in_answers(app, desk, before)


@pytest.mark.parametrize("how", ["at start", "after ctrl+l"])
async def test_only_the_sign_in_form_answers(staffed_desk: Desk, how: str) -> None:
    desk = staffed_desk
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if how == "after ctrl+l":
            await pilot.press(*"Rosa", "enter", *"135790", "enter")
            await pilot.pause()
            assert desk.signed_in is not None
            await pilot.press("f8")  # the follow-ups list, showing the reference
            await pilot.pause()
            assert SECRET_REF in all_text(app)
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert isinstance(app.screen, LockScreen)
        before = records(desk)
        # When every key bound anywhere is pressed, one at a time...
        for key in every_key():
            await pilot.press(key)
            await pilot.pause()
            # ...then after each, only the sign-in form is there and nothing was recorded.
            assert_only_sign_in_answers(app, desk, before)
        # and every palette command, run as the palette would run it, does nothing either.
        await run_every_palette_command(app, desk)
        # Signing in opens the desk as before: the keys were held back, not broken.
        name = app.screen.query_one("#sign-in-name", Input)
        name.value = "Sam"
        app.screen.query_one("#sign-in-pin", Input).focus()
        await pilot.press(*"1357", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("f8")
        await pilot.pause()
        assert SECRET_REF in all_text(app)


async def test_nothing_writes_the_screen_to_disk(
    staffed_desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert not any("screenshot" in b.action for b in every_binding())
    app = NavigatorApp(staffed_desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"Rosa", "enter", *"135790", "enter")
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles
        assert "Theme" in titles  # the rest of Textual's palette stays
        assert not await app.run_action("screenshot")
        await pilot.pause(0.3)
    assert list(tmp_path.rglob("*.svg")) == []


# --- the sign-in form -------------------------------------------------------------------


async def test_sign_in_starts_on_the_name_and_keeps_the_pin_masked(staffed_desk: Desk) -> None:
    app = NavigatorApp(staffed_desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SignInScreen)
        assert app.focused is screen.query_one("#sign-in-name", Input)
        assert screen.query_one("#sign-in-pin", Input).password
        # The names can be picked from a list.
        names = screen.query_one("#sign-in-names", OptionList)
        assert [str(names.get_option_at_index(i).prompt) for i in range(2)] == ["Rosa", "Sam"]
        names.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.query_one("#sign-in-name", Input).value == "Sam"
        assert app.focused is screen.query_one("#sign-in-pin", Input)
        await pilot.press(*"1357", "enter")
        await pilot.pause()
        assert staffed_desk.signed_in is not None
        assert staffed_desk.signed_in.name == "Sam"


async def test_a_pin_typed_into_the_name_field_goes_masked_into_the_pin(
    staffed_desk: Desk,
) -> None:
    # The story: locked after Rosa, Sam types "sam", Tab, "1357".
    app = NavigatorApp(staffed_desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"Rosa", "enter", *"135790", "enter")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LockScreen)
        name = screen.query_one("#sign-in-name", Input)
        pin = screen.query_one("#sign-in-pin", Input)
        assert name.value == "Rosa"
        assert app.focused is name  # not the PIN field, which would swallow letters
        await pilot.press(*"sam", "tab")
        await pilot.pause()
        assert app.focused is pin
        await pilot.press(*"1357")
        await pilot.pause()
        assert (name.value, pin.value) == ("sam", "1357")
        await pilot.press("shift+tab")
        assert app.focused is name
        # Had the digits gone into the name field, they move to the masked PIN field;
        # letters typed in the PIN field move to the name field.
        name.value, pin.value = "", ""
        name.focus()
        await pilot.press(*"sam", *"1357")
        await pilot.pause()
        assert (name.value, pin.value) == ("sam", "1357")
        pin.value = ""
        pin.focus()
        await pilot.press(*"ue")
        await pilot.pause()
        assert (name.value, pin.value) == ("samue", "")
        assert not any(ch.isdigit() for ch in name.value)


async def test_rosa_types_her_pin_straight_away_on_the_lock_screen(staffed_desk: Desk) -> None:
    app = NavigatorApp(staffed_desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"Rosa", "enter", *"135790", "enter")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press(*"135790", "enter")  # over her selected name
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert staffed_desk.signed_in is not None
        assert staffed_desk.signed_in.name == "Rosa"


# --- locking keeps work -------------------------------------------------------------------


async def fill_unmet_form(app: NavigatorApp, pilot: object) -> HandoffFormScreen:
    await pilot.press("f3")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    form = app.screen
    assert isinstance(form, HandoffFormScreen)
    form.query_one("#needs", SelectionList).select("housing")
    form.query_one("#client-ref", Input).value = "KW-2044"
    form.query_one("#note", Input).value = "prefers a bunk by the window"
    form.query_one("#follow-up", Input).value = "+3"
    return form


async def test_locking_keeps_the_form_for_the_volunteer_who_typed_it(
    staffed_desk: Desk,
) -> None:
    desk = staffed_desk
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"Rosa", "enter", *"135790", "enter")
        await pilot.pause()
        form = await fill_unmet_form(app, pilot)
        needs = form.kept_form().needs
        await pilot.press("ctrl+l")
        await pilot.pause()
        # Locked: the form is on no screen, and not in the database either.
        assert "KW-2044" not in all_text(app)
        assert "bunk by the window" not in all_text(app)
        for path in desk.db_path.parent.iterdir():
            assert b"bunk by the window" not in path.read_bytes()
        await pilot.press(*"135790", "enter")
        await pilot.pause()
        back = app.screen
        assert isinstance(back, HandoffFormScreen)
        assert back.kept_form().needs == needs
        assert back.query_one("#client-ref", Input).value == "KW-2044"
        assert back.query_one("#note", Input).value == "prefers a bunk by the window"
        assert back.query_one("#follow-up", Input).value == "+3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
    assert records(desk)[0] == 2


async def test_anyone_else_unlocks_to_an_empty_desk(staffed_desk: Desk) -> None:
    desk = staffed_desk
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"Rosa", "enter", *"135790", "enter")
        await pilot.pause()
        await fill_unmet_form(app, pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press(*"Sam", "tab", *"1357", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert "KW-2044" not in all_text(app)
        # and Rosa's form is gone for good, not waiting for her.
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press(*"Rosa", "tab", *"135790", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
    assert records(desk)[0] == 1


async def test_locking_keeps_a_half_written_flag_too(staffed_desk: Desk) -> None:
    app = NavigatorApp(staffed_desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"Rosa", "enter", *"135790", "enter")
        await pilot.pause()
        await pilot.press(*"food")
        await pilot.pause(0.3)
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, FlagListingScreen)
        app.screen.query_one("#flag-note", Input).value = "only open Saturdays now"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "only open Saturdays" not in all_text(app)
        await pilot.press(*"135790", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FlagListingScreen)
        assert app.screen.query_one("#flag-note", Input).value == "only open Saturdays now"


# --- the idle lock's countdown -------------------------------------------------------------


async def test_the_idle_lock_counts_down_and_any_key_postpones_it(staffed_desk: Desk) -> None:
    app = NavigatorApp(staffed_desk)
    seconds = [5000.0]
    app.idle_clock = lambda: seconds[0]
    limit = staffed_desk.settings.idle_lock_minutes * 60

    async def wait(delta: timedelta) -> None:
        seconds[0] += delta.total_seconds()
        app.tick_idle_lock()
        await pilot.pause()

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"Rosa", "enter", *"135790", "enter")
        await pilot.pause()
        await wait(timedelta(seconds=limit - 31))
        assert not app.screen.query(IdleWarning)
        await wait(timedelta(seconds=6))
        [warning] = app.screen.query(IdleWarning)
        assert "Locking in 25 s" in str(warning.render())
        await wait(timedelta(seconds=5))
        assert "Locking in 20 s" in str(warning.render())
        await pilot.press("x")  # any key
        await pilot.pause()
        assert not app.screen.query(IdleWarning)
        await wait(timedelta(seconds=limit - 1))
        assert isinstance(app.screen, SearchScreen)  # a key starts the minutes again
        assert app.screen.query(IdleWarning)
        await wait(timedelta(seconds=1))
        assert isinstance(app.screen, LockScreen)
        assert not any(s.query(IdleWarning) for s in app.screen_stack)
