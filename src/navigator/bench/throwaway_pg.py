"""A throwaway PostgreSQL cluster (hub tests, `navigator bench scale`): initdb + pg_ctl on a
free loopback port.

Set NAVIGATOR_TEST_PG_URL (a server where the user may CREATE DATABASE) to use
an existing server instead. PostgreSQL refuses to run as root, so as root the
cluster runs as the unprivileged user `nobody` in a folder it owns.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEST_PG_ENV = "NAVIGATOR_TEST_PG_URL"


def find_pg_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, or where Debian's package puts them."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_cluster_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "nobody", "--", *command]


@contextmanager
def throwaway_cluster(pg_bin: Path) -> Iterator[str]:
    """Start a cluster and yield its server URL (no database part); stop and delete it after."""
    root = Path(tempfile.mkdtemp(prefix="navigator-pg-"))
    data = root / "data"
    log = root / "server.log"
    if os.geteuid() == 0:
        shutil.chown(root, user="nobody")
    port = _free_port()
    try:
        subprocess.run(
            _as_cluster_user(
                [
                    str(pg_bin / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                    "--no-instructions",
                ]
            ),
            check=True,
            capture_output=True,
        )
        options = (
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        pg_ctl = [str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(log)]
        started = subprocess.run(
            _as_cluster_user([*pg_ctl, "-o", options, "-w", "start"]),
            capture_output=True,
            text=True,
        )
        if started.returncode != 0:
            server_log = log.read_text() if log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {started.stderr}\n{server_log}")
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_cluster_user(
                [str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
            ),
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)
