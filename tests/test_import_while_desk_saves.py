"""A long import in another window never stops the desk from saving a handoff."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from navigator.bench.synthetic_package import write_package
from navigator.desk.catalogue_stats import catalogue_stats
from navigator.desk.context import Desk
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.store.outbox_store import PENDING, state_counts


def _staging_files(db_path: Path) -> list[Path]:
    return list(db_path.parent.glob(f".{db_path.name}.import-*"))


def test_desk_saves_a_handoff_while_another_process_imports(
    desk: Desk, db_path: Path, tmp_path: Path
) -> None:
    # Given a coordinator importing a large directory from another window
    package = write_package(tmp_path / "package", 3000)
    importing = subprocess.Popen(
        [sys.executable, "-m", "navigator", "catalogue", "import", str(package),
         "--db", str(db_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not _staging_files(db_path) and importing.poll() is None:
            assert time.monotonic() < deadline, "the import never started staging"
            time.sleep(0.01)
        assert importing.poll() is None, "the import finished before it could be watched"
        # When, while it reads, someone takes the write lock without waiting at all
        probe = sqlite3.connect(db_path, timeout=0, isolation_level=None)
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        probe.close()
        # and the volunteer saves a handoff at the desk
        saved = record_handoff(desk, make_draft(desk, kind="unmet", needs=("food",)))
    finally:
        _out, err = importing.communicate(timeout=600)
    # Then both succeed: the handoff is pending, the new catalogue is in, no staging file left
    assert importing.returncode == 0, err.decode()
    with desk.session() as session:
        assert state_counts(session).get(PENDING) == 1
    assert saved.id
    assert catalogue_stats(desk).services == 3000
    assert not _staging_files(db_path)
