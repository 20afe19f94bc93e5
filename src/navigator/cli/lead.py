"""`--lead NAME` and `--volunteer NAME`: who runs a command, signed in with a PIN first.

While no volunteer exists (open-desk mode) neither is needed, so a fresh
install works at once; the first volunteer added must be a lead.
"""

from __future__ import annotations

import os

import click

from navigator.desk.context import Desk
from navigator.desk.volunteers import open_desk_mode, sign_in
from navigator.domain.volunteer import Volunteer
from navigator.errors import NotAllowed

PIN_HINT = "The PIN is asked next (or read from NAVIGATOR_PIN in scripts)."

lead_option = click.option(
    "--lead",
    "lead",
    envvar="NAVIGATOR_LEAD",
    metavar="NAME",
    help="Site lead doing this (asks for the PIN; env NAVIGATOR_LEAD, NAVIGATOR_PIN).",
)
volunteer_option = click.option(
    "--volunteer",
    "volunteer",
    envvar="NAVIGATOR_VOLUNTEER",
    metavar="NAME",
    help="Who records this (asks for the PIN; env NAVIGATOR_VOLUNTEER, NAVIGATOR_PIN).",
)


def _pin_sign_in(desk: Desk, name: str) -> Volunteer:
    pin = os.environ.get("NAVIGATOR_PIN") or click.prompt(
        f"PIN for {name}", hide_input=True, err=True
    )
    return sign_in(desk, name, str(pin))


def signed_in_volunteer(desk: Desk, name: str | None) -> Volunteer | None:
    """The volunteer named by --volunteer, after their PIN; None in open-desk mode."""
    if name is None:
        if open_desk_mode(desk):
            return None
        raise NotAllowed(
            "Say who records this with --volunteer NAME: every record carries its volunteer.",
            hint=PIN_HINT,
        )
    return _pin_sign_in(desk, name)


def signed_in_lead(desk: Desk, name: str | None) -> Volunteer | None:
    """The lead named by --lead, after their PIN; None in open-desk mode."""
    if name is None:
        if open_desk_mode(desk):
            return None
        raise NotAllowed("This is for site leads: say who you are with --lead NAME.", hint=PIN_HINT)
    volunteer = _pin_sign_in(desk, name)
    if not volunteer.is_lead:
        raise NotAllowed(f"{volunteer.name} is not a site lead.", hint="Ask a site lead.")
    return volunteer
