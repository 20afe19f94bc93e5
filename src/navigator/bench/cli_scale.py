"""`navigator bench scale`: import, export and push at 100k, as ratios from one run."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import click

from navigator.cli.common import json_option, user_errors

# Issue 13's bars, each on the figure the issue names. An import's figure is its whole
# wall time as the user waits for it (reading, checking, saving and building the search
# index the first search opens) over a raw SQLite executemany of the rows it stored.
BARS = {
    "import_hsds1_over_raw": 3.0, "import_hsds3_json_over_raw": 3.0, "push_over_raw": 2.0,
    "import_hsds1_peak_mb": 400.0, "import_hsds3_json_peak_mb": 400.0, "export_peak_mb": 400.0,
}  # fmt: skip
# Shown for where the time goes; no bar of the issue is set on them.
REFERENCE_ONLY = ("import_hsds1_without_index_over_raw", "import_hsds3_json_without_index_over_raw")
_VERDICTS = (
    (
        "import_hsds1_over_raw",
        "Import of an HSDS 1.x package, index included, over raw",
    ),
    ("import_hsds3_json_over_raw", "Import of its HSDS 3.0 JSON export, index included, over raw"),
    ("import_hsds1_peak_mb", "Peak memory of the HSDS 1.x import (MB)"),
    ("import_hsds3_json_peak_mb", "Peak memory of the HSDS 3.0 JSON import (MB)"),
    ("export_peak_mb", "Peak memory of the export (MB)"),
    ("push_over_raw", "Push over a raw executemany on the same hub"),
)


def verdicts(figures: dict[str, Any]) -> dict[str, str]:
    """'met' or 'NOT met' for each of the issue's figures this run measured."""
    return {
        key: "met" if figures[key] <= bar else "NOT met"
        for key, bar in BARS.items()
        if key in figures
    }


def _load() -> list[float]:
    """The machine's 1-minute load average (figures from a shared machine need it)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:  # not available on this system
        return []


@click.command("scale")
@click.option("--services", "count", default=100_000, show_default=True, type=click.IntRange(1))
@click.option("--handoffs", default=100_000, show_default=True, type=click.IntRange(1))
@click.option("--batch-size", default=None, type=click.IntRange(1),
              help="Push batch size (default: the push's own).")  # fmt: skip
@click.option("--hub", "hub_url", default=None,
              help="A PostgreSQL server for the push (a scratch schema is used and dropped); "
              "default: a throwaway cluster on loopback.")  # fmt: skip
@click.option("--skip-push", is_flag=True, help="Only the catalogue figures.")
@json_option
@user_errors
def bench_scale(
    count: int,
    handoffs: int,
    batch_size: int | None,
    hub_url: str | None,
    skip_push: bool,
    as_json: bool,
) -> None:
    """Import (HSDS 1.x and 3.0 JSON), export and push at scale: time ratios and peak memory.

    The import figure the issue sets a bar on (<= 3x) is the import's whole wall time,
    search index included, over a raw SQLite executemany of the same rows."""
    from navigator.bench.measure_scale import catalogue_figures, push_figures
    from navigator.sync.push import DEFAULT_BATCH

    load_before = _load()
    with tempfile.TemporaryDirectory(prefix="navigator-bench-") as temp:
        folder = Path(temp)
        figures = catalogue_figures(folder, count)
        if not skip_push:
            (folder / "push").mkdir()
            figures |= push_figures(hub_url, folder / "push", handoffs, batch_size or DEFAULT_BATCH)
    figures |= {"load_average_before": load_before, "load_average_after": _load()}
    found = verdicts(figures)
    if as_json:
        click.echo(json.dumps(figures | {"verdicts": found}, indent=2))
        return
    for key, value in figures.items():
        bar = BARS.get(key)
        note = ""
        if bar is not None:
            note = f"   (issue 13 bar <= {bar:g}: {found[key]})"
        elif key in REFERENCE_ONLY:
            note = "   (for reference: not the issue's figure, no bar)"
        click.echo(f"{key:40} {value}{note}")
    click.echo("")
    after = _shown(figures["load_average_after"])
    click.echo(f"Issue 13 in this run (load average {_shown(load_before)} before, {after} after):")
    for key, label in _VERDICTS:
        if key in figures:
            click.echo(f"  {label}: {figures[key]} (bar <= {BARS[key]:g}): {found[key]}")


def _shown(load: list[float]) -> str:
    return " / ".join(str(x) for x in load) or "unknown"
