"""The small things at a busy desk: an undated directory said once, the footer whole at
120 columns, Save in sight at 80x24, a filled form never lost to one Escape, and the
needs the query named in view."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, Label, SelectionList, Static

from navigator.catalogue.demo import demo_catalogue_path
from navigator.catalogue.reader import read_catalogue
from navigator.desk.context import Desk
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.confirm_discard import ConfirmDiscardScreen
from navigator.tui.screens.handoff_form import HandoffFormScreen
from navigator.tui.screens.search import UNDATED, SearchScreen
from navigator.tui.widgets.service_detail import ServiceDetail


def _undated(desk: Desk) -> None:
    """The demo directory as Miami 211 exports it: not one verification date."""
    catalogue = read_catalogue(demo_catalogue_path()).catalogue
    services = tuple(s.model_copy(update={"last_verified": None}) for s in catalogue.services)
    desk.rebuild_index(catalogue.model_copy(update={"services": services}))


def _rows(screen: SearchScreen) -> list[str]:
    return [str(screen.results.get_option_at_index(i).prompt) for i in range(3)]


async def test_an_undated_directory_is_said_once_not_on_every_row(desk: Desk) -> None:
    # Given a directory with no verification dates at all
    _undated(desk)
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"hungry")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        # Then the status bar says it once, and no row or detail calls a listing stale
        assert UNDATED in str(screen.query_one("#search-status", Static).render())
        assert not any("stale" in row for row in _rows(screen))
        assert "Stale listing" not in str(screen.query_one(ServiceDetail).render())


async def test_a_genuinely_stale_listing_stays_marked(desk: Desk) -> None:
    # Given the demo directory, which dates its listings, one of them checked in 2023
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"developmental disabilities")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        # Then that row is marked stale and the status bar has no directory-wide line
        assert any("stale listing" in row for row in _rows(screen))
        assert UNDATED not in str(screen.query_one("#search-status", Static).render())


async def test_the_footer_is_whole_at_120_columns_in_english_and_spanish(desk: Desk) -> None:
    for language in ("en", "es"):
        desk.settings = desk.settings.model_copy(update={"language": language})
        app = NavigatorApp(desk)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            keys = list(app.screen.query("FooterKey"))
            assert keys, "the footer shows keys"
            # Every key fits: the last one ends inside the screen, and help comes first
            assert max(key.region.right for key in keys) <= 120, language
            assert keys[0].action.endswith("help")


async def test_the_form_at_80x24_has_every_label_readable_and_save_in_sight(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"bus pass")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, HandoffFormScreen)
        save = form.query_one("#save", Button)
        # Save is on screen without scrolling, above the footer
        assert save.region.height > 0
        assert save.region.bottom <= 23
        for label in form.query(Label):
            text = str(label.render())
            assert len(text) <= label.region.width, f"cut: {text!r}"


async def test_escape_on_a_filled_form_asks_first(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"hungry")
        await app.workers.wait_for_complete()
        # Given a form with a note typed
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, HandoffFormScreen)
        form.query_one("#note", Input).value = "needs a ride"
        # When Escape is pressed, the desk asks; N keeps the form as it was
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDiscardScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#note", Input).value == "needs a ride"
        # And Y throws it away
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_escape_on_an_untouched_form_goes_straight_back(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"hungry")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_unmet_need_form_shows_the_needs_the_query_named(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        # Given a query naming a need far down the list
        await pilot.press(*"bus pass")
        await app.workers.wait_for_complete()
        # When F3 opens the unmet-need form
        await pilot.press("f3")
        await pilot.pause()
        await pilot.pause()
        needs = app.screen.query_one("#needs", SelectionList)
        # Then the ticked need is highlighted and in view
        assert needs.selected == ["transport"]
        index = needs.highlighted
        assert index is not None
        assert needs.get_option_at_index(index).value == "transport"
        top = int(needs.scroll_offset.y)
        assert top <= index < top + needs.scrollable_content_region.height


def test_a_pdf_asked_for_is_not_called_a_missing_printer(tmp_path: Path) -> None:
    from navigator.desk.referral_slip import Delivery

    delivery = Delivery(printed=False, path=tmp_path / "slip.pdf", asked_for_pdf=True)
    assert delivery.message == f"Saved as PDF: {tmp_path / 'slip.pdf'}"
    assert "No printer" not in delivery.message
