"""Opening the laptop's SQLite file: permissions, pragmas, migrations, backups."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, exc, inspect, text
from sqlalchemy.pool import ConnectionPoolEntry

from navigator.errors import DatabaseError
from navigator.locations import ensure_private_dir
from navigator.store.filesystem import check_is_sqlite, create_private_file, refuse_network_path

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration. Kept here so a database already at the head opens
# without importing Alembic (about 0.2 s of start-up); a test checks it
# against the migrations folder.
SCHEMA_HEAD = "0008"
BUSY_TIMEOUT_MS = 5000


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    # Take transaction control from the sqlite3 module so "begin" below can
    # issue BEGIN IMMEDIATE: writers then queue on busy_timeout instead of
    # failing with "database is locked" halfway through a transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a confirmed handoff survives power loss (about 0.5 ms a commit).
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    # Purged client data is overwritten, not left in free pages.
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The head according to the migration scripts themselves."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def open_database(path: Path, *, migrate: bool = True) -> Engine:
    """Open (creating if needed) the database at `path`, upgraded to the current schema."""
    path = path.expanduser()
    refuse_network_path(path)
    if not path.parent.exists():
        ensure_private_dir(path.parent)
    if path.exists():
        check_is_sqlite(path)
    else:
        create_private_file(path)
    engine = make_engine(path)
    try:
        if migrate:
            _upgrade(engine, path)
    except exc.DatabaseError as error:
        engine.dispose()
        raise DatabaseError(
            f"The database {path} is damaged and cannot be read ({error.orig}).",
            hint="Move it aside and start again; handoffs already synced are safe at the hub.",
        ) from error
    except Exception:
        engine.dispose()
        raise
    return engine


def _upgrade(engine: Engine, path: Path) -> None:
    current = current_revision(engine)
    if current == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as error:
            raise DatabaseError(
                f"The database {path} was written by a newer version of Navigator "
                f"(schema {current}).",
                hint="Update Navigator on this laptop, or use a different --db file.",
            ) from error
        backup_database(engine, path, current)
    command.upgrade(alembic_config(engine), "head")


def backup_database(engine: Engine, path: Path, revision: str) -> Path:
    """Copy the database aside before a schema upgrade, keeping its private mode."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.{revision}.{stamp}.bak")
    create_private_file(target)
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        with sqlite3.connect(target) as dest:
            source.backup(dest)
        dest.close()
    finally:
        raw.close()
    return target


def copy_private(source: Path, target: Path) -> None:
    create_private_file(target)
    shutil.copyfile(source, target)
