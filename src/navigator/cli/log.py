"""`navigator log ...`: handing over a day's log as files."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from navigator.cli.common import db_option, desk_for, json_option, user_errors
from navigator.cli.lead import (
    lead_option,
    signed_in_lead,
    signed_in_volunteer,
    volunteer_option,
)
from navigator.desk.day_summary import day_summary
from navigator.desk.export_log import export_day


@click.group()
def log() -> None:
    """The day's handoffs."""


@log.command("export")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Site-local day, YYYY-MM-DD (default: today).",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the export and its manifest (created 0700 if missing).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl"]),
    default="csv",
    show_default=True,
    help="csv for spreadsheets, jsonl for programs.",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Write over an earlier export of the day (else it gets a new name, -2, -3...).",
)
@lead_option
@db_option
@json_option
@click.pass_context
@user_errors
def log_export(
    ctx: click.Context,
    lead: str | None,
    day: datetime | None,
    out_dir: Path,
    fmt: str,
    replace: bool,
    db: Path | None,
    as_json: bool,
) -> None:
    """Write one day's handoffs and a manifest with SHA-256s; files are 0600."""

    with desk_for(ctx, db) as desk:
        signed_in_lead(desk, lead)  # export and sync are for site leads
        report = export_day(
            desk, day.date() if day else desk.today(), out_dir, fmt, replace=replace
        )
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    click.echo(f"{report.handoffs} handoffs on {report.day.isoformat()}")
    for path in [*report.files, report.manifest]:
        click.echo(f"  {path}")


@log.command("summary")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Site-local date, YYYY-MM-DD (default: today).",
)
@volunteer_option
@db_option
@json_option
@click.pass_context
@user_errors
def log_summary(
    ctx: click.Context,
    day: datetime | None,
    volunteer: str | None,
    db: Path | None,
    as_json: bool,
) -> None:
    """Handoffs by need and kind, unmet needs, and handoffs by hour of day."""

    with desk_for(ctx, db) as desk:
        signed_in_volunteer(desk, volunteer)  # the day's records are for signed-in volunteers
        summary = day_summary(desk, day.date() if day else None)
    if as_json:
        click.echo(summary.model_dump_json(indent=2))
        return
    click.echo(f"Day summary - {summary.date:%A %d %B %Y} - site {summary.site_id}")
    click.echo(f"{summary.total} handoffs, {summary.unmet} unmet\n")
    if not summary.total:
        return
    click.echo(f"{'Need':<28}{'Handoffs':>9}{'Unmet':>7}")
    for need in summary.by_need:
        click.echo(f"{need.name:<28}{need.handoffs:>9}{need.unmet:>7}")
    click.echo(f"\n{'Kind':<28}{'Count':>9}")
    for kind in summary.by_kind:
        click.echo(f"{kind.label:<28}{kind.count:>9}")
    click.echo("\nBy hour")
    widest = max(h.count for h in summary.by_hour)
    for hour in summary.by_hour:
        bar = "#" * round(20 * hour.count / widest) if widest else ""
        click.echo(f"  {hour.hour:02d}:00 {hour.count:>3} {bar}")
