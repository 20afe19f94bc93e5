"""`navigator bench open`: a large catalogue against a small one, each opened by fresh
processes as a user would (`navigator search`, and the app's first results)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from navigator.cli.common import json_option, user_errors

DATABASE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("open")
@click.argument("large", type=DATABASE)
@click.argument("small", type=DATABASE)
@click.option("--query", default="food", show_default=True)
@click.option("--runs", type=click.IntRange(1, 20), default=3, show_default=True)
@json_option
@user_errors
def bench_open(large: Path, small: Path, query: str, runs: int, as_json: bool) -> None:
    """Time `navigator search QUERY` and the app's first results on LARGE and SMALL
    (databases, e.g. one saved by `bench search --save-db` and Miami's); print ratios."""
    from navigator.bench.measure_open import measure_open

    reports = measure_open([small, large], query, runs)
    if as_json:
        click.echo(json.dumps([asdict(r) for r in reports], indent=2))
        return
    click.echo(f"{'':34}{'services':>10}{'search s':>10}{'peak MB':>9}{'first s':>9}{'app s':>8}")
    for report in reports:
        peak = report.search.peak_rss_mb
        click.echo(
            f"{Path(report.db).name[:34]:34}{report.services:>10,}"
            f"{report.search.seconds:>10.2f}{peak if peak is not None else float('nan'):>9.0f}"
            f"{report.first_search.seconds:>9.2f}{report.app_first_results:>8.2f}"
        )
    small_report, large_report = reports
    click.echo(
        f"large/small: `navigator search {query}` "
        f"{large_report.search.seconds / small_report.search.seconds:.2f}x; "
        f"app first results {large_report.app_first_results / small_report.app_first_results:.2f}x"
    )
    click.echo(
        "(search s: median of the later runs; first s: the first run, which builds the "
        "index file if it is missing or stale; app s: median, process start to results "
        "shown; runs alternate between the two databases)"
    )
