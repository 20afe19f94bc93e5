"""Checking a form's free text for personal data before it is saved (app and command line)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from navigator.desk.context import Desk
from navigator.domain.personal_data import Finding, describe, find_personal_data
from navigator.domain.text import Translate, untranslated
from navigator.errors import PersonalDataRefused


@dataclass(frozen=True)
class PersonalDataFound:
    """What was found in one field, named as the form names it ("the note")."""

    field: str
    findings: tuple[Finding, ...]

    def sentence(self, _: Translate = untranslated) -> str:
        text = _("{field} holds {what}").format(
            field=_(self.field), what=describe(list(self.findings), _)
        )
        return text[:1].upper() + text[1:]


def personal_data_in(desk: Desk, fields: dict[str, str | None]) -> list[PersonalDataFound]:
    """Each field (label -> text) that holds personal data, with what it holds; phone
    numbers are read as the site's country writes them (setting phone_region)."""
    found = []
    for label, text in fields.items():
        findings = find_personal_data(text or "", desk.settings.phone_region)
        if findings:
            found.append(PersonalDataFound(label, tuple(findings)))
    return found


def explain(found: list[PersonalDataFound], _: Translate = untranslated) -> str:
    """'The note holds a phone number; the client reference holds ...' for a message."""
    sentences = [item.sentence(_) for item in found]
    return "; ".join([sentences[0], *(s[:1].lower() + s[1:] for s in sentences[1:])]) + "."


def refuse_personal_data(
    desk: Desk, fields: dict[str, str | None], *, about_the_listing: Collection[str] = ()
) -> None:
    """The command line's guard: raise PersonalDataRefused naming what each field holds.

    `fields` maps a label ("the note") to the text about to be saved. The text itself is
    not repeated in the message: it is what must not spread. Kinds in `about_the_listing`
    are let through (a flag note gives a service's new address or phone number).
    """
    found = [
        PersonalDataFound(item.field, kept)
        for item in personal_data_in(desk, fields)
        if (kept := tuple(f for f in item.findings if f.kind not in about_the_listing))
    ]
    if found:
        raise PersonalDataRefused(
            explain(found)[:-1] + ". A record must not identify a client: nothing was saved.",
            hint="Remove it and try again, or add --allow-personal-data to save it anyway.",
        )
