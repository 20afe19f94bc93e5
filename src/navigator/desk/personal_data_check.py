"""Refusing personal data in the free text a command would save (the CLI's side of the guard)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from navigator.desk.context import Desk
from navigator.domain.personal_data import describe, find_personal_data
from navigator.errors import FIELD_LABELS, PersonalDataFound


def refuse_personal_data(
    desk: Desk, fields: Mapping[str, str | None], *, about_the_listing: Collection[str] = ()
) -> None:
    """Raise PersonalDataFound naming what each field holds (e.g. 'a phone number').

    `fields` maps a field's name (note, client_ref, value...) to the text about to be saved.
    The text itself is not repeated in the message: it is what must not spread.
    Kinds in `about_the_listing` are let through (a flag note gives a service's new
    address or phone number).
    """
    problems = []
    for name, text in fields.items():
        findings = [
            finding
            for finding in find_personal_data(
                text or "", desk.settings.phone_region, today=desk.today()
            )
            if finding.kind not in about_the_listing
        ]
        if findings:
            label = FIELD_LABELS.get(name, name.replace("_", " ").capitalize())
            problems.append(f"{label} holds {describe(findings)}")
    if problems:
        raise PersonalDataFound(
            "; ".join(problems) + ". A record must not identify a client: nothing was saved.",
            hint="Remove it and try again, or add --allow-personal-data to save it anyway.",
        )
