"""`navigator handoff correct`: a correction is an event that points at a recorded handoff.

A follow-up's outcome has one command of its own: `navigator follow-up record`.
"""

from __future__ import annotations

from pathlib import Path

import click

from navigator.cli.common import db_option, desk_for, json_option, user_errors
from navigator.cli.lead import signed_in_volunteer, volunteer_option
from navigator.cli.personal_data import allow_personal_data_option, check_free_text
from navigator.desk.record_event import record_event
from navigator.domain.handoff_event import CORRECTABLE_FIELDS


@click.command("correct")
@click.argument("handoff_id")
@click.option("--field", "field_name", required=True, type=click.Choice(CORRECTABLE_FIELDS))
@click.option("--value", help="The right value (omit for --field void).")
@click.option("--note", help="Why; never the client's name.")
@allow_personal_data_option
@volunteer_option
@db_option
@json_option
@click.pass_context
@user_errors
def handoff_correct(
    ctx: click.Context,
    handoff_id: str,
    field_name: str,
    value: str | None,
    note: str | None,
    allow_personal_data: bool,
    volunteer: str | None,
    db: Path | None,
    as_json: bool,
) -> None:
    """Record a correction to a handoff (the handoff itself never changes)."""

    with desk_for(ctx, db) as desk:
        signed_in_volunteer(desk, volunteer)  # the event carries who recorded it
        # A corrected note or client reference is free text like the original.
        corrected = value if field_name in ("note", "client_ref") else None
        check_free_text(desk, allow_personal_data, value=corrected, note=note)
        event = record_event(
            desk, handoff_id, kind="correction", field=field_name, value=value, note=note
        )
    click.echo(event.model_dump_json(indent=2) if as_json else str(event.id))
