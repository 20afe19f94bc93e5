"""The laptop's database file: permissions, pragmas, migrations, and records written once."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from uuid6 import uuid7

from navigator.desk.context import Desk
from navigator.domain.handoff import Handoff, HandoffKind, ServiceSnapshot
from navigator.errors import DatabaseError, NetworkFileSystemError
from navigator.store.catalogue_store import load_catalogue
from navigator.store.database import SCHEMA_HEAD, head_revision, open_database
from navigator.store.filesystem import refuse_network_path
from navigator.store.handoff_store import get_handoff, handoffs_on, insert_handoff


def test_database_file_is_private_and_uses_safe_pragmas(desk: Desk, db_path: Path) -> None:
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    with desk.engine.connect() as connection:
        pragmas = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in (
                "journal_mode",
                "synchronous",
                "foreign_keys",
                "busy_timeout",
                "secure_delete",
            )
        }
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "secure_delete": 1,
    }


def test_schema_is_at_the_alembic_head(desk: Desk) -> None:
    with desk.engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == head_revision() == SCHEMA_HEAD


def test_catalogue_survives_a_round_trip_through_the_file(desk: Desk) -> None:
    with desk.session() as session:
        first = load_catalogue(session)
    desk.engine.dispose()
    with desk.session() as session:
        second = load_catalogue(session)
    assert first == second
    assert len(first.services) >= 120


def _handoff(day: date = date(2026, 11, 24)) -> Handoff:
    return Handoff(
        id=uuid7(),
        recorded_at=datetime(2026, 11, 24, 15, 0, tzinfo=UTC),
        local_date=day,
        site_id="site-test",
        volunteer_id="open-desk",
        kind=HandoffKind.WARM,
        needs=("food",),
        service=ServiceSnapshot(id="svc-1", name="Pantry", phone="555-0100"),
        consent_to_share=True,
        note="needs wheelchair access",
        client_ref="A-1042",
    )


def test_a_handoff_is_stored_once_even_when_retried(desk: Desk) -> None:
    record = _handoff()
    for _ in range(2):
        with desk.session() as session, session.begin():
            insert_handoff(session, record)
    with desk.session() as session:
        assert get_handoff(session, record.id) == record
        day = handoffs_on(session, record.local_date)
    assert [(h.id, state) for h, state in day] == [(record.id, "pending")]


def test_a_file_that_is_not_sqlite_is_refused_with_a_hint(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("shopping list: milk, eggs\n")
    with pytest.raises(DatabaseError, match="not a Navigator database") as caught:
        open_database(bogus)
    assert caught.value.hint
    assert bogus.read_text() == "shopping list: milk, eggs\n"


def test_a_database_from_a_newer_navigator_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    connection.close()
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(path)


def test_a_path_on_a_network_file_system_is_refused(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(f"server:/export {tmp_path} nfs4 rw 0 0\n/dev/vda / ext4 rw 0 0\n")
    with pytest.raises(NetworkFileSystemError, match="network file system"):
        refuse_network_path(tmp_path / "navigator.db", mounts)
    refuse_network_path(Path("/tmp/x.db"), mounts)  # local disk is fine
