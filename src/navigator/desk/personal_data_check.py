"""Checking a form's free text for personal data before it is saved (app and command line)."""

from __future__ import annotations

from dataclasses import dataclass

from navigator.desk.context import Desk
from navigator.domain.personal_data import Finding, describe, find_personal_data


@dataclass(frozen=True)
class PersonalDataFound:
    """What was found in one field, named as the form names it ("the note")."""

    field: str
    findings: tuple[Finding, ...]

    def sentence(self) -> str:
        return f"{self.field[:1].upper()}{self.field[1:]} holds {describe(list(self.findings))}"


def personal_data_in(desk: Desk, fields: dict[str, str | None]) -> list[PersonalDataFound]:
    """Each field (label -> text) that holds personal data, with what it holds; phone
    numbers are read as the site's country writes them (setting phone_region)."""
    found = []
    for label, text in fields.items():
        findings = find_personal_data(text or "", desk.settings.phone_region)
        if findings:
            found.append(PersonalDataFound(label, tuple(findings)))
    return found


def explain(found: list[PersonalDataFound]) -> str:
    """'The note holds a phone number; the client reference holds ...' for a message."""
    sentences = [item.sentence() for item in found]
    return "; ".join([sentences[0], *(s[:1].lower() + s[1:] for s in sentences[1:])]) + "."
