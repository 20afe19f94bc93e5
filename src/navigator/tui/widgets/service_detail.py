"""What the client needs to get to the selected service: hours, address, phone, contact..."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import datetime

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from navigator.domain.availability import verified_age, weekly_hours
from navigator.domain.catalogue import Listing, distance_text
from navigator.domain.listing_flag import FlagReason
from navigator.domain.needs import NeedLexicon
from navigator.domain.phone_numbers import DEFAULT_REGION, read_phone
from navigator.search.index import SearchResult
from navigator.tui.safe_text import Part, content, shown

LABEL = "bold $text-primary"
LABEL_WIDTH = 13


class _Rows:
    """Label/value rows whose values wrap with a hanging indent under the label column."""

    def __init__(self, width: int) -> None:
        self.value_width = max(20, width - LABEL_WIDTH)

    def __call__(self, label: str, value: str | None, style: str = "") -> list[Part]:
        if not value:
            return []
        lines: list[str] = []
        for paragraph in shown(value).splitlines() or [""]:
            lines += textwrap.wrap(paragraph, self.value_width) or [""]
        indent = "\n" + " " * LABEL_WIDTH
        return [(f"{label:<{LABEL_WIDTH}}", LABEL), (indent.join(lines), style), "\n"]


def describe(
    result: SearchResult,
    lexicon: NeedLexicon,
    now: datetime,
    width: int = 60,
    flags: Sequence[FlagReason] = (),
    region: str = DEFAULT_REGION,
) -> Content:
    """The detail pane's text for one result, wrapped to `width` columns.

    Phone numbers are read with the site's `region`; a fragment is marked "(incomplete)".
    """
    _row = _Rows(width)
    listing: Listing = result.listing
    service = listing.service
    hours = result.availability
    parts: list[Part] = [(service.name, "bold"), "\n"]
    if listing.organization_name:
        parts += [(listing.organization_name, "$text-muted"), "\n"]
    parts.append("\n")
    if service.alert:
        parts += [("! " + service.alert, "bold $text-warning"), "\n\n"]
    if flags:
        reasons = ", ".join(dict.fromkeys(reason.label.lower() for reason in flags))
        parts += [(f"! Flagged as wrong at this desk: {reasons}", "bold $text-error"), "\n"]
        parts += [("  Call before sending someone.", "$text-error"), "\n\n"]
    elif result.stale:
        # Shown at the top too: the Verified row is often below the fold at 80x24.
        parts += [("! Stale listing: ", "bold $text-warning")]
        parts += [(verified_age(listing, now.date()) + " - call first", "$text-warning"), "\n\n"]
    status_style = "bold $text-success" if hours.open_now else "bold $text-warning"
    summary = hours.summary(now)  # not .capitalize(): it would write "opens sat 9 am"
    parts += _row("Status", summary[:1].upper() + summary[1:], status_style)
    parts += _row("Today", hours.today_text if hours.has_hours else None)
    if not hours.has_hours:
        parts += _row("Hours", service.hours_text or "not listed - call first")
    location = listing.primary_location
    nowhere = location is None or not (location.addresses or location.has_point)
    parts += _row("Address", listing.address or ("Phone or online only" if nowhere else None))
    if location is not None:
        parts += _row("Transit", location.transportation)
        if location.accessibility:
            parts += _row("Access", "; ".join(location.accessibility))
    if result.distance_km is not None:
        away = distance_text(result.distance_km, listing.located_by, away=" from this site")
        parts += _row("Distance", away)
    for phone in service.phones[:3]:
        kind = f" ({phone.type})" if phone.type and phone.type != "voice" else ""
        read = read_phone(phone.number, phone.extension, region)
        if read is not None:
            parts += _row("Phone", f"{read.shown()}{kind}", "bold" if read.dialable else "")
    for contact in service.contacts[:2]:
        who = ", ".join(p for p in (contact.name, contact.title) if p)
        reached = read_phone(contact.phone or "", None, region)
        if reached is not None:
            who += f" - {reached.shown()}"
        parts += _row("Contact", who)
    parts += _row("Eligibility", service.eligibility)
    ages = _ages(service.minimum_age, service.maximum_age)
    parts += _row("Ages", ages)
    parts += _row("Languages", ", ".join(lang.name for lang in service.languages))
    cost = "Free" if service.is_free else service.fees
    parts += _row("Cost", cost)
    parts += _row("Bring", ", ".join(service.documents))
    parts += _row("How to", service.application_process)
    needs = ", ".join(lexicon.name_of(code) for code in service.needs)
    parts += _row("Needs", needs)
    age_text = verified_age(listing, now.date())
    parts += _row("Verified", age_text, "bold $text-error" if result.stale else "$text-muted")
    if hours.has_hours:
        parts += ["\n", ("This week", LABEL), "\n"]
        for day, text in weekly_hours(listing, now.date()):
            parts += [
                f"  {day.strftime('%a %d'):<8}",
                (text, "" if text != "closed" else "$text-muted"),
                "\n",
            ]
    if service.description:
        parts += ["\n", (service.description, "")]
    return content(*parts)


def _ages(minimum: int | None, maximum: int | None) -> str | None:
    if minimum is None and maximum is None:
        return None
    if maximum is None:
        return f"{minimum} and over"
    if minimum is None or minimum == 0:
        return f"up to {maximum}"
    return f"{minimum} to {maximum}"


class ServiceDetail(VerticalScroll):
    """Scrollable detail of the highlighted service."""

    can_focus = False

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="detail-body", markup=False)

    _shown: tuple[SearchResult | None, NeedLexicon, datetime, Sequence[FlagReason]] | None = None
    phone_region: str = DEFAULT_REGION
    """The site's phone region, set by the screen that shows the pane."""
    empty_text: str = "Type what the client needs to see services here."
    """What the pane says when no service is highlighted (the screen knows why)."""

    def on_resize(self) -> None:
        if self._shown is not None:
            result, lexicon, now, flags = self._shown
            self.show(result, lexicon, now, flags=flags)

    def show(
        self,
        result: SearchResult | None,
        lexicon: NeedLexicon,
        now: datetime,
        *,
        flags: Sequence[FlagReason] = (),
    ) -> None:
        self._shown = (result, lexicon, now, flags)
        body = self.query_one("#detail-body", Static)
        if result is None:
            body.update(Content.styled(self.empty_text, "$text-muted"))
        else:
            width = self.content_size.width - 2
            body.update(describe(result, lexicon, now, width, flags, self.phone_region))
        self.scroll_home(animate=False)
