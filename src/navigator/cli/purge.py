"""`navigator purge`: delete acknowledged handoffs older than the retention period."""

from __future__ import annotations

import json
from pathlib import Path

import click

from navigator.cli.common import db_option, desk_for, json_option, user_errors
from navigator.cli.lead import lead_option, signed_in_lead
from navigator.desk.purge import purge_by_lead


@click.command()
@click.option(
    "--days",
    type=click.IntRange(min=1),
    help="Keep this many days (default: the retention_days setting, 30).",
)
@lead_option
@db_option
@json_option
@click.pass_context
@user_errors
def purge(
    ctx: click.Context, days: int | None, lead: str | None, db: Path | None, as_json: bool
) -> None:
    """Delete handoffs the hub has acknowledged that are older than N days (leads only)."""

    with desk_for(ctx, db) as desk:
        acting = signed_in_lead(desk, lead)
        report = purge_by_lead(desk, days, acting=acting)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "purged": report.purged,
                    "events": report.events,
                    "flags": report.flags,
                    "backups": report.backups,
                    "days": report.days,
                    "cutoff": report.cutoff.isoformat(),
                }
            )
        )
    else:
        click.echo(
            f"Purged {report.purged} acknowledged handoff{'s' if report.purged != 1 else ''} "
            f"recorded before {report.cutoff:%Y-%m-%d %H:%M} UTC ({report.days} days kept), "
            f"with {report.events} events and {report.flags} flags; "
            f"{report.backups} old upgrade backups deleted."
        )
