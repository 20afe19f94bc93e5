"""`--allow-personal-data`: the deliberate way past the personal-data guard on the command line."""

from __future__ import annotations

import click

from navigator.desk.context import Desk
from navigator.desk.personal_data_check import refuse_personal_data
from navigator.domain.personal_data import ADDRESS, PHONE

allow_personal_data_option = click.option(
    "--allow-personal-data",
    "allow_personal_data",
    is_flag=True,
    help="Save even when the note or client reference looks like personal data.",
)


# How a message names each option's text.
LABELS = {"note": "the note", "client_ref": "the client reference", "value": "the new value"}


def check_free_text(desk: Desk, allow: bool, **fields: str | None) -> None:
    """Refuse (exit 1, naming what was found) unless --allow-personal-data was given."""
    if not allow:
        refuse_personal_data(desk, {LABELS[name]: text for name, text in fields.items()})


def check_flag_note(desk: Desk, allow: bool, note: str | None) -> None:
    """A flag note may give the listing's new address or phone; anything else is refused."""
    if not allow:
        refuse_personal_data(desk, {LABELS["note"]: note}, about_the_listing=(ADDRESS, PHONE))
