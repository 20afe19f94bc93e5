"""`navigator flag ...`: report a listing as wrong from a script; it travels with the next sync."""

from __future__ import annotations

from pathlib import Path

import click

from navigator.cli.common import db_option, desk_for, json_option, user_errors
from navigator.cli.lead import signed_in_volunteer, volunteer_option
from navigator.cli.personal_data import allow_personal_data_option, check_flag_note
from navigator.desk.flag_listing import flag_listing
from navigator.domain.listing_flag import FlagReason


@click.command("flag")
@click.argument("service_id")
@click.option(
    "--reason",
    type=click.Choice([r.value for r in FlagReason]),
    required=True,
    help="closed, moved, phone (does not work), hours (wrong), or other (needs --note).",
)
@click.option("--note", help="What is wrong, e.g. 'now at 40 Elm St'.")
@allow_personal_data_option
@volunteer_option
@db_option
@json_option
@click.pass_context
@user_errors
def flag(
    ctx: click.Context,
    service_id: str,
    reason: str,
    note: str | None,
    allow_personal_data: bool,
    volunteer: str | None,
    db: Path | None,
    as_json: bool,
) -> None:
    """Flag SERVICE_ID as wrong; prints the flag's id once it is saved."""

    with desk_for(ctx, db) as desk:
        signed_in_volunteer(desk, volunteer)  # the flag carries who made it
        check_flag_note(desk, allow_personal_data, note)
        saved = flag_listing(desk, service_id, reason, note)
    click.echo(saved.model_dump_json(indent=2) if as_json else str(saved.id))
