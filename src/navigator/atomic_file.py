"""Writing files all-or-nothing: a temporary file, fsync, rename, fsync of the folder.

Exports, bundles and backups go through here so a full disk or a pulled plug
never leaves a half-written file in place of a good one.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from navigator.errors import NavigatorError


class FileWriteError(NavigatorError):
    """A file could not be written; the previous file, if any, is untouched."""


def write_atomic(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Replace `path` with `data` atomically; the file is created with `mode`."""
    with atomic_writer(path, mode=mode) as handle:
        handle.write(data)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some platforms cannot open folders; the rename is still atomic
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_writer(path: Path, *, mode: int = 0o600) -> Iterator[BinaryIO]:
    """Write `path` piece by piece, all-or-nothing: readers see the old file until the end."""
    folder = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    temp = Path(temp_name)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        # Windows has no fchmod: mkstemp's file is already private to this user there, and
        # the user's profile folders carry per-user ACLs (the portable fallback).
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        _fsync_folder(folder)
    except OSError as error:
        temp.unlink(missing_ok=True)
        if error.errno == errno.ENOSPC:
            raise FileWriteError(
                f"{path}: the disk is full; nothing was written.",
                hint="Free some space (or use another folder) and try again.",
            ) from error
        raise FileWriteError(f"{path}: cannot write the file ({error.strerror}).") from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
