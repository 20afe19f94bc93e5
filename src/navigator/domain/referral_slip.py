"""The referral slip a client takes away: how to reach each service, as data and as plain text.

The slip's own words (labels, dates, notes) go through a `translate` function so the
slip can be printed in the client's language; the service's text stays as the
directory wrote it. The desk passes the gettext catalogue (navigator.translation).
"""

from __future__ import annotations

import textwrap
from collections.abc import Collection
from datetime import date

from pydantic import BaseModel, ConfigDict

from navigator.domain.availability import STALE_AFTER, clock_words, weekly_hours
from navigator.domain.catalogue import Listing, how_to_apply
from navigator.domain.hours import MONTH_NAMES, WEEKDAY_NAMES
from navigator.domain.phone_numbers import DEFAULT_REGION, dialable_phones, read_phone
from navigator.domain.text import N_, Translate, strip_controls, untranslated

SLIP_WIDTH = 64
LABEL_WIDTH = 15


# The calendar's names, listed for the catalogue (Babel reads only literal strings).
CALENDAR_WORDS = (
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday"),
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
    N_("December"),
)  # fmt: skip


class SlipService(BaseModel):
    """One service on the slip; every field is text already fit to print."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    organization: str | None = None
    notice: str | None = None
    """The directory's own alert (a closure, holiday hours), word for word."""
    flagged: bool = False
    """Reported wrong at a desk: the slip says to call first."""
    stale: bool = False
    """Not checked for over a year: the slip says to call first."""
    address: str | None = None
    transit: str | None = None
    hours: tuple[tuple[date, str], ...] = ()
    """(day, hours) for seven days, today first."""
    hours_note: str | None = None
    """The directory's hours text when it gave no times."""
    phones: tuple[str, ...] = ()
    """Dialable numbers, formatted for the site's region (fragments left out)."""
    dial: str | None = None
    """The first phone in E.164 (+13055550100), for the contact card."""
    contact: str | None = None
    how_to_apply: str | None = None
    bring: str | None = None
    eligibility: str | None = None


class ReferralSlip(BaseModel):
    model_config = ConfigDict(frozen=True)

    site_name: str
    day: date
    services: tuple[SlipService, ...]
    site_phone: str | None = None
    follow_up: date | None = None
    """When the desk will check in with the client (from the handoff)."""
    language: str = "en"
    """The language of the slip's own words; the catalogue's text is never translated."""


def _clean(value: str | None) -> str | None:
    text = strip_controls(value or "").strip()
    return text or None


def long_date(day: date, _: Translate = untranslated) -> str:
    """'Tuesday 24 November 2026', or in the slip's language."""
    return _("{weekday} {day} {month} {year}").format(
        weekday=_(WEEKDAY_NAMES[day.weekday()]),
        day=day.day,
        month=_(MONTH_NAMES[day.month - 1]),
        year=day.year,
    )


def short_date(day: date, _: Translate = untranslated) -> str:
    """'Wed 25 Nov': three letters of the translated names (English and Spanish alike)."""
    return _("{weekday} {day} {month}").format(
        weekday=_(WEEKDAY_NAMES[day.weekday()])[:3],
        day=f"{day.day:02d}",
        month=_(MONTH_NAMES[day.month - 1])[:3],
    )


def hours_words(text: str, _: Translate = untranslated) -> str:
    """The hours engine's text with its few words in the slip's language."""
    return clock_words(text, _)


def slip_service(
    listing: Listing,
    today: date,
    *,
    region: str = DEFAULT_REGION,
    flagged: bool = False,
    dated_directory: bool = True,
) -> SlipService:
    """One listing as it goes on a slip.

    `dated_directory` is False when the directory carries no verification dates at all:
    then "never verified" says nothing about this listing and no call-first line is printed.
    """
    service = listing.service
    timed = any(rule.has_times for rule in service.schedules)
    hours = tuple((day, _clean(text) or "") for day, text in weekly_hours(listing, today))
    phones = dialable_phones([(p.number, p.extension) for p in service.phones], region)[:2]
    contact = None
    if service.contacts:
        person = service.contacts[0]
        contact = ", ".join(p for p in (person.name, person.title) if p)
        reached = read_phone(person.phone or "", None, region)
        if reached is not None and reached.dialable:
            contact += f" - {reached.text}"
    verified = service.last_verified
    stale = (verified is None and dated_directory) or (
        verified is not None and today - verified > STALE_AFTER
    )
    location = listing.primary_location
    return SlipService(
        id=listing.id,
        name=_clean(service.name) or listing.id,
        organization=_clean(listing.organization_name),
        notice=_clean(service.alert),
        flagged=flagged,
        stale=stale,
        address=_clean(listing.address),
        transit=_clean(location.transportation) if location else None,
        hours=hours if timed else (),
        hours_note=None if timed else _clean(service.hours_text),
        phones=tuple(p for p in (_clean(x.text) for x in phones) if p),
        dial=phones[0].e164 if phones else None,
        contact=_clean(contact),
        how_to_apply=_clean(service.application_process),
        bring=_clean(", ".join(service.documents)),
        eligibility=_clean(service.eligibility),
    )


def build_slip(
    listings: list[Listing],
    site_name: str,
    today: date,
    *,
    site_phone: str | None = None,
    follow_up: date | None = None,
    language: str = "en",
    region: str = DEFAULT_REGION,
    flagged: Collection[str] = (),
    dated_directory: bool = True,
) -> ReferralSlip:
    """The slip for `listings`; `flagged` holds the ids of listings reported wrong."""
    phone = read_phone(site_phone or "", None, region)
    return ReferralSlip(
        site_name=_clean(site_name) or "",
        site_phone=phone.shown() if phone else None,
        day=today,
        follow_up=follow_up,
        language=language,
        services=tuple(
            slip_service(
                listing,
                today,
                region=region,
                flagged=listing.id in flagged,
                dated_directory=dated_directory,
            )
            for listing in listings
        ),
    )


def call_first(service: SlipService, _: Translate = untranslated) -> str | None:
    """The line telling the client to call before going, when the listing may be wrong."""
    if service.flagged:
        return _("Call first: this listing was reported as out of date.")
    if service.stale:
        return _("Call first: these details have not been checked for over a year.")
    return None


def slip_rows(service: SlipService, _: Translate = untranslated) -> list[tuple[str, str]]:
    """Label/value rows in the order a client reads them (shared by text and PDF)."""
    rows: list[tuple[str, str | None]] = [
        (_("Address"), service.address),
        (_("Getting there"), service.transit),
    ]
    rows += [(_("Phone"), number) for number in service.phones]
    rows += [
        (_("Ask for"), service.contact),
        (_("How to apply"), how_to_apply(service.how_to_apply, _)),
        (_("Bring"), service.bring),
        (_("Who can go"), service.eligibility),
    ]
    if not service.hours:
        rows.append((_("Hours"), service.hours_note or _("Call for hours")))
    return [(label, value) for label, value in rows if value]


def week_rows(
    service: SlipService, today: date, _: Translate = untranslated
) -> list[tuple[str, str]]:
    """(day label, hours) for the week on the slip, today first."""
    return [
        (_("Today") if day == today else short_date(day, _), hours_words(text, _))
        for day, text in service.hours
    ]


def header_lines(slip: ReferralSlip, _: Translate = untranslated) -> list[str]:
    """Site, phone, date and follow-up: the lines above the services."""
    site = slip.site_name
    if slip.site_phone:
        site = _("{site} - phone {phone}").format(site=site, phone=slip.site_phone)
    lines = [site, long_date(slip.day, _)]
    if slip.follow_up is not None:
        lines.append(
            _("We will check in with you on {date}.").format(date=long_date(slip.follow_up, _))
        )
    return lines


def footer_lines(slip: ReferralSlip, _: Translate = untranslated) -> list[str]:
    lines = [_("Hours and details can change: call before you go if you can.")]
    if slip.site_phone:
        lines.append(
            _("Questions? Call {site} at {phone}.").format(
                site=slip.site_name, phone=slip.site_phone
            )
        )
    return lines


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def slip_text(slip: ReferralSlip, width: int = SLIP_WIDTH, _: Translate = untranslated) -> str:
    """The slip as plain text for a receipt or line printer."""
    lines = [_("REFERRAL SLIP")]
    for line in header_lines(slip, _):
        lines += _wrap(line, width)
    lines.append("=" * width)
    value_width = width - LABEL_WIDTH
    for number, service in enumerate(slip.services):
        if number:
            lines += ["", "-" * width]
        lines += _wrap(service.name.upper(), width)
        if service.organization:
            lines += textwrap.wrap(service.organization, width)
        for warning in (service.notice, call_first(service, _)):
            if warning:
                lines += _wrap("! " + warning, width)
        lines.append("")
        for label, value in slip_rows(service, _):
            wrapped = _wrap(value, value_width)
            fits = len(label) + 2 <= LABEL_WIDTH  # label, colon and one space
            head = f"{label}:" if fits else f"{label}:\n" + " " * LABEL_WIDTH
            lines.append(f"{head:<{LABEL_WIDTH}}{wrapped[0]}")
            lines += [" " * LABEL_WIDTH + more for more in wrapped[1:]]
        if service.hours:
            lines += ["", _("This week (today first):")]
            lines += [f"  {day:<12}{text}" for day, text in week_rows(service, slip.day, _)]
    lines.append("=" * width)
    for line in footer_lines(slip, _):
        lines += _wrap(line, width)
    return "\n".join(lines) + "\n"
