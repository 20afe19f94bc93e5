"""Damaged, foreign, newer and remote database files: a message and a way out, no traceback."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from alembic import command
from click.testing import CliRunner

from navigator.cli import main
from navigator.errors import DatabaseError
from navigator.store.database import (
    alembic_config,
    current_revision,
    head_revision,
    make_engine,
    open_database,
)
from navigator.store.filesystem import SQLITE_HEADER, create_private_file


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _corrupt(path: Path) -> None:
    """A file that starts like SQLite, then holds noise (a bad sector, a half-copied file)."""
    path.write_bytes(SQLITE_HEADER + bytes(range(256)) * 64)


def _newer(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    connection.close()


def test_a_corrupt_file_gets_a_message_and_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "navigator.db"
    _corrupt(path)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="damaged") as caught:
        open_database(path)
    assert caught.value.hint
    assert "Move it aside" in caught.value.hint
    assert path.read_bytes() == before  # nothing was written over it


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_corrupt, "is damaged"),
        (lambda p: p.write_text("shopping list: milk, eggs\n"), "not a Navigator database"),
        (_newer, "newer version of Navigator"),
    ],
    ids=["corrupt", "not-sqlite", "newer"],
)
def test_the_command_line_explains_a_bad_file_without_a_traceback(
    tmp_path: Path, make: object, message: str
) -> None:
    path = tmp_path / "navigator.db"
    make(path)  # type: ignore[operator]
    for command_line in (("search", "food"), ("catalogue", "stats"), ()):
        code, out, err = (
            run(*command_line, "--db", str(path)) if command_line else run("--db", str(path))
        )
        assert code == 1
        assert message in err
        assert "Traceback" not in err + out
        assert "  " in err  # the hint on its own line


def test_a_database_of_the_first_schema_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "navigator.db"
    create_private_file(path)
    engine = make_engine(path)
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO meta (key, value) VALUES ('site_id', 'site-old-laptop')"
        )
    engine.dispose()

    upgraded = open_database(path)
    try:
        assert current_revision(upgraded) == head_revision()
        with upgraded.connect() as connection:
            assert connection.exec_driver_sql("SELECT value FROM meta").scalar() == (
                "site-old-laptop"
            )
            connection.exec_driver_sql("SELECT count(*) FROM volunteer").scalar()
    finally:
        upgraded.dispose()
    [backup] = list(tmp_path.glob("navigator.db.0001.*.bak"))
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT value FROM meta").fetchone() == ("site-old-laptop",)
    old.close()


def test_a_network_path_is_refused_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import navigator.store.filesystem as filesystem

    mounts = tmp_path / "mounts"
    share = tmp_path / "share"
    share.mkdir()
    mounts.write_text(f"server:/export {share} nfs4 rw 0 0\n/dev/vda / ext4 rw 0 0\n")
    real = filesystem.filesystem_type
    monkeypatch.setattr(
        filesystem, "filesystem_type", lambda path, mounts_file=mounts: real(path, mounts)
    )
    code, _, err = run("search", "food", "--db", str(share / "navigator.db"))
    assert code == 1
    assert "network file system (nfs4)" in err
    assert "own disk" in err
    assert not (share / "navigator.db").exists()


def test_the_write_ahead_log_and_shared_memory_files_are_private_too(
    tmp_path: Path,
) -> None:
    path = tmp_path / "data" / "navigator.db"
    engine = open_database(path)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('k', 'v')")
            companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
            assert all(p.exists() for p in companions)
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in [path, *companions]}
    finally:
        engine.dispose()
    assert set(modes.values()) == {0o600}, modes
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
