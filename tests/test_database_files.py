"""The right file: pipes, devices and read-only places are refused; exports never overwrite."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from navigator.cli import main
from navigator.desk.context import open_desk

needs_posix = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev are POSIX")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_clear_refusal(result: Result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.output
    assert "unexpected error" not in result.output


@needs_posix
def test_a_fifo_given_as_the_database_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "navigator.db"
    os.mkfifo(fifo)
    # Run in a child with a time limit: opening a FIFO would block forever
    done = subprocess.run(
        [sys.executable, "-m", "navigator", "--db", str(fifo), "catalogue", "stats"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "named pipe" in done.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # left as it was


@needs_posix
def test_a_device_given_as_the_database_is_refused(tmp_path: Path) -> None:
    result = run("--db", os.devnull, "catalogue", "stats")
    assert_clear_refusal(result, "is a device", "--db")
    assert "damaged" not in result.stderr


def _make_read_only(path: Path) -> Iterator[None]:
    """Read-only for this user: by mode, or (root ignores modes) by the immutable attribute."""
    mode = path.stat().st_mode
    path.chmod(mode & ~0o222)
    immutable = False
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            path.chmod(mode)
            pytest.skip("running as root without chattr: cannot make a read-only file")
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if made.returncode != 0:
            path.chmod(mode)
            pytest.skip("running as root on a file system without the immutable attribute")
        immutable = True
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        path.chmod(mode)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "locked"
    folder.mkdir()
    yield from (folder for _ in _make_read_only(folder))


@pytest.fixture
def read_only_database(tmp_path: Path) -> Iterator[Path]:
    db = tmp_path / "navigator.db"
    open_desk(db).close()
    yield from (db for _ in _make_read_only(db))


@needs_posix
@pytest.mark.parametrize(
    "command", [("catalogue", "stats"), ("handoff", "record", "--kind", "unmet", "--need", "food")]
)
def test_a_read_only_folder_gets_a_message_not_a_crash(
    read_only_folder: Path, command: tuple[str, ...]
) -> None:
    result = run("--db", str(read_only_folder / "navigator.db"), *command)
    assert_clear_refusal(result, "cannot", str(read_only_folder), "--db")


@needs_posix
def test_a_read_only_database_gets_a_message_not_a_crash(read_only_database: Path) -> None:
    before = read_only_database.read_bytes()
    result = run(
        "--db", str(read_only_database), "handoff", "record", "--kind", "unmet", "--need", "food"
    )
    assert_clear_refusal(result, "cannot write", "--db")
    assert read_only_database.read_bytes() == before


def test_a_catalogue_export_never_overwrites_an_earlier_one(tmp_path: Path) -> None:
    db = tmp_path / "navigator.db"
    out = tmp_path / "catalogue.json"
    out.write_text("last month's export\n")
    # Without --replace the earlier file is kept and the command says how to go on
    result = run("--db", str(db), "catalogue", "export", str(out))
    assert_clear_refusal(result, "already exists", "--replace")
    assert out.read_text() == "last month's export\n"
    # With --replace it is written over
    result = run("--db", str(db), "catalogue", "export", str(out), "--replace")
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("[")


def test_a_log_export_gets_a_new_name_rather_than_overwrite(tmp_path: Path) -> None:
    db = tmp_path / "navigator.db"
    out = tmp_path / "exports"
    run("--db", str(db), "handoff", "record", "--kind", "unmet", "--need", "food")
    first = run("--db", str(db), "log", "export", "--out", str(out))
    second = run("--db", str(db), "log", "export", "--out", str(out))
    assert first.exit_code == second.exit_code == 0, second.output
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 4, names  # two exports, two manifests
    assert any(name.endswith("-2.csv") for name in names)
