"""A laptop whose database predates follow-up events and flags is upgraded on open, data kept."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect, text

from navigator.store.database import alembic_config, head_revision, make_engine, open_database


def test_a_0001_database_gains_event_and_flag_tables_and_keeps_its_rows(tmp_path: Path) -> None:
    # Given a database at the first revision with a handoff's outbox entry in it
    path = tmp_path / "old.db"
    path.touch(mode=0o600)
    engine = make_engine(path)
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO outbox (record_id, record_type, state) "
                "VALUES ('h1', 'handoff', 'pending')"
            )
        )
    engine.dispose()
    # When the desk opens it
    upgraded = open_database(path)
    # Then the new tables exist and the old rows are still there
    tables = set(inspect(upgraded).get_table_names())
    assert {"handoff_event", "listing_flag"} <= tables
    with upgraded.connect() as c:
        assert c.execute(text("SELECT record_id FROM outbox")).scalars().all() == ["h1"]
        assert (
            c.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        )
    upgraded.dispose()
