"""Yardsticks for `navigator bench import`: raw executemany of the same rows, and export.

The raw baseline copies every catalogue row an import stored into a fresh
database with the same schema and pragmas, through the driver's executemany
in one transaction: the least any import of those rows could cost.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click
from sqlalchemy import text

from navigator.store.catalogue_store import CATALOGUE_TABLES
from navigator.store.database import open_database

# Parents before children, so foreign keys hold row by row.
_INSERT_ORDER = tuple(reversed(CATALOGUE_TABLES))


def raw_executemany_seconds(imported: Path, folder: Path) -> tuple[float, int]:
    """Seconds to executemany every catalogue row of `imported` into a fresh database."""
    source = open_database(imported, migrate=False)
    tables: list[tuple[str, list[str], list[tuple[object, ...]]]] = []
    with source.connect() as connection:
        for row_type in _INSERT_ORDER:
            name = row_type.__tablename__
            columns = [c.name for c in row_type.__table__.columns]
            found = connection.execute(text(f"SELECT {', '.join(columns)} FROM {name}"))
            tables.append((name, columns, [tuple(r) for r in found]))
    source.dispose()
    target = open_database(folder / "raw.db")
    raw = target.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver is not None
        start = time.perf_counter()
        driver.execute("BEGIN IMMEDIATE")
        for name, columns, rows in tables:
            marks = ", ".join("?" for _ in columns)
            driver.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", rows)
        driver.execute("COMMIT")
        elapsed = time.perf_counter() - start
    finally:
        raw.close()
        target.dispose()
    return elapsed, sum(len(rows) for _name, _columns, rows in tables)


def _high_water_mb(pid: int) -> float | None:
    """The process's own peak resident memory so far (Linux VmHWM), in MB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def run_measured(command: list[str]) -> tuple[float, float, bytes]:
    """Run `command` in its own process: wall seconds, peak resident MB, and its stdout.

    The peak is the child's VmHWM, read while it runs: its ru_maxrss would also count
    this (large) benchmark process, which a forked child holds until it execs.
    """
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdout=out, stderr=err)
        peak: float | None = None
        while child.poll() is None:
            seen = _high_water_mb(child.pid)
            if seen is not None:
                peak = max(peak or 0.0, seen)
            time.sleep(0.02)
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            message = err.read().decode(errors="replace").strip()
            raise click.ClickException(f"{' '.join(command[2:5])} failed: {message}")
        if peak is None:  # no /proc: the kernel's figure, which may include this process
            import resource  # Unix only, and only here

            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return elapsed, peak, out.read()


def export_figures(db: Path, folder: Path) -> dict[str, object]:
    """Time and peak memory of `navigator catalogue export` of the database `db`."""
    target = folder / "export.json"
    command = [sys.executable, "-m", "navigator", "catalogue", "export", str(target),
               "--db", str(db)]  # fmt: skip
    seconds, peak, _out = run_measured(command)
    size = target.stat().st_size
    target.unlink()
    return {"export_s": round(seconds, 2), "export_peak_mb": round(peak, 1),
            "export_file_mb": round(size / 2**20, 1)}  # fmt: skip
