"""Files are replaced whole or not at all."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from navigator.atomic_file import FileWriteError, atomic_writer, write_atomic


def test_written_file_is_private_and_complete(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    write_atomic(target, b"a,b\n1,2\n")
    assert target.read_bytes() == b"a,b\n1,2\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_disk_full_keeps_the_previous_file_and_leaves_no_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "log.csv"
    write_atomic(target, b"yesterday's good export\n")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(FileWriteError, match="disk is full"):
        write_atomic(target, b"today's export that does not fit\n")
    assert target.read_bytes() == b"yesterday's good export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["log.csv"]


def test_a_laptop_without_fchmod_still_writes_whole_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a platform with no os.fchmod (Windows)
    monkeypatch.delattr(os, "fchmod", raising=False)
    # When a file is written whole, and another piece by piece (the streaming export)
    write_atomic(tmp_path / "whole.json", b"[]\n")
    with atomic_writer(tmp_path / "streamed.json") as out:
        out.write(b"[")
        out.write(b"]\n")
    # Then both are complete and no partial file is left behind
    assert (tmp_path / "whole.json").read_bytes() == b"[]\n"
    assert (tmp_path / "streamed.json").read_bytes() == b"[]\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["streamed.json", "whole.json"]
