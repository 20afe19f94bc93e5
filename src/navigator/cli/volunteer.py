"""`navigator volunteer add|list|remove`: who may sign in at this desk."""

from __future__ import annotations

import json
from pathlib import Path

import click

from navigator.cli.common import db_option, desk_for, json_option, user_errors
from navigator.cli.lead import lead_option, signed_in_lead
from navigator.desk.volunteers import add_volunteer, list_volunteers, remove_volunteer


@click.group()
def volunteer() -> None:
    """Add, list and remove the volunteers who sign in with a PIN (leads only)."""


@volunteer.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["volunteer", "lead"]),
    default="volunteer",
    show_default=True,
    help="Leads may also import, export, sync, purge and manage volunteers.",
)
@lead_option
@db_option
@json_option
@click.pass_context
@user_errors
def volunteer_add(
    ctx: click.Context, name: str, role: str, lead: str | None, db: Path | None, as_json: bool
) -> None:
    """Add a volunteer; their PIN (4-12 digits) is asked twice and never shown."""

    with desk_for(ctx, db) as desk:
        acting = signed_in_lead(desk, lead)
        pin = click.prompt(
            f"New PIN for {name}",
            hide_input=True,
            confirmation_prompt="Same PIN again",
            err=True,
        )
        added = add_volunteer(desk, name, role, str(pin), acting=acting)
    if as_json:
        click.echo(json.dumps(added.model_dump(mode="json")))
    else:
        click.echo(f"Added {added.name} ({added.role.value}).")


@volunteer.command("list")
@db_option
@json_option
@click.pass_context
@user_errors
def volunteer_list(ctx: click.Context, db: Path | None, as_json: bool) -> None:
    """Everyone who may sign in, with their role."""

    with desk_for(ctx, db) as desk:
        people = list_volunteers(desk)
    if as_json:
        click.echo(json.dumps([v.model_dump(mode="json") for v in people], indent=2))
        return
    if not people:
        click.echo("No volunteers yet: the desk runs in open-desk mode.")
        click.echo("Add the first lead with: navigator volunteer add NAME --role lead")
    for person in people:
        click.echo(f"{person.name:<40} {person.role.value:<10} {person.id}")


@volunteer.command("remove")
@click.argument("name")
@lead_option
@db_option
@json_option
@click.pass_context
@user_errors
def volunteer_remove(
    ctx: click.Context, name: str, lead: str | None, db: Path | None, as_json: bool
) -> None:
    """Take away someone's access; the handoffs they recorded keep their id."""

    with desk_for(ctx, db) as desk:
        acting = signed_in_lead(desk, lead)
        removed = remove_volunteer(desk, name, acting=acting)
    if as_json:
        click.echo(json.dumps(removed.model_dump(mode="json")))
    else:
        click.echo(f"Removed {removed.name}.")
