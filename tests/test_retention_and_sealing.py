"""Client data kept minimal: sealed to the hub's key, and purged once the hub holds it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from navigator.config import Settings
from navigator.desk.context import Desk, open_desk
from navigator.desk.purge import purge_acknowledged
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.todays_log import day_log
from navigator.domain.handoff import Handoff
from navigator.security.sealing import (
    SealingError,
    is_sealed,
    new_key_pair,
    open_sealed,
)

NOTE = "needs ramp at side door"  # a note distinctive enough to find in the raw bytes


def _record(desk: Desk, note: str = NOTE, ref: str = "A-1042") -> Handoff:
    return record_handoff(
        desk, make_draft(desk, kind="unmet", needs=("housing",), note=note, client_ref=ref)
    )


def _acknowledge(desk: Desk, handoff: Handoff) -> None:
    """What the sync will do once the hub commits the batch."""
    with desk.session() as session, session.begin():
        session.execute(
            text("UPDATE outbox SET state = 'acked', acked_at = :at WHERE record_id = :id"),
            {"at": desk.clock(), "id": str(handoff.id)},
        )


def _raw_bytes(db_path: Path) -> bytes:
    files = [db_path, db_path.with_name(db_path.name + "-wal")]
    return b"".join(p.read_bytes() for p in files if p.exists())


def test_purge_removes_only_acknowledged_records_past_retention(
    empty_desk: Desk, db_path: Path
) -> None:
    desk = empty_desk
    start = desk.clock()
    old_acked = _record(desk)
    old_pending = _record(desk, note="still waiting for the hub")
    _acknowledge(desk, old_acked)
    # Forty days later (retention 30), one new acknowledged record too.
    desk.clock = lambda: start + timedelta(days=40)
    new_acked = _record(desk, note="recent")
    _acknowledge(desk, new_acked)

    report = purge_acknowledged(desk)

    assert report.purged == 1
    with desk.session() as session:
        left = set(session.scalars(text("SELECT id FROM handoff")))
        outbox = set(session.scalars(text("SELECT record_id FROM outbox")))
    assert left == outbox == {str(old_pending.id), str(new_acked.id)}
    # secure_delete and the WAL checkpoint: the purged note is gone from the bytes.
    assert NOTE.encode() not in _raw_bytes(db_path)
    assert b"still waiting for the hub" in _raw_bytes(db_path)


async def test_the_app_purges_old_acknowledged_records_when_it_starts(
    db_path: Path, settings: Settings
) -> None:
    from navigator.tui.app import NavigatorApp

    short = settings.model_copy(update={"retention_days": 1})
    desk = open_desk(db_path, settings=short, load_demo=False)
    try:
        start = desk.clock()
        record = _record(desk)
        _acknowledge(desk, record)
        desk.clock = lambda: start + timedelta(days=2)
        async with NavigatorApp(desk).run_test() as pilot:
            await pilot.pause()
        with desk.session() as session:
            assert session.scalar(text("SELECT count(*) FROM handoff")) == 0
    finally:
        desk.close()


def test_sealed_fields_are_unreadable_on_the_laptop_and_open_at_the_hub(
    db_path: Path, settings: Settings
) -> None:
    public, private = new_key_pair()
    sealed_settings = settings.model_copy(update={"hub_public_key": public})
    desk = open_desk(db_path, settings=sealed_settings, load_demo=False)
    try:
        saved = _record(desk, note=NOTE, ref="A-1042")
        # The laptop still counts and lists the handoff...
        [entry] = day_log(desk, desk.today())
        assert entry.handoff.id == saved.id
        # ...but the note and reference are sealed, in memory and in the file.
        assert is_sealed(entry.handoff.note)
        assert is_sealed(entry.handoff.client_ref)
        raw = _raw_bytes(db_path)
        assert NOTE.encode() not in raw
        assert b"A-1042" not in raw
        # Only the hub's private key opens them.
        assert entry.handoff.note is not None
        assert entry.handoff.client_ref is not None
        assert open_sealed(entry.handoff.note, private) == NOTE
        assert open_sealed(entry.handoff.client_ref, private) == "A-1042"
        _, other_private = new_key_pair()
        with pytest.raises(SealingError, match="cannot be opened"):
            open_sealed(entry.handoff.note, other_private)
    finally:
        desk.close()


def test_a_malformed_hub_key_is_refused_when_settings_load() -> None:
    with pytest.raises(ValueError, match="32 bytes in base64"):
        Settings(hub_public_key="not-a-key")
