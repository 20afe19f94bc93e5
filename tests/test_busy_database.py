"""A long read never blocks a writer; a lock held too long is "busy, try again", never damage."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from navigator.cli import main
from navigator.desk.context import open_desk
from navigator.desk.todays_log import day_log
from navigator.store import database

# Held open in another process until the test writes a line to its stdin.
READER = """
import sys
from pathlib import Path
from sqlalchemy import text
from navigator.desk.context import open_desk

desk = open_desk(Path(sys.argv[1]), load_demo=False)
with desk.session() as session:
    # A read transaction, as a catalogue export holds one for its whole run.
    print(session.execute(text("SELECT count(*) FROM service")).scalar_one(), flush=True)
    sys.stdin.readline()
desk.close()
"""

WRITER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("INSERT INTO meta (key, value) VALUES ('held', 'yes')")
print("holding", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
"""


@contextmanager
def other_process(script: str, db: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdin is not None
    try:
        process.stdout.readline()  # it holds its transaction from here on
        yield process
    finally:
        process.stdin.write("done\n")
        process.stdin.flush()
        process.wait(timeout=30)


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer gives up after 0.3 s instead of 5 s, so a blocked write shows quickly."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)


def record(db: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["handoff", "record", "--db", str(db), "--kind", "unmet", "--need", "food"]
    )
    return result.exit_code, result.stdout + result.stderr


def test_five_handoffs_save_while_another_process_reads(
    tmp_path: Path, short_busy_timeout: None
) -> None:
    # Given a desk whose catalogue another process is reading in one long transaction
    db = tmp_path / "navigator.db"
    open_desk(db).close()
    with other_process(READER, db):
        # When five handoffs are recorded from this process meanwhile
        results = [record(db) for _ in range(5)]
    # Then every one is saved
    assert [code for code, _ in results] == [0] * 5, results
    desk = open_desk(db)
    try:
        assert len(day_log(desk)) == 5
    finally:
        desk.close()


def test_a_write_lock_held_too_long_is_busy_not_damage(
    tmp_path: Path, short_busy_timeout: None
) -> None:
    # Given another process that holds the write lock and does not let go
    db = tmp_path / "navigator.db"
    open_desk(db).close()
    with other_process(WRITER, db):
        # When a handoff is recorded
        code, output = record(db)
    # Then it says the database is busy and to try again, never that it is damaged
    assert code == 1
    assert "busy" in output
    assert "try again" in output
    assert "damaged" not in output
    assert "Move it aside" not in output
    assert "Traceback" not in output
    # And once the lock is gone the same command works
    assert record(db)[0] == 0
