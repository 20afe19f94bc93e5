"""`navigator follow-up ...`: the follow-ups due, and recording what came of one."""

from __future__ import annotations

import json
from pathlib import Path

import click

from navigator.cli.common import db_option, desk_for, json_option, user_errors
from navigator.cli.lead import signed_in_volunteer, volunteer_option
from navigator.cli.personal_data import allow_personal_data_option, check_free_text
from navigator.desk.follow_ups import follow_ups_due, record_outcome
from navigator.domain.follow_up import FollowUpOutcome


@click.group("follow-up")
def follow_up() -> None:
    """Follow-ups due today and overdue."""


@follow_up.command("list")
@volunteer_option
@db_option
@json_option
@click.pass_context
@user_errors
def follow_up_list(
    ctx: click.Context, volunteer: str | None, db: Path | None, as_json: bool
) -> None:
    """Follow-ups due today or overdue that have no outcome yet, oldest first."""

    with desk_for(ctx, db) as desk:
        signed_in_volunteer(desk, volunteer)  # the list shows client references
        due = follow_ups_due(desk)
    if as_json:
        rows = [
            {
                "handoff_id": str(item.handoff.id),
                "due": item.due.isoformat(),
                "days_overdue": item.days_overdue,
                "kind": item.handoff.kind.value,
                "needs": list(item.handoff.needs),
                "service": item.handoff.service.name if item.handoff.service else None,
                "client_ref": item.handoff.client_ref,
            }
            for item in due
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for item in due:
        late = "today" if not item.days_overdue else f"{item.days_overdue} d late"
        service = item.handoff.service.name if item.handoff.service else "unmet need"
        click.echo(f"{item.handoff.id}  {item.due}  {late:<10}  {service}")
    if not due:
        click.echo("No follow-ups due.")


@follow_up.command("record")
@click.argument("handoff_id")
@click.option(
    "--outcome",
    type=click.Choice([o.value for o in FollowUpOutcome]),
    required=True,
    help="reached (the service), not_reached, or unknown.",
)
@volunteer_option
@click.option("--note", help="Short note; never the client's name.")
@allow_personal_data_option
@db_option
@json_option
@click.pass_context
@user_errors
def follow_up_record(
    ctx: click.Context,
    handoff_id: str,
    outcome: str,
    note: str | None,
    allow_personal_data: bool,
    volunteer: str | None,
    db: Path | None,
    as_json: bool,
) -> None:
    """Record the outcome of HANDOFF_ID's follow-up as a new event; prints the event's id."""

    with desk_for(ctx, db) as desk:
        signed_in_volunteer(desk, volunteer)  # the event carries who recorded it
        check_free_text(desk, allow_personal_data, note=note)
        event = record_outcome(desk, handoff_id, outcome, note=note)
    click.echo(event.model_dump_json(indent=2) if as_json else str(event.id))
