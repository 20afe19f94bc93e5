"""`navigator bench relevance`: precision@5 and MRR against the FTS5 bm25 baseline."""

from __future__ import annotations

import json
from pathlib import Path

import click

from navigator.cli.common import json_option, user_errors

SETS = Path(__file__).resolve().parents[3] / "tests" / "relevance"


@click.command("relevance")
@click.option(
    "--set",
    "set_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A judged query set (TOML, repeatable; default: every set in tests/relevance/).",
)
@click.option("--misses", is_flag=True, help="List queries with nothing relevant in the top 3.")
@json_option
@user_errors
def bench_relevance(set_files: tuple[Path, ...], misses: bool, as_json: bool) -> None:
    """Rank each judged query with Navigator and with plain FTS5 bm25; print both."""
    from navigator.bench.measure_relevance import measure_relevance
    from navigator.errors import CatalogueFormatError

    files = set_files or tuple(sorted(SETS.glob("*.toml")))
    if not files:
        raise click.UsageError(f"No relevance sets given and none found in {SETS}.")
    rows = []
    for path in files:
        try:
            report = measure_relevance(path)
        except CatalogueFormatError as error:
            click.echo(
                f"{path.name}: skipped - cannot load its catalogue: {error.message}", err=True
            )
            continue
        ours, theirs = report.navigator, report.baseline
        row = {
            "set": report.judged.name,
            "queries": len(report.judged.queries),
            "services": report.services,
            "navigator": {
                "p_at_5": ours.precision_at_5,
                "mrr": ours.mrr,
                "hit_at_3": ours.hit_at_3,
            },
            "fts5_bm25": {
                "p_at_5": theirs.precision_at_5,
                "mrr": theirs.mrr,
                "hit_at_3": theirs.hit_at_3,
            },
            "unknown_ids": list(report.unknown_ids),
        }
        rows.append(row)
        if as_json:
            continue
        click.echo(f"{report.judged.name}: {row['queries']} queries, {report.services} services")
        click.echo(f"  {'':12}{'P@5':>8}{'MRR':>8}{'top-3':>8}")
        for label, s in (("Navigator", ours), ("FTS5 bm25", theirs)):
            click.echo(f"  {label:12}{s.precision_at_5:8.3f}{s.mrr:8.3f}{s.hit_at_3:8.0%}")
        click.echo(
            f"  ratio       {_ratio(ours.precision_at_5, theirs.precision_at_5):>8}"
            f"{_ratio(ours.mrr, theirs.mrr):>8}"
        )
        if report.unknown_ids:
            click.echo(f"  {len(report.unknown_ids)} judged ids are not in the catalogue")
        if misses:
            for outcome in ours.misses():
                rank = outcome.first_hit or "-"
                click.echo(f"  miss: {outcome.query.text!r} (first relevant at {rank})")
    if as_json:
        click.echo(json.dumps(rows, indent=2))


def _ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}x" if theirs else "n/a"
