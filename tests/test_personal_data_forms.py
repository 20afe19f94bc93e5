"""On screen: the handoff and flag forms name the personal data they find before saving."""

from __future__ import annotations

from textual.widgets import Input, SelectionList, Static

from navigator.desk.context import Desk
from navigator.desk.flag_listing import flagged_listings
from navigator.desk.todays_log import day_log
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.flag_listing import FlagListingScreen
from navigator.tui.screens.handoff_form import HandoffFormScreen
from navigator.tui.screens.search import SearchScreen

ISSUE_NOTE = "Maria Lopez, 12 Oak St, SSN 123-45-6789, dob 3/4/85"


async def open_unmet_form(app: NavigatorApp, pilot: object) -> HandoffFormScreen:
    await pilot.press("f3")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    form = app.screen
    assert isinstance(form, HandoffFormScreen)
    form.query_one("#needs", SelectionList).select("housing")
    return form


def error_text(form: HandoffFormScreen) -> str:
    return str(form.query_one("#form-error", Static).render())


async def test_the_form_names_what_it_found_and_saves_only_when_told_twice(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_unmet_form(app, pilot)
        form.query_one("#note", Input).value = ISSUE_NOTE
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Not saved: the form says what it holds, in a volunteer's words.
        assert app.screen is form
        said = error_text(form)
        for kind in ("street address", "social security number", "date of birth"):
            assert kind in said
        assert "note" in said
        assert day_log(desk, desk.today()) == []
        # Ctrl+S again does not wave it through; the deliberate Ctrl+Y does.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
    [entry] = day_log(desk, desk.today())
    assert entry.handoff.note == ISSUE_NOTE


async def test_removing_what_was_found_saves_at_once(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_unmet_form(app, pilot)
        form.query_one("#note", Input).value = "call her on 305-555-1234"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "phone number" in error_text(form)
        form.query_one("#note", Input).value = "family of five, no beds"
        # Ctrl+Y checks the changed text again rather than trusting the old answer.
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
    [entry] = day_log(desk, desk.today())
    assert entry.handoff.note == "family of five, no beds"


async def test_a_phone_number_as_client_reference_is_never_saved(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_unmet_form(app, pilot)
        form.query_one("#client-ref", Input).value = "305-555-1234"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "client reference holds a phone number" in error_text(form)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.screen is form
        assert error_text(form).startswith("Client reference: use a code such as AB-1042")
        assert "client_ref" not in error_text(form)
    assert day_log(desk, desk.today()) == []


async def test_a_flag_note_is_checked_too(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"food")
        await pilot.pause(0.3)
        await pilot.press("f7")
        await pilot.pause()
        flag = app.screen
        assert isinstance(flag, FlagListingScreen)
        flag.query_one("#flag-note", Input).value = "owner says write to maria@example.com"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is flag
        assert "e-mail address" in str(flag.query_one("#flag-error", Static).render())
        assert flagged_listings(desk) == {}
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
    assert len(flagged_listings(desk)) == 1
