"""`navigator bench sync`: push N handoffs to a hub vs a raw executemany of the same rows."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from navigator.cli.common import json_option, user_errors
from navigator.cli.sync import hub_option


@click.command("sync")
@click.option("--handoffs", "count", default=100_000, show_default=True, type=click.IntRange(1))
@click.option("--batch-size", default=1000, show_default=True, type=click.IntRange(1))
@hub_option
@json_option
@user_errors
def bench_sync(count: int, batch_size: int, hub_url: str | None, as_json: bool) -> None:
    """Time a push of N pending handoffs and a raw executemany, in a scratch schema on the hub."""
    from navigator.bench.measure_sync import run_sync_bench

    with tempfile.TemporaryDirectory(prefix="navigator-bench-") as workdir:
        result = run_sync_bench(hub_url, Path(workdir), count, batch_size)
    figures = result.as_dict()
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    click.echo(
        f"push {count:,} handoffs (batches of {batch_size}): {result.push_s:8.2f} s"
        f"  ({figures['push_per_s']:,}/s)"
    )
    click.echo(
        f"raw executemany of the same rows:        {result.raw_executemany_s:8.2f} s"
        f"  ({figures['raw_per_s']:,}/s)"
    )
    click.echo(f"ratio push / raw: {result.ratio:.2f}")
