"""`--lead NAME` for lead-only commands: the lead signs in with a PIN before the command runs."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

import click

from navigator.desk.context import Desk
from navigator.desk.volunteers import open_desk_mode, sign_in
from navigator.domain.volunteer import Volunteer
from navigator.errors import NotAllowed

F = TypeVar("F", bound=Callable[..., Any])

lead_option = click.option(
    "--lead",
    "lead",
    envvar="NAVIGATOR_LEAD",
    metavar="NAME",
    help="Site lead doing this (asks for the PIN; env NAVIGATOR_LEAD, NAVIGATOR_PIN).",
)


def signed_in_lead(desk: Desk, lead: str | None) -> Volunteer | None:
    """The lead named by --lead, after their PIN; None in open-desk mode (no volunteers yet)."""
    if lead is None:
        if open_desk_mode(desk):
            return None
        raise NotAllowed(
            "This is for site leads: say who you are with --lead NAME.",
            hint="The PIN is asked next (or read from NAVIGATOR_PIN in scripts).",
        )
    pin = os.environ.get("NAVIGATOR_PIN") or click.prompt(
        f"PIN for {lead}", hide_input=True, err=True
    )
    volunteer = sign_in(desk, lead, str(pin))
    if not volunteer.is_lead:
        raise NotAllowed(f"{volunteer.name} is not a site lead.", hint="Ask a site lead.")
    return volunteer
