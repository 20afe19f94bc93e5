"""`navigator slip ...`: a referral slip for one or more services, or for a recorded handoff."""

from __future__ import annotations

import json
from pathlib import Path

import click

from navigator.cli.common import db_option, desk_for, json_option, user_errors
from navigator.cli.lead import signed_in_volunteer, volunteer_option
from navigator.errors import SlipError


@click.command("slip")
@click.argument("service_ids", nargs=-1)
@click.option("--handoff", "handoff_id", help="Make the slip for this recorded handoff instead.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Save to FILE: PDF when it ends in .pdf, plain text otherwise.",
)
@click.option("--print", "to_printer", is_flag=True, help="Send to the printer (lp), else save.")
@volunteer_option
@click.option(
    "--lang",
    "language",
    metavar="LANG",
    help="Language of the slip's own words, e.g. es (default: the `language` setting).",
)
@db_option
@json_option
@click.pass_context
@user_errors
def slip(
    ctx: click.Context,
    service_ids: tuple[str, ...],
    handoff_id: str | None,
    out: Path | None,
    to_printer: bool,
    volunteer: str | None,
    language: str | None,
    db: Path | None,
    as_json: bool,
) -> None:
    """A referral slip for SERVICE_ID... (or --handoff ID); prints the text when no --out."""
    # Lazy: fpdf2 and the slip are ~20% of start-up (python -X importtime); load on use.
    from navigator.desk.referral_slip import (
        print_or_save,
        save_slip,
        slip_as_text,
        slip_for_handoff,
        slip_for_services,
    )
    from navigator.translation import available_languages, normalize_language

    if bool(service_ids) == bool(handoff_id):
        raise SlipError("Give one or more service ids, or --handoff ID (not both).")
    if language is not None and normalize_language(language) != language.strip().lower()[:2]:
        shipped = ", ".join(available_languages())
        raise SlipError(f"--lang {language}: no slip in that language (there are: {shipped}).")
    with desk_for(ctx, db) as desk:
        if handoff_id:
            signed_in_volunteer(desk, volunteer)  # a recorded handoff is client data
        made = (
            slip_for_handoff(desk, handoff_id, language=language)
            if handoff_id
            else slip_for_services(desk, list(service_ids), language=language)
        )
        saved: Path | None = None
        printed = False
        if out is not None:
            saved = save_slip(made, out)
        elif to_printer:
            delivery = print_or_save(desk, made)
            saved, printed = delivery.path, delivery.printed
    if as_json:
        payload = made.model_dump(mode="json")
        payload["saved_to"] = str(saved) if saved else None
        payload["printed"] = printed
        click.echo(_json(payload))
    elif saved is not None:
        click.echo(f"Saved {saved}")
    elif printed:
        click.echo("Sent to the printer.")
    else:
        click.echo(slip_as_text(made), nl=False)


def _json(payload: object) -> str:

    return json.dumps(payload, indent=2, ensure_ascii=False)
