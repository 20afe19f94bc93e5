"""`navigator bench scale`: every issue-13 figure at one size, as ratios measured in one run.

Each import and export runs in its own process (the real command), so its peak
resident memory is its own. Time ratios compare against the cheapest way to
put the same rows in the same place, measured in the same run on the same
machine: a raw SQLite executemany for imports, a raw executemany on the same
hub for push.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from navigator.bench.measure_import import raw_executemany_seconds, run_measured
from navigator.bench.measure_sync import run_sync_bench
from navigator.bench.synthetic_package import write_package
from navigator.errors import NavigatorError


def _navigator(*args: str) -> list[str]:
    return [sys.executable, "-m", "navigator", *args]


def _import(source: Path, db: Path) -> tuple[float, float, int, float]:
    """Wall seconds, peak MB, services imported, and the seconds of those spent indexing."""
    seconds, peak, out = run_measured(
        _navigator("catalogue", "import", str(source), "--db", str(db), "--json")
    )
    report = json.loads(out)
    return seconds, peak, int(report["services"]), float(report.get("indexing_s", 0.0))


def catalogue_figures(folder: Path, count: int) -> dict[str, Any]:
    """Import of an HSDS 1.x package of `count` services, its export, and the import of
    that HSDS 3.0 JSON export, each against a raw executemany of the rows it stored."""
    started = time.perf_counter()
    package = write_package(folder / "package", count)
    written = round(time.perf_counter() - started, 2)
    figures: dict[str, Any] = {"services": count, "package_written_s": written}
    tabular_db = folder / "tabular.db"
    seconds, peak, imported, indexing = _import(package, tabular_db)
    raw_s, rows = raw_executemany_seconds(tabular_db, folder / "raw-tabular")
    figures |= {
        "rows": rows, "raw_executemany_s": round(raw_s, 2),
        "import_hsds1_s": round(seconds, 2), "import_hsds1_peak_mb": round(peak, 1),
        "import_hsds1_over_raw": round(seconds / raw_s, 2), "imported_services": imported,
        "import_hsds1_indexing_s": round(indexing, 2),
        "import_hsds1_without_index_over_raw": round((seconds - indexing) / raw_s, 2),
    }  # fmt: skip
    exported = folder / "export.json"
    seconds, peak, _out = run_measured(
        _navigator("catalogue", "export", str(exported), "--db", str(tabular_db))
    )
    figures |= {"export_s": round(seconds, 2), "export_peak_mb": round(peak, 1),
                "export_file_mb": round(exported.stat().st_size / 2**20, 1)}  # fmt: skip
    json_db = folder / "json.db"
    seconds, peak, _imported, indexing = _import(exported, json_db)
    raw_json_s, _rows = raw_executemany_seconds(json_db, folder / "raw-json")
    figures |= {
        "raw_executemany_json_s": round(raw_json_s, 2),
        "import_hsds3_json_s": round(seconds, 2), "import_hsds3_json_peak_mb": round(peak, 1),
        "import_hsds3_json_over_raw": round(seconds / raw_json_s, 2),
        "import_hsds3_json_indexing_s": round(indexing, 2),
        "import_hsds3_json_without_index_over_raw": round((seconds - indexing) / raw_json_s, 2),
    }  # fmt: skip
    return figures


@contextmanager
def hub_server(hub_url: str | None) -> Iterator[str]:
    """`hub_url`, or a throwaway PostgreSQL cluster on loopback for the length of the run."""
    if hub_url:
        yield hub_url
        return
    from navigator.bench.throwaway_pg import find_pg_bin, throwaway_cluster

    pg_bin = find_pg_bin()
    if pg_bin is None:
        raise NavigatorError(
            "No hub given and no PostgreSQL server programs (initdb, pg_ctl) found.",
            hint="Pass --hub postgresql://user@host/db, or install PostgreSQL.",
        )
    with throwaway_cluster(pg_bin) as server:
        yield f"{server}/postgres"


def push_figures(hub_url: str | None, folder: Path, count: int, batch_size: int) -> dict[str, Any]:
    """Push of `count` handoffs against a raw executemany of the same rows on the same hub."""
    with hub_server(hub_url) as url:
        result = run_sync_bench(url, folder, count, batch_size)
    return {
        "handoffs": count, "batch_size": batch_size, "push_s": round(result.push_s, 2),
        "raw_push_executemany_s": round(result.raw_executemany_s, 2),
        "push_over_raw": round(result.ratio, 2),
    }  # fmt: skip
