"""Calling clients back: follow-ups due today and overdue, and what came of them."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from textual.widgets import DataTable

from conftest import FIXED_NOW
from navigator.cli import main
from navigator.desk.context import Desk
from navigator.desk.follow_ups import follow_ups_due, record_outcome
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.search_services import search_services
from navigator.domain.follow_up import FollowUpOutcome
from navigator.domain.handoff import Handoff
from navigator.errors import NavigatorError
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.follow_ups import FollowUpsScreen

TODAY = date(2026, 11, 24)


def _handoff_on(desk: Desk, day_offset: int, follow_up: date | None) -> Handoff:
    """A handoff recorded `day_offset` days from FIXED_NOW with the given follow-up date."""
    shelter = search_services(desk, "shleter")[0].listing.id
    moment = FIXED_NOW + timedelta(days=day_offset)
    desk.clock = lambda: moment
    try:
        return record_handoff(
            desk,
            make_draft(
                desk,
                kind="warm",
                needs=("housing",),
                service_id=shelter,
                follow_up=follow_up,
                client_ref="A-1042",
            ),
        )
    finally:
        desk.clock = lambda: FIXED_NOW


@pytest.fixture
def three_follow_ups(desk: Desk) -> list[Handoff]:
    """Overdue by 3 days, due today, and due tomorrow; plus a handoff with no follow-up."""
    made = [
        _handoff_on(desk, -7, TODAY - timedelta(days=3)),
        _handoff_on(desk, -1, TODAY),
        _handoff_on(desk, 0, TODAY + timedelta(days=1)),
    ]
    _handoff_on(desk, 0, None)
    return made


def test_follow_ups_due_are_today_and_overdue_oldest_first(
    desk: Desk, three_follow_ups: list[Handoff]
) -> None:
    overdue, due_today, _tomorrow = three_follow_ups
    due = follow_ups_due(desk)
    assert [item.handoff.id for item in due] == [overdue.id, due_today.id]
    assert [item.days_overdue for item in due] == [3, 0]


def test_recording_an_outcome_writes_an_event_and_leaves_the_handoff_alone(
    desk: Desk, three_follow_ups: list[Handoff]
) -> None:
    overdue = three_follow_ups[0]
    with desk.engine.connect() as c:
        before = c.execute(text("SELECT * FROM handoff WHERE id = :id"), {"id": str(overdue.id)})
        handoff_row = before.one()
    # When the volunteer records that the client reached the shelter
    event = record_outcome(desk, overdue.id, FollowUpOutcome.REACHED)
    # Then an event row points at the handoff, pending in the outbox as an 'event'
    with desk.engine.connect() as c:
        row = c.execute(
            text(
                "SELECT e.handoff_id, e.kind, e.outcome, e.volunteer_id, e.site_id, "
                "o.record_type, o.state FROM handoff_event e "
                "JOIN outbox o ON o.record_id = e.id WHERE e.id = :id"
            ),
            {"id": str(event.id)},
        ).one()
        after = c.execute(
            text("SELECT * FROM handoff WHERE id = :id"), {"id": str(overdue.id)}
        ).one()
    assert tuple(row) == (
        str(overdue.id),
        "follow_up",
        "reached",
        "open-desk",
        "site-test",
        "event",
        "pending",
    )
    assert tuple(after) == tuple(handoff_row)
    assert event.recorded_at == FIXED_NOW.astimezone(UTC)
    # And the follow-up is no longer due
    assert [item.handoff.id for item in follow_ups_due(desk)] == [three_follow_ups[1].id]


def test_an_outcome_for_an_unknown_handoff_is_refused(desk: Desk) -> None:
    with pytest.raises(NavigatorError, match="No handoff"):
        record_outcome(desk, "0190f0f0-0000-7000-8000-000000000000", "reached")
    with pytest.raises(NavigatorError, match="not a handoff id"):
        record_outcome(desk, "nope", "reached")
    with desk.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM handoff_event")).scalar() == 0


async def test_volunteer_records_outcomes_from_the_follow_ups_screen(
    desk: Desk, three_follow_ups: list[Handoff]
) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpsScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        # The overdue one is first; the client did not reach the service
        await pilot.press("n")
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("u")
        await pilot.pause()
        assert table.row_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FollowUpsScreen)
    with desk.engine.connect() as c:
        outcomes = dict(c.execute(text("SELECT handoff_id, outcome FROM handoff_event")).all())
    assert outcomes == {
        str(three_follow_ups[0].id): "not_reached",
        str(three_follow_ups[1].id): "unknown",
    }


def test_cli_lists_due_follow_ups_and_records_an_outcome(desk: Desk) -> None:
    # The CLI runs on the real clock: one follow-up two days overdue, one next week.
    now = datetime.now(UTC)
    shelter = search_services(desk, "shleter")[0].listing.id
    desk.clock = lambda: now - timedelta(days=10)
    made = [
        record_handoff(
            desk,
            make_draft(
                desk,
                kind="warm",
                needs=("housing",),
                service_id=shelter,
                follow_up=(now + timedelta(days=days)).date(),
                client_ref="A-1042",
            ),
        )
        for days in (-2, 7)
    ]
    db = str(desk.db_path)
    desk.close()
    runner = CliRunner(env={"NAVIGATOR_TIMEZONE": "UTC"})
    listed = runner.invoke(main, ["follow-up", "list", "--json", "--db", db])
    assert listed.exit_code == 0, listed.stderr
    due = json.loads(listed.stdout)
    assert [(d["handoff_id"], d["days_overdue"]) for d in due] == [(str(made[0].id), 2)]
    assert due[0]["client_ref"] == "A-1042"
    recorded = runner.invoke(
        main, ["follow-up", "record", str(made[0].id), "--outcome", "reached", "--db", db]
    )
    assert recorded.exit_code == 0, recorded.stderr
    again = runner.invoke(main, ["follow-up", "list", "--db", db])
    assert again.stdout.strip() == "No follow-ups due."
    unknown = runner.invoke(
        main, ["follow-up", "record", "nope", "--outcome", "reached", "--db", db]
    )
    assert unknown.exit_code == 1
    assert "not a handoff id" in unknown.stderr
