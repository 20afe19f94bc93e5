"""Retention covers everything: events, flags and upgrade backups leave with their handoff."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from navigator.desk.context import Desk
from navigator.desk.flag_listing import flag_listing
from navigator.desk.import_catalogue import load_demo_if_empty
from navigator.desk.purge import purge_acknowledged
from navigator.desk.record_event import record_event
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.search_services import search_services
from navigator.store.database import backup_database

# Distinctive enough to find in raw bytes; none is personal data by the guard's rules.
OLD_NOTE = "ramp needed at the side door"
OLD_CORRECTION = "prefers mornings after nine"
OLD_FOLLOW_UP = "went with her sister on tuesday"
OLD_FLAG = "the pantry turned the family away"
RECENT_NOTE = "recent visit keep this one"


def _acknowledge_everything(desk: Desk) -> None:
    """What the sync does once the hub has committed the records."""
    with desk.session() as session, session.begin():
        session.execute(
            text("UPDATE outbox SET state = 'acked', acked_at = :at WHERE state = 'pending'"),
            {"at": desk.clock()},
        )


def _backup_made_at(desk: Desk, days_before_purge: int, purge_at: datetime) -> Path:
    """An upgrade backup, as made before a migration, stamped `days_before_purge` days ago."""
    made = backup_database(desk.engine, desk.db_path, "0006")
    when = purge_at - timedelta(days=days_before_purge)
    stamped = made.with_name(f"{desk.db_path.name}.0006.{when:%Y%m%dT%H%M%S}.bak")
    os.replace(made, stamped)
    return stamped


def _raw(folder: Path) -> bytes:
    """Every byte of the database, its -wal and every backup beside it (what `strings` reads)."""
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())


def test_purge_leaves_no_client_text_in_the_file_its_wal_or_any_backup(empty_desk: Desk) -> None:
    desk = empty_desk
    load_demo_if_empty(desk)
    start = desk.clock()
    purge_at = start + timedelta(days=40)
    # Given a handoff with a correction, a follow-up and a flag, all at the hub
    service = search_services(desk, "food")[0].listing.id
    handoff = record_handoff(
        desk, make_draft(desk, kind="info", needs=("food",), service_id=service, note=OLD_NOTE)
    )
    record_event(desk, str(handoff.id), kind="correction", field="note", value=OLD_CORRECTION)
    record_event(desk, str(handoff.id), kind="follow_up", outcome="reached", note=OLD_FOLLOW_UP)
    flag_listing(desk, service, "other", OLD_FLAG)
    _acknowledge_everything(desk)
    # And two upgrade backups holding them: one past the retention period, one recent
    old_backup = _backup_made_at(desk, 35, purge_at)
    young_backup = _backup_made_at(desk, 5, purge_at)
    # And forty days later (retention 30) a new handoff, also at the hub
    desk.clock = lambda: purge_at
    record_handoff(desk, make_draft(desk, kind="unmet", needs=("housing",), note=RECENT_NOTE))
    _acknowledge_everything(desk)
    assert OLD_NOTE.encode() in _raw(desk.db_path.parent)

    # When the purge runs
    report = purge_acknowledged(desk)

    # Then the handoff leaves with its events and the flag, and the old backup is gone
    assert (report.purged, report.events, report.flags, report.backups) == (1, 2, 1, 1)
    assert not old_backup.exists()
    assert young_backup.exists()
    # And no purged client text is left in the .db, the -wal or any backup
    raw = _raw(desk.db_path.parent)
    for purged in (OLD_NOTE, OLD_CORRECTION, OLD_FOLLOW_UP, OLD_FLAG):
        assert purged.encode() not in raw, purged
    # While the recent handoff is still there
    assert RECENT_NOTE.encode() in raw


def test_events_waiting_for_the_hub_stay_until_it_has_them(empty_desk: Desk) -> None:
    desk = empty_desk
    start = desk.clock()
    handoff = record_handoff(desk, make_draft(desk, kind="unmet", needs=("food",)))
    _acknowledge_everything(desk)
    # A follow-up recorded later, not yet at the hub when the handoff is purged
    record_event(desk, str(handoff.id), kind="follow_up", outcome="reached", note=OLD_FOLLOW_UP)
    desk.clock = lambda: start + timedelta(days=40)
    first = purge_acknowledged(desk)
    assert (first.purged, first.events) == (1, 0)
    # Once the hub has it, the next purge takes it too
    _acknowledge_everything(desk)
    second = purge_acknowledged(desk)
    assert (second.purged, second.events) == (0, 1)
