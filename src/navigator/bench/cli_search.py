"""`navigator bench search`: per-keystroke latency and memory at 1k/10k/100k services."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from navigator.cli.common import json_option, user_errors


@click.command("search")
@click.option(
    "--services",
    "sizes",
    multiple=True,
    type=click.IntRange(min=1),
    help="Synthetic catalogue size (repeatable; default 1000, 10000 and 100000).",
)
@click.option(
    "--baseline-keystrokes",
    type=click.IntRange(min=1),
    default=60,
    show_default=True,
    help="Keystrokes the slow full rapidfuzz scan is timed on (evenly sampled).",
)
@click.option(
    "--save-db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also store the largest synthetic catalogue in this database, for `navigator --db`.",
)
@json_option
@user_errors
def bench_search(
    sizes: tuple[int, ...], baseline_keystrokes: int, save_db: Path | None, as_json: bool
) -> None:
    """Type realistic queries one keystroke at a time; print p50/p95/p99 and memory."""
    from navigator.bench.measure_search import keystrokes, measure_search_speed

    sizes = sizes or (1_000, 10_000, 100_000)
    reports = []
    if not as_json:
        click.echo(f"{len(keystrokes())} keystrokes per catalogue; times in ms per keystroke")
    for count in sorted(sizes):
        report = measure_search_speed(count, baseline_keystrokes=baseline_keystrokes)
        reports.append(report)
        if as_json:
            continue
        click.echo(
            f"\n{count:,} services: vocabulary {report.vocabulary:,} words, index built in "
            f"{report.build_seconds:.1f} s, +{report.index_rss_mb:.0f} MB; "
            f"peak RSS {report.peak_rss_mb:.0f} MB"
        )
        click.echo(f"  {'':28}{'n':>5}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}")
        for label, lat in (
            ("Navigator", report.navigator),
            ("FTS5 prefix query (bm25)", report.fts5),
            ("rapidfuzz extract, WRatio", report.rapidfuzz),
        ):
            click.echo(
                f"  {label:28}{lat.samples:>5}{lat.p50:8.2f}{lat.p95:8.2f}{lat.p99:8.2f}"
                f"{lat.worst:8.1f}"
            )
        click.echo(
            f"  typo tolerance: {report.typos_ok}/{report.typos_total} misspelt queries "
            "find their need in the top 3"
        )
    if as_json:
        click.echo(json.dumps([asdict(r) for r in reports], indent=2))
    if save_db is not None:
        from navigator.bench.measure_search import install_synthetic_catalogue
        from navigator.desk.context import open_desk

        desk = open_desk(save_db, load_demo=False)
        try:
            stored = install_synthetic_catalogue(desk, max(sizes))
        finally:
            desk.close()
        click.echo(f"\nStored {stored:,} synthetic services in {save_db}", err=as_json)
