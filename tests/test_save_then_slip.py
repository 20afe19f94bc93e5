"""One flow at a busy desk: save the handoff, and the client's slip is one key away."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Static

from navigator.desk.context import Desk
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.domain.handoff import HandoffKind
from navigator.store.handoff_store import handoffs_on
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.handoff_saved import HandoffSavedScreen, saved_message
from navigator.tui.screens.referral_slip import ReferralSlipScreen
from navigator.tui.screens.search import SearchScreen
from navigator.tui.widgets.service_detail import ServiceDetail

TODAY = date(2026, 11, 24)


@pytest.fixture
def no_printer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    slips = tmp_path / "slips"
    monkeypatch.setenv("NAVIGATOR_SLIPS_DIR", str(slips))
    monkeypatch.setenv("NAVIGATOR_PRINTER", "none")
    return slips


def _handoffs(desk: Desk):  # type: ignore[no-untyped-def]
    with desk.session() as session:
        return [handoff for handoff, _state in handoffs_on(session, TODAY)]


async def test_warm_handoff_with_follow_up_then_pdf_slip_in_few_keys(
    desk: Desk, no_printer: Path
) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        # Given the volunteer typed what the client said
        await pilot.press(*"shleter")
        await app.workers.wait_for_complete()
        # When they record a warm handoff with a follow-up in 3 days, then save the slip as PDF
        keys = ["enter", "w", "plus", "enter"]  # beyond the query and the digits
        await pilot.press("enter", "w", "plus", "3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoffSavedScreen)
        await pilot.press("d")
        keys.append("d")
        await pilot.pause()
        # Then it took at most 6 keys, the handoff is warm with its follow-up,
        # the PDF slip is saved, and the desk is ready for the next client
        assert len(keys) <= 6
        [saved] = _handoffs(desk)
        assert saved.kind is HandoffKind.WARM
        assert saved.follow_up == date(2026, 11, 27)
        assert [p.suffix for p in no_printer.iterdir()] == [".pdf"]
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query").value == ""


async def test_confirmation_shows_the_slip_with_its_follow_up(desk: Desk, no_printer: Path) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"shleter")
        await app.workers.wait_for_complete()
        await pilot.press("enter", "a", "plus", "7", "enter")
        await pilot.pause()
        # When the volunteer asks to see the slip from the confirmation
        await pilot.press("s")
        await pilot.pause()
        # Then it is the slip for that handoff, with the follow-up date on it
        assert isinstance(app.screen, ReferralSlipScreen)
        assert app.screen.slip.follow_up == date(2026, 12, 1)
        text = str(app.screen.query_one("#slip-text", Static).render())
        assert "We will check in with you on Tuesday 1 December 2026." in text
        # And L puts the slip's own words in Spanish
        await pilot.press("l")
        await pilot.pause()
        text = str(app.screen.query_one("#slip-text", Static).render())
        assert "HOJA DE REFERENCIA" in text
        assert "Nos comunicaremos con usted el martes 1 de diciembre de 2026." in text
        [saved] = _handoffs(desk)
        assert saved.kind is HandoffKind.APPOINTMENT


async def test_slip_after_every_handoff_when_the_site_wants_it(
    desk: Desk, no_printer: Path
) -> None:
    desk.settings = desk.settings.model_copy(update={"slip_after_handoff": True})
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"hungry")
        await app.workers.wait_for_complete()
        await pilot.press("enter", "i", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReferralSlipScreen)
        await pilot.press("p")  # no printer here: the text is saved
        await pilot.pause()
    assert [p.suffix for p in no_printer.iterdir()] == [".txt"]


def test_unmet_need_is_said_once(desk: Desk) -> None:
    saved = record_handoff(desk, make_draft(desk, kind="unmet", needs=("money",)))
    assert saved_message(saved) == "Saved: Unmet need"


async def test_zero_results_say_so(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"zzqqxx")
        await app.workers.wait_for_complete()
        await pilot.pause()
        detail = str(app.screen.query_one(ServiceDetail).render())
        assert "No service matches" in detail
        assert "F3" in detail
