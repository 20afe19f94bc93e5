"""Opening the laptop's SQLite file: permissions, pragmas, migrations, backups."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, exc, inspect, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.pool import ConnectionPoolEntry

from navigator.errors import DatabaseBusy, DatabaseError
from navigator.locations import ensure_private_dir
from navigator.store.filesystem import (
    check_is_regular_file,
    check_is_sqlite,
    check_writable,
    create_private_file,
    refuse_network_path,
)

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration. Kept here so a database already at the head opens
# without importing Alembic (about 0.2 s of start-up); a test checks it
# against the migrations folder.
SCHEMA_HEAD = "0009"
BUSY_TIMEOUT_MS = 5000
# Execution option carried by the connections of a writing transaction.
WRITE_OPTION = "navigator_write"


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    # Take transaction control from the sqlite3 module so "begin" below can
    # choose the kind of BEGIN: writers take the lock at once with BEGIN
    # IMMEDIATE (they then queue on busy_timeout instead of failing with
    # "database is locked" halfway through), readers use a plain deferred
    # BEGIN, which under WAL never blocks a writer.
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


def _begin(connection: Any) -> None:
    writing = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _is_busy(error: BaseException | None) -> bool:
    if not isinstance(error, sqlite3.OperationalError):
        return False
    message = str(error).lower()
    return "database is locked" in message or "database is busy" in message


def _busy_is_not_damage(context: ExceptionContext) -> None:
    """A lock still held after busy_timeout means "busy, try again", never "damaged"."""
    original = context.original_exception
    if isinstance(original, sqlite3.OperationalError) and "readonly" in str(original):
        raise DatabaseError(
            "The database has become read-only: nothing was saved.",
            hint="Check the file's and its folder's permissions, or use another --db file.",
        ) from original
    if _is_busy(original):
        raise DatabaseBusy(
            "The database is busy: another Navigator window or command is saving to it.",
            hint="Nothing was saved. Wait a moment and try again.",
        ) from context.original_exception


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    event.listen(engine, "handle_error", _busy_is_not_damage)
    return engine


def writing(engine: Engine) -> Engine:
    """The engine whose transactions begin with BEGIN IMMEDIATE (for writers)."""
    return engine.execution_options(**{WRITE_OPTION: True})


class LocalSession(Session):
    """A session on the laptop's file.

    Reads (a session used without `begin()`) run in deferred transactions, so
    a long read never holds the write lock. An explicit `begin()`, which every
    writer opens (`with desk.session() as s, s.begin():`), takes the write
    lock at once with BEGIN IMMEDIATE.
    """

    def begin(self, nested: bool = False) -> SessionTransaction:
        if isinstance(self.bind, Engine) and not self.bind.get_execution_options().get(
            WRITE_OPTION
        ):
            self.bind = writing(self.bind)
        return super().begin(nested=nested)


def alembic_config(engine: Engine) -> Config:
    # Lazy: Alembic loads only to migrate or stamp a database file, not on every start.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The head according to the migration scripts themselves."""
    # Lazy: Alembic loads only to migrate or stamp a database file, not on every start.
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
    if path.exists() or path.is_symlink():
        check_is_regular_file(path)
    try:
        if not path.parent.exists():
            ensure_private_dir(path.parent)
        check_writable(path)
        if path.exists():
            check_is_sqlite(path)
        else:
            create_private_file(path)
    except OSError as error:
        raise DatabaseError(
            f"Navigator cannot create the database {path} ({error.strerror}).",
            hint="Use a folder you can write to (--db PATH or NAVIGATOR_DB).",
        ) from error
    engine = make_engine(path)
    try:
        if migrate:
            _upgrade(engine, path)
    except exc.DatabaseError as error:
        engine.dispose()
        if _is_busy(error.orig):
            raise DatabaseBusy(
                f"The database {path} is busy: another Navigator window or command holds it.",
                hint="Nothing was changed. Wait a moment and try again.",
            ) from error
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
    # Lazy: Alembic loads only to migrate or stamp a database file, not on every start.
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
