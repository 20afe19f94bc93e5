"""A worker tells the directory a listing is wrong; the flag travels with the next sync."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from textual.widgets import Input, Static

from navigator.cli import main
from navigator.desk.context import Desk
from navigator.desk.flag_listing import flag_listing, flagged_listings
from navigator.desk.search_services import search_services
from navigator.domain.listing_flag import FlagReason
from navigator.errors import InvalidFlag, ServiceNotFound
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.flag_listing import FlagListingScreen
from navigator.tui.screens.search import SearchScreen
from navigator.tui.widgets.result_list import ResultList
from navigator.tui.widgets.service_detail import ServiceDetail


def test_a_flag_is_an_immutable_record_pending_in_the_outbox(desk: Desk) -> None:
    pantry = search_services(desk, "hungry")[0].listing
    flag = flag_listing(desk, pantry.id, FlagReason.PHONE)
    with desk.engine.connect() as c:
        row = c.execute(
            text(
                "SELECT f.service_id, f.service_name, f.reason, f.note, f.site_id, "
                "o.record_type, o.state, length(f.payload_hash) FROM listing_flag f "
                "JOIN outbox o ON o.record_id = f.id WHERE f.id = :id"
            ),
            {"id": str(flag.id)},
        ).one()
    assert tuple(row) == (
        pantry.id,
        pantry.service.name,
        "phone",
        None,
        "site-test",
        "flag",
        "pending",
        64,
    )
    assert flagged_listings(desk) == {pantry.id: [FlagReason.PHONE]}


def test_something_else_needs_a_note_saying_what(desk: Desk) -> None:
    pantry = search_services(desk, "hungry")[0].listing
    with pytest.raises(InvalidFlag, match="Say in the note"):
        flag_listing(desk, pantry.id, "other", "   ")
    saved = flag_listing(desk, pantry.id, "other", "  now only open on Saturdays ")
    assert saved.note == "now only open on Saturdays"
    with pytest.raises(ServiceNotFound):
        flag_listing(desk, "no-such-service", "closed")
    with pytest.raises(InvalidFlag, match="What is wrong: "):
        flag_listing(desk, pantry.id, "haunted")
    with desk.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM listing_flag")).scalar() == 1


async def test_volunteer_flags_a_moved_listing_and_it_is_marked(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        # Given the volunteer found a shelter whose address is out of date
        await pilot.press(*"shleter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        top = app.screen.query_one(ResultList).current
        assert top is not None
        # When they press F7, choose "Moved", write where to, and save
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, FlagListingScreen)
        await pilot.press("down", "space")
        app.screen.query_one("#flag-note", Input).value = "now at 40 Elm St"
        await pilot.press("ctrl+s")
        await pilot.pause()
        # An address could be a client's: the form asks, and the volunteer confirms it is
        # the service's new one.
        assert "street address" in str(app.screen.query_one("#flag-error", Static).render())
        await pilot.press("ctrl+y")
        await pilot.pause()
        # Then they are back on the results, and the listing is marked there and in the detail
        assert isinstance(app.screen, SearchScreen)
        results = app.screen.query_one(ResultList)
        assert results.current is not None
        assert results.current.listing.id == top.listing.id
        first_option = str(results.get_option_at_index(0).prompt)
        assert first_option.startswith("! flagged ")
        detail = str(app.screen.query_one(ServiceDetail).render())
        assert "Flagged as wrong at this desk: moved" in detail
    with desk.engine.connect() as c:
        row = c.execute(text("SELECT service_id, reason, note FROM listing_flag")).one()
    assert tuple(row) == (top.listing.id, "moved", "now at 40 Elm St")


async def test_escape_leaves_without_flagging(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"food")
        await app.workers.wait_for_complete()
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
    assert flagged_listings(desk) == {}


async def test_a_stale_listing_is_marked_in_results_and_detail(desk: Desk) -> None:
    # Given a listing the directory last verified more than 12 months ago
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        # (the first search, of every service, has finished: a newer one cancels it)
        await app.workers.wait_for_complete()
        app.screen.query_one("#query", Input).value = "landlord tenant mediation"
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one(ResultList)
        current = results.current
        assert current is not None
        assert current.listing.service.name == "Landlord-Tenant Mediation"
        # Then the result says so, and so does the detail
        assert "stale listing" in str(results.get_option_at_index(0).prompt)
        detail = str(app.screen.query_one(ServiceDetail).render())
        assert "(stale)" in detail
        assert detail.startswith("Landlord-Tenant Mediation")
        assert "! Stale listing: verified" in detail


def test_cli_flags_a_listing_and_refuses_other_without_a_note(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    found = runner.invoke(main, ["search", "hungry", "--json", "--limit", "1", "--db", db])
    service_id = json.loads(found.stdout)[0]["id"]
    refused = runner.invoke(main, ["flag", service_id, "--reason", "other", "--db", db])
    assert refused.exit_code == 1
    assert "Say in the note what is wrong" in refused.stderr
    saved = runner.invoke(
        main, ["flag", service_id, "--reason", "hours", "--note", "shut on Mondays", "--db", db]
    )
    assert saved.exit_code == 0, saved.stderr
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as c:
        row = c.execute(text("SELECT id, reason, note FROM listing_flag")).one()
    engine.dispose()
    assert tuple(row) == (saved.stdout.strip(), "hours", "shut on Mondays")
