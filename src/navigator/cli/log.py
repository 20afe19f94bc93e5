"""`navigator log ...`: the day's handoffs, summarised for the site lead and funders."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from navigator.cli.common import db_option, desk_for, json_option, user_errors


@click.group()
def log() -> None:
    """The day's handoff log."""


@log.command("summary")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Site-local date, YYYY-MM-DD (default: today).",
)
@db_option
@json_option
@click.pass_context
@user_errors
def log_summary(ctx: click.Context, day: datetime | None, db: Path | None, as_json: bool) -> None:
    """Handoffs by need and kind, unmet needs, and handoffs by hour of day."""
    from navigator.desk.day_summary import day_summary

    with desk_for(ctx, db) as desk:
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
