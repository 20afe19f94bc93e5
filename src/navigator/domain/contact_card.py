"""A service as a contact card (vCard 3.0) for the slip's QR code: a client scans and keeps it.

Phones read vCards from a QR code with the camera app, no network needed. The card holds
the service's name, organization, first phone, address and today's hours.
"""

from __future__ import annotations

from datetime import date

from navigator.domain.referral_slip import (
    SlipService,
    hours_words,
)
from navigator.domain.text import Translate, untranslated


def _escape(value: str) -> str:
    """vCard text value escaping (RFC 2426 §4): backslash, comma, semicolon, newline."""
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def today_hours(service: SlipService, today: date, _: Translate = untranslated) -> str | None:
    """Today's hours as the slip shows them, or the directory's hours text."""
    for day, text in service.hours:
        if day == today:
            return hours_words(text, _)
    return service.hours_note


def contact_card(service: SlipService, today: date, _: Translate = untranslated) -> str:
    """The vCard text; lines end in CRLF as the format asks."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_escape(service.name)}"]
    lines.append(f"N:{_escape(service.name)};;;;")
    if service.organization:
        lines.append(f"ORG:{_escape(service.organization)}")
    if service.phones:
        lines.append(f"TEL;TYPE=WORK,VOICE:{service.dial or service.phones[0]}")
    if service.address:
        lines.append(f"ADR;TYPE=WORK:;;{_escape(service.address)};;;;")
    hours = today_hours(service, today, _)
    if hours:
        note = _("Today: {hours}").format(hours=hours)
        lines.append(f"NOTE:{_escape(note)}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"
