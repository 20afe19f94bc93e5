"""`navigator catalogue ...`: loading and inspecting the catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import click

from navigator.cli.common import db_option, desk_for, json_option, user_errors
from navigator.cli.import_progress import import_progress
from navigator.cli.lead import lead_option, signed_in_lead
from navigator.desk.catalogue_stats import catalogue_stats


@click.group()
def catalogue() -> None:
    """Load and inspect the resource catalogue."""


@catalogue.command("stats")
@db_option
@json_option
@click.pass_context
@user_errors
def catalogue_stats_command(ctx: click.Context, db: Path | None, as_json: bool) -> None:
    """Count organizations, services, locations, schedules and needs."""

    with desk_for(ctx, db) as desk:
        stats = catalogue_stats(desk)
    if as_json:
        click.echo(json.dumps(stats.as_dict(), indent=2))
        return
    click.echo(f"Catalogue: {stats.source} ({stats.format}), imported {stats.imported_at}")
    for label in ("organizations", "services", "locations", "services_with_schedules",
                  "services_with_needs"):  # fmt: skip
        click.echo(f"  {label.replace('_', ' '):<24} {getattr(stats, label):>7}")
    click.echo("  services by need:")
    for code, count in stats.services_by_need.items():
        click.echo(f"    {code:<22} {count:>7}")


@catalogue.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", help="Override format detection.")
@click.option("--strict", is_flag=True, help="Fail on the first problem instead of skipping.")
@lead_option
@db_option
@json_option
@click.pass_context
@user_errors
def catalogue_import(
    ctx: click.Context,
    path: Path,
    fmt: str | None,
    strict: bool,
    lead: str | None,
    db: Path | None,
    as_json: bool,
) -> None:
    """Replace the catalogue with a directory file (all or nothing)."""
    # Lazy: the importers are a tenth of a second to load (measured); load on use.
    from navigator.desk.import_catalogue import import_catalogue

    # A first start need not load the demo catalogue only to replace it.
    with desk_for(ctx, db, load_demo=False) as desk:
        signed_in_lead(desk, lead)  # only leads replace the catalogue
        with import_progress() as (stage, progress):
            report = import_catalogue(
                desk, path, fmt=fmt, strict=strict, stage=stage, progress=progress
            )
    reasons = report.problems.counts_by_reason()
    if as_json:
        click.echo(
            json.dumps(
                {
                    "source": report.source,
                    "format": report.format,
                    "services": report.services,
                    "organizations": report.organizations,
                    "locations": report.locations,
                    "services_with_needs": report.services_with_needs,
                    "services_with_schedules": report.services_with_schedules,
                    "problems": len(report.problems),
                    "problems_by_reason": dict(reasons),
                    "version": report.version,
                    "indexing_s": round(report.indexing_s, 2),
                },
                indent=2,
            )
        )
        return
    click.echo(
        f"Imported {report.services} services, {report.organizations} organizations, "
        f"{report.locations} locations from {report.source} ({report.format})."
    )
    share = 100 * report.services_with_needs / report.services if report.services else 0
    click.echo(f"Services with at least one need: {report.services_with_needs} ({share:.1f}%).")
    click.echo(
        f"Services with opening hours: {report.services_with_schedules}"
        + (f" (and {report.hours_only_as_text} with hours kept as text)"
           if report.hours_only_as_text else "")
        + "."
    )  # fmt: skip
    if reasons:
        click.echo(f"{len(report.problems)} problems (rows or values skipped), by reason:")
        first_at: dict[str, str] = {}
        for problem in report.problems.problems:
            first_at.setdefault(problem.message, problem.where())
        for reason, count in reasons.most_common(20):
            click.echo(f"  {count:>6}  {reason}")
            click.echo(f"          first at {first_at[reason]}")
        if len(reasons) > 20:
            click.echo(f"  ... and {len(reasons) - 20} other reasons (see --json)")
