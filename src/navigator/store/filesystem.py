"""Checks on where the database file lives, made before SQLite touches it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from navigator.errors import DatabaseError, NetworkFileSystemError

SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite's WAL needs shared memory between processes on one host; these
# file systems do not give it, and locking on them is unreliable.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "9p", "afs", "ceph",
        "glusterfs", "fuse.sshfs", "fuse.rclone", "fuse.glusterfs", "davfs", "fuse.davfs2",
        "lustre", "gpfs", "beegfs", "ncpfs", "coda",
    }
)  # fmt: skip


def filesystem_type(path: Path, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """The file system type of the mount holding `path`, from /proc/mounts (Linux only)."""
    try:
        lines = mounts_file.read_text().splitlines()
    except OSError:
        return None
    target = os.path.realpath(path)
    best, best_type = "", None
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, fields[2]
    return best_type


def refuse_network_path(path: Path, mounts_file: Path = Path("/proc/mounts")) -> None:
    probe = path if path.exists() else path.parent
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    fs_type = filesystem_type(probe, mounts_file)
    if fs_type in NETWORK_FILESYSTEMS:
        raise NetworkFileSystemError(
            f"The database {path} is on a network file system ({fs_type}); "
            "SQLite cannot keep it safe there.",
            hint="Use a folder on this laptop's own disk (--db PATH or NAVIGATOR_DB).",
        )


def create_private_file(path: Path) -> None:
    """Create an empty file with mode 0600 before SQLite opens it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def check_is_regular_file(path: Path) -> None:
    """Refuse a FIFO, device or folder given as the database, before anything opens it.

    Opening a FIFO blocks until a writer appears, and a device (/dev/null, or NUL
    and CON on Windows) reads as nonsense; os.stat looks without opening.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise DatabaseError(f"Cannot read the database {path}: {exc.strerror}.") from exc
    if not stat.S_ISREG(mode):
        what = (
            "a folder" if stat.S_ISDIR(mode)
            else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "not a regular file"
        )  # fmt: skip
        raise DatabaseError(
            f"{path} is {what}, not a database file.",
            hint="Give --db (or NAVIGATOR_DB) the path of a file, such as ~/navigator.db.",
        )


def check_writable(path: Path) -> None:
    """Refuse a database, or a folder for one, that this user cannot write to.

    SQLite would open a read-only file without complaint and fail at the first
    handoff; and beside the file it must create its -wal and -shm files.
    """
    folder = path.parent
    if path.exists():
        try:
            os.close(os.open(path, os.O_RDWR))
        except OSError as exc:
            raise _read_only(path, exc.strerror) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _read_only(folder, "the folder is read-only")


def _read_only(where: Path, reason: str | None) -> DatabaseError:
    return DatabaseError(
        f"Navigator cannot write to {where} ({reason or 'read-only'}).",
        hint="Use a database in a folder you can write to (--db PATH or NAVIGATOR_DB), "
        "or ask whoever set up this laptop to fix the permissions.",
    )


def check_is_sqlite(path: Path) -> None:
    """Refuse a file that is not an SQLite database, before SQLite says something obscure."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"Cannot read the database {path}: {exc.strerror}.") from exc
    if header and header != SQLITE_HEADER:
        raise DatabaseError(
            f"{path} is not a Navigator database (it is not an SQLite file).",
            hint="Check the --db path, or move that file away and start again.",
        )
