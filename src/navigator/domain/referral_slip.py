"""The referral slip a client takes away: how to reach each service, as data and as plain text."""

from __future__ import annotations

import textwrap
from datetime import date

from pydantic import BaseModel, ConfigDict

from navigator.domain.availability import weekly_hours
from navigator.domain.catalogue import Listing
from navigator.domain.text import strip_controls

SLIP_WIDTH = 64
LABEL_WIDTH = 15


class SlipService(BaseModel):
    """One service on the slip; every field is text already fit to print."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    organization: str | None = None
    address: str | None = None
    transit: str | None = None
    hours: tuple[tuple[str, str], ...] = ()
    """(day, hours) for seven days, today first."""
    hours_note: str | None = None
    phones: tuple[str, ...] = ()
    contact: str | None = None
    bring: str | None = None
    eligibility: str | None = None


class ReferralSlip(BaseModel):
    model_config = ConfigDict(frozen=True)

    site_name: str
    day: date
    services: tuple[SlipService, ...]


def _clean(value: str | None) -> str | None:
    text = strip_controls(value or "").strip()
    return text or None


def slip_service(listing: Listing, today: date) -> SlipService:
    service = listing.service
    timed = any(rule.has_times for rule in service.schedules)
    hours: tuple[tuple[str, str], ...] = ()
    if timed:
        hours = tuple(
            ("Today" if day == today else day.strftime("%a %d %b"), text)
            for day, text in weekly_hours(listing, today)
        )
    phones = []
    for phone in service.phones[:2]:
        ext = f" ext. {phone.extension}" if phone.extension else ""
        phones.append(f"{phone.number}{ext}")
    contact = None
    if service.contacts:
        person = service.contacts[0]
        contact = ", ".join(p for p in (person.name, person.title) if p)
        if person.phone:
            contact += f" - {person.phone}"
    location = listing.primary_location
    return SlipService(
        id=listing.id,
        name=_clean(service.name) or listing.id,
        organization=_clean(listing.organization_name),
        address=_clean(listing.address),
        transit=_clean(location.transportation) if location else None,
        hours=tuple((d, _clean(t) or "") for d, t in hours),
        hours_note=None if timed else (_clean(service.hours_text) or "Call for hours"),
        phones=tuple(p for p in (_clean(x) for x in phones) if p),
        contact=_clean(contact),
        bring=_clean(", ".join(service.documents)),
        eligibility=_clean(service.eligibility),
    )


def build_slip(listings: list[Listing], site_name: str, today: date) -> ReferralSlip:
    return ReferralSlip(
        site_name=_clean(site_name) or "",
        day=today,
        services=tuple(slip_service(listing, today) for listing in listings),
    )


def slip_rows(service: SlipService) -> list[tuple[str, str]]:
    """Label/value rows in the order a client reads them (shared by text and PDF)."""
    rows: list[tuple[str, str | None]] = [
        ("Address", service.address),
        ("Getting there", service.transit),
    ]
    rows += [("Phone", number) for number in service.phones]
    rows += [
        ("Ask for", service.contact),
        ("Bring", service.bring),
        ("Who can go", service.eligibility),
        ("Hours", service.hours_note),
    ]
    return [(label, value) for label, value in rows if value]


def slip_text(slip: ReferralSlip, width: int = SLIP_WIDTH) -> str:
    """The slip as plain text for a receipt or line printer."""
    lines = ["REFERRAL SLIP", slip.site_name, f"{slip.day:%A %d %B %Y}", "=" * width]
    value_width = width - LABEL_WIDTH
    for number, service in enumerate(slip.services):
        if number:
            lines += ["", "-" * width]
        lines += textwrap.wrap(service.name.upper(), width) or [""]
        if service.organization:
            lines += textwrap.wrap(service.organization, width)
        lines.append("")
        for label, value in slip_rows(service):
            wrapped = textwrap.wrap(value, value_width) or [""]
            head = f"{label}:" if len(label) < LABEL_WIDTH else f"{label}:\n" + " " * LABEL_WIDTH
            lines.append(f"{head:<{LABEL_WIDTH}}{wrapped[0]}")
            lines += [" " * LABEL_WIDTH + more for more in wrapped[1:]]
        if service.hours:
            lines += ["", "This week (today first):"]
            lines += [f"  {day:<12}{text}" for day, text in service.hours]
    lines += ["=" * width, "Hours and details can change: call before you go if you can."]
    return "\n".join(lines) + "\n"
