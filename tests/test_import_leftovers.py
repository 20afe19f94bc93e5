"""After an import: the search index is ready, and a killed import leaves nothing behind."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from navigator.bench.synthetic_package import write_package
from navigator.cli import main
from navigator.desk.catalogue_index import _stamp, index_path
from navigator.desk.catalogue_stats import catalogue_stats
from navigator.desk.context import Desk
from navigator.desk.import_catalogue import import_catalogue
from navigator.search.index_file import open_index_file
from navigator.store.listing_details import catalogue_stamp


def _staging_files(db_path: Path) -> list[Path]:
    return list(db_path.parent.glob(f".{db_path.name}.import-*"))


def _index_is_current(desk: Desk) -> bool:
    with desk.session() as session:
        stamp = _stamp(catalogue_stamp(session), desk.lexicon)
    return open_index_file(index_path(desk.db_path), stamp) is not None


def _import_in_another_process(package: Path, db_path: Path) -> subprocess.Popen[bytes]:
    """`navigator catalogue import` started from another window, once it is staging rows."""
    importing = subprocess.Popen(
        [sys.executable, "-m", "navigator", "catalogue", "import", str(package),
         "--db", str(db_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not _staging_files(db_path) and importing.poll() is None:
        assert time.monotonic() < deadline, "the import never started staging"
        time.sleep(0.01)
    assert importing.poll() is None, "the import finished before it could be watched"
    return importing


def test_the_first_search_after_an_import_finds_its_index_ready(desk: Desk, tmp_path: Path) -> None:
    # Given a coordinator who imports a directory
    package = write_package(tmp_path / "package", 300)
    import_catalogue(desk, package)
    # Then the search index file beside the database already matches the new catalogue,
    # so the first search opens it instead of indexing 100,000 listings first
    assert _index_is_current(desk)


def test_a_staging_file_left_by_a_killed_import_is_removed_by_the_next_import(
    desk: Desk, db_path: Path, tmp_path: Path
) -> None:
    # Given an import killed while it was staging rows (power cut, kill -9)
    package = write_package(tmp_path / "package", 3000)
    killed = _import_in_another_process(package, db_path)
    deadline = time.monotonic() + 120
    while not any(f.stat().st_size for f in _staging_files(db_path)):
        assert time.monotonic() < deadline, "nothing staged"
        assert killed.poll() is None, "the import ended before it staged anything"
        time.sleep(0.01)
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=60)
    leftovers = _staging_files(db_path)
    assert leftovers
    # When the next import runs
    small = write_package(tmp_path / "small", 20)
    import_catalogue(desk, small)
    # Then the leftover is gone and the catalogue is the new one
    assert not _staging_files(db_path)
    assert catalogue_stats(desk).services == 20


def test_an_import_still_running_in_another_window_keeps_its_staging_file(
    desk: Desk, db_path: Path, tmp_path: Path
) -> None:
    # Given an import running in another window
    package = write_package(tmp_path / "package", 3000)
    running = _import_in_another_process(package, db_path)
    try:
        # When a second import runs and ends meanwhile
        import_catalogue(desk, write_package(tmp_path / "small", 20))
        # Then the running one's staging file was left alone, and it finishes
        assert _staging_files(db_path)
    finally:
        _out, err = running.communicate(timeout=600)
    assert running.returncode == 0, err.decode()
    assert catalogue_stats(desk).services == 3000
    assert not _staging_files(db_path)


def test_importing_into_a_new_database_does_not_load_the_demo_first(tmp_path: Path) -> None:
    # Given a new laptop, no database yet
    db = tmp_path / "new" / "navigator.db"
    # When the coordinator imports their directory from the command line
    result = CliRunner().invoke(
        main, ["catalogue", "import", str(write_package(tmp_path / "package", 30)), "--db", str(db)]
    )
    # Then the directory is the only catalogue the database ever held (the demo, indexed
    # only to be replaced, would be a version before it)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as connection:
        sources = [row[0] for row in connection.execute("SELECT source FROM catalogue_version")]
    assert sources == [str(tmp_path / "package")]
