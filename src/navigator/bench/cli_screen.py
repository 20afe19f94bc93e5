"""`navigator bench screen`: keystroke-to-results-on-screen in the real app, via Pilot."""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict
from pathlib import Path

import click

from navigator.cli.common import db_option, json_option, user_errors


@click.command("screen")
@click.option(
    "--services",
    type=click.IntRange(min=1),
    help="Search a synthetic catalogue of this size (default: the --db catalogue).",
)
@click.option("--queries", type=click.IntRange(1, 15), default=6, show_default=True)
@db_option
@json_option
@user_errors
def bench_screen(services: int | None, queries: int, db: Path | None, as_json: bool) -> None:
    """Drive the app headless: echo and results latency per keystroke, and a typing burst."""
    from navigator.bench.keystrokes_on_screen import measure_screen
    from navigator.bench.measure_search import QUERIES
    from navigator.bench.synthetic import synthetic_catalogue
    from navigator.desk.context import open_desk

    with tempfile.TemporaryDirectory() as scratch:
        desk = open_desk(db or Path(scratch) / "bench.db")
        try:
            if services is not None:
                # The screen is what is measured: index a synthetic catalogue in memory
                # rather than spend minutes writing it to the database first.
                desk.rebuild_index(synthetic_catalogue(services))
            size = len(desk.index)
            report = measure_screen(desk, list(QUERIES[:queries]))
        finally:
            desk.close()
    if as_json:
        click.echo(json.dumps({"services": size} | asdict(report), indent=2))
        return
    click.echo(f"{size:,} services, {report.keystrokes} keystrokes sent to the app, headless (ms)")
    click.echo(f"  {'':32}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}")
    for label, lat in (
        ("key -> echoed in the search box", report.echo),
        ("key -> its results in the list", report.results),
        ("key -> results drawn on screen", report.drawn),
        ("  of which search (worker)", report.search),
    ):
        click.echo(f"  {label:32}{lat.p50:8.1f}{lat.p95:8.1f}{lat.p99:8.1f}{lat.worst:8.1f}")
    if report.timeouts:
        click.echo(f"  {report.timeouts} keystrokes got no results within 10 s")
    click.echo(
        f"  burst: {QUERIES[queries - 1]!r} typed at full speed -> final results in "
        f"{report.burst_seconds * 1000:.0f} ms; {report.burst_result_sets} result sets drawn"
    )
