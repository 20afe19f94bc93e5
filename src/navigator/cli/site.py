"""`navigator site ...`: this laptop's place among the agency's sites."""

from __future__ import annotations

import json
from pathlib import Path

import click

from navigator.cli.common import db_option, desk_for, json_option, user_errors
from navigator.cli.lead import lead_option, signed_in_lead


@click.group()
def site() -> None:
    """Join this laptop to the agency's hub."""


@site.command("join")
@click.argument("enrollment", type=click.Path(dir_okay=False, path_type=Path))
@lead_option
@db_option
@json_option
@click.pass_context
@user_errors
def site_join(
    ctx: click.Context, enrollment: Path, lead: str | None, db: Path | None, as_json: bool
) -> None:
    """Take the site id, hub role and keys from the agency's enrollment file (leads only)."""
    from navigator.desk.join_site import join_site

    with desk_for(ctx, db) as desk:
        signed_in_lead(desk, lead)  # it changes which site and hub this laptop serves
        report = join_site(enrollment, desk)
    if as_json:
        click.echo(
            json.dumps(
                {"site_id": report.site_id, "hub": report.hub, "stored_at": str(report.stored_at)}
            )
        )
        return
    click.echo(f"Joined as site {report.site_id} at {report.hub}")
    click.echo(f"Enrollment kept at {report.stored_at} (readable by you only).")
    click.echo(f"You may now delete {enrollment}: it holds this site's password and key.")
