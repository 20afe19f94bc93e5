"""`navigator handoff ...`: recording handoffs from a script."""

from __future__ import annotations

from pathlib import Path

import click

from navigator.cli.common import db_option, desk_for, json_option, user_errors
from navigator.cli.lead import signed_in_volunteer, volunteer_option
from navigator.cli.personal_data import allow_personal_data_option, check_free_text
from navigator.desk.context import Desk
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.domain.follow_up import parse_follow_up


def warn_if_clock_wrong(desk: Desk) -> None:
    """Print the clock warning on stderr (the record is still made: the clock may be right)."""
    from navigator.desk.clock_check import clock_warning

    warning = clock_warning(desk)
    if warning:
        click.echo(f"Warning: {warning}", err=True)


@click.group()
def handoff() -> None:
    """Record handoffs from scripts."""


@handoff.command("record")
@click.option("--service", "service_id", help="Service id (omit for an unmet need).")
@click.option(
    "--kind",
    type=click.Choice(["info", "warm", "appointment", "unmet"]),
    required=True,
    help="info, warm (handoff by phone), appointment, or unmet (nothing fit).",
)
@click.option("--need", "needs", multiple=True, required=True, help="Need answered (repeatable).")
@click.option("--consent/--no-consent", default=False, help="Client consents to sharing.")
@click.option("--follow-up", help="YYYY-MM-DD, or +7 for a week from today.")
@click.option("--note", help="Short note; never the client's name.")
@click.option("--client-ref", help="Reference such as AB-1042; never a name.")
@allow_personal_data_option
@volunteer_option
@db_option
@json_option
@click.pass_context
@user_errors
def handoff_record(
    ctx: click.Context,
    service_id: str | None,
    kind: str,
    needs: tuple[str, ...],
    consent: bool,
    follow_up: str | None,
    note: str | None,
    client_ref: str | None,
    allow_personal_data: bool,
    volunteer: str | None,
    db: Path | None,
    as_json: bool,
) -> None:
    """Record one handoff; prints its id once it is saved to disk."""

    with desk_for(ctx, db) as desk:
        signed_in_volunteer(desk, volunteer)  # the record carries who made it
        draft = make_draft(
            desk,
            kind=kind,
            needs=needs,
            service_id=service_id,
            consent_to_share=consent,
            follow_up=parse_follow_up(follow_up or "", desk.today()),
            note=note,
            client_ref=client_ref,
        )
        warn_if_clock_wrong(desk)
        # After the site's rules (a reference outside the pattern has no way past them).
        check_free_text(desk, allow_personal_data, note=note, client_ref=client_ref)
        saved = record_handoff(desk, draft)
    if as_json:
        click.echo(saved.model_dump_json(indent=2))
    else:
        click.echo(str(saved.id))
