"""`navigator bench scale`: import, export and push at 100k, as ratios from one run."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from navigator.cli.common import json_option, user_errors

# The bars issue 13 sets, shown beside each figure.
BARS = {
    "import_hsds1_over_raw": 3.0, "import_hsds3_json_over_raw": 3.0, "push_over_raw": 2.0,
    "import_hsds1_without_index_over_raw": 3.0, "import_hsds3_json_without_index_over_raw": 3.0,
    "import_hsds1_peak_mb": 400.0, "import_hsds3_json_peak_mb": 400.0, "export_peak_mb": 400.0,
}  # fmt: skip


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
    """Import (HSDS 1.x and 3.0 JSON), export and push at scale: time ratios and peak memory."""
    from navigator.bench.measure_scale import catalogue_figures, push_figures
    from navigator.sync.push import DEFAULT_BATCH

    with tempfile.TemporaryDirectory(prefix="navigator-bench-") as temp:
        folder = Path(temp)
        figures = catalogue_figures(folder, count)
        if not skip_push:
            (folder / "push").mkdir()
            figures |= push_figures(hub_url, folder / "push", handoffs, batch_size or DEFAULT_BATCH)
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    for key, value in figures.items():
        bar = BARS.get(key)
        verdict = "" if bar is None else f"   (bar <= {bar:g}: {'ok' if value <= bar else 'OVER'})"
        click.echo(f"{key:28} {value}{verdict}")
