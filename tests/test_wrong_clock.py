"""A laptop whose clock is wrong: it warns, and retention never loses an unsent or new record."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import text

from navigator.cli import main
from navigator.desk.clock_check import clock_warning
from navigator.desk.context import Desk, open_desk
from navigator.desk.purge import purge_acknowledged
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.domain.handoff import Handoff

HUB_TIME = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)  # the fixed clock's "now"


def _record(desk: Desk, at: datetime) -> Handoff:
    desk.clock = lambda: at
    return record_handoff(desk, make_draft(desk, kind="unmet", needs=("food",)))


def _acknowledge(desk: Desk, handoff: Handoff, hub_time: datetime) -> None:
    """What push and `sync ack` do: acknowledged, dated by the hub's clock."""
    with desk.session() as session, session.begin():
        session.execute(
            text("UPDATE outbox SET state = 'acked', acked_at = :at WHERE record_id = :id"),
            {"at": hub_time, "id": str(handoff.id)},
        )


def _left(desk: Desk) -> set[str]:
    with desk.session() as session:
        return set(session.scalars(text("SELECT id FROM handoff")))


def test_a_record_dated_1999_by_a_wrong_clock_is_not_purged_at_once(empty_desk: Desk) -> None:
    # Given a handoff recorded while the clock said 1999, pushed today
    desk = empty_desk
    old = _record(desk, datetime(1999, 1, 1, 12, tzinfo=UTC))
    _acknowledge(desk, old, HUB_TIME)
    # When the clock is right again and the lead purges the next day
    desk.clock = lambda: HUB_TIME + timedelta(days=1)
    # Then the record stays: its retention counts from the hub's acknowledgement
    assert purge_acknowledged(desk).purged == 0
    desk.clock = lambda: HUB_TIME + timedelta(days=31)
    assert purge_acknowledged(desk).purged == 1


def test_a_record_dated_2035_goes_once_records_made_after_it_are_old(empty_desk: Desk) -> None:
    # Given a handoff recorded while the clock said 2035, then the clock put right
    desk = empty_desk
    future = _record(desk, datetime(2035, 6, 1, tzinfo=UTC))
    after = _record(desk, HUB_TIME)
    _acknowledge(desk, future, HUB_TIME)
    _acknowledge(desk, after, HUB_TIME)
    # When the retention has passed for the record made after it
    desk.clock = lambda: HUB_TIME + timedelta(days=31)
    # Then both go: local order says the 2035 record is older than the one made after it
    assert purge_acknowledged(desk).purged == 2


def test_a_clock_set_to_2035_never_purges_an_unsent_or_just_made_record(empty_desk: Desk) -> None:
    desk = empty_desk
    unsent = _record(desk, HUB_TIME - timedelta(days=400))
    just_made = _record(desk, datetime(2035, 6, 1, tzinfo=UTC))
    _acknowledge(desk, just_made, HUB_TIME)
    desk.clock = lambda: datetime(2035, 6, 1, 0, 5, tzinfo=UTC)
    assert purge_acknowledged(desk).purged == 0
    assert _left(desk) == {str(unsent.id), str(just_made.id)}


def test_the_laptop_warns_when_its_clock_is_before_its_newest_record(empty_desk: Desk) -> None:
    desk = empty_desk
    assert clock_warning(desk) is None
    _record(desk, HUB_TIME)
    assert clock_warning(desk) is None
    # The clock goes back a day (a flat CMOS battery, a wrong manual setting)
    desk.clock = lambda: HUB_TIME - timedelta(days=1)
    warning = clock_warning(desk)
    assert warning is not None
    assert "already holds a record made at 2026-11-24 10:30" in str(warning)


def test_the_laptop_warns_when_its_clock_is_before_its_catalogue(desk: Desk) -> None:
    # The demo catalogue arrived at the fixed clock's time; the clock now reads 1999
    desk.clock = lambda: datetime(1999, 1, 1, tzinfo=UTC)
    warning = clock_warning(desk)
    assert warning is not None
    assert "before its catalogue arrived" in str(warning)


def test_handoff_record_by_cli_warns_about_a_clock_before_the_newest_record(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "desk.db")
    # A record dated in 2035 (the clock was wrong then); today's clock reads earlier
    desk = open_desk(
        tmp_path / "desk.db", load_demo=False, clock=lambda: datetime(2035, 1, 1, tzinfo=UTC)
    )
    record_handoff(desk, make_draft(desk, kind="unmet", needs=("food",)))
    desk.close()
    result = CliRunner().invoke(
        main, ["handoff", "record", "--kind", "unmet", "--need", "legal", "--db", db]
    )
    assert result.exit_code == 0, result.stderr
    assert "Warning: This laptop's clock says" in result.stderr


async def test_the_app_warns_at_start_up_when_the_clock_is_before_the_newest_record(
    empty_desk: Desk,
) -> None:
    from navigator.tui.app import NavigatorApp

    desk = empty_desk
    _record(desk, HUB_TIME)
    desk.clock = lambda: HUB_TIME - timedelta(days=1)
    async with NavigatorApp(desk).run_test() as pilot:
        await pilot.pause()
        # What the volunteer sees as a toast (Textual keeps no public list of them).
        shown = [notice.message for notice in pilot.app._notifications]
    assert any("already holds a record made at 2026-11-24" in text for text in shown)
