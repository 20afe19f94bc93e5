"""What the client needs to get to the selected service: hours, address, phone, contact..."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import datetime

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from navigator.domain.availability import clock_words, verified_age, weekly_hours
from navigator.domain.catalogue import Listing, distance_text, how_to_apply
from navigator.domain.hours import WEEKDAY_NAMES
from navigator.domain.listing_flag import FlagReason
from navigator.domain.needs import NeedLexicon
from navigator.domain.phone_numbers import DEFAULT_REGION, read_phone
from navigator.search.index import SearchResult
from navigator.translation import N_, _, desk_language
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
        reasons = ", ".join(dict.fromkeys(_(reason.label).lower() for reason in flags))
        parts += [
            (
                "! " + _("Flagged as wrong at this desk: {reasons}").format(reasons=reasons),
                "bold $text-error",
            ),
            "\n",
        ]
        parts += [("  " + _("Call before sending someone."), "$text-error"), "\n\n"]
    elif result.stale:
        # Shown at the top too: the Verified row is often below the fold at 80x24.
        parts += [("! " + _("Stale listing:") + " ", "bold $text-warning")]
        parts += [
            (verified_age(listing, now.date(), _) + " - " + _("call first"), "$text-warning"),
            "\n\n",
        ]
    status_style = "bold $text-success" if hours.open_now else "bold $text-warning"
    summary = hours.summary(now, _)  # not .capitalize(): it would write "opens sat 9 am"
    parts += _row(_("Status"), summary[:1].upper() + summary[1:], status_style)
    parts += _row(_("Today"), clock_words(hours.today_text, _) if hours.has_hours else None)
    if not hours.has_hours:
        parts += _row(_("Hours"), service.hours_text or _("not listed - call first"))
    location = listing.primary_location
    nowhere = location is None or not (location.addresses or location.has_point)
    parts += _row(_("Address"), listing.address or (_("Phone or online only") if nowhere else None))
    if location is not None:
        parts += _row(_("Transit"), location.transportation)
        if location.accessibility:
            parts += _row(_("Access"), "; ".join(location.accessibility))
    if result.distance_km is not None:
        away = distance_text(
            result.distance_km, listing.located_by, away=" " + _("from this site"), _=_
        )
        parts += _row(_("Distance"), away)
    for phone in service.phones[:3]:
        kind = f" ({phone.type})" if phone.type and phone.type != "voice" else ""
        read = read_phone(phone.number, phone.extension, region)
        if read is not None:
            parts += _row(_("Phone"), f"{read.shown()}{kind}", "bold" if read.dialable else "")
    for contact in service.contacts[:2]:
        who = ", ".join(p for p in (contact.name, contact.title) if p)
        reached = read_phone(contact.phone or "", None, region)
        if reached is not None:
            who += f" - {reached.shown()}"
        parts += _row(_("Contact"), who)
    parts += _row(_("Eligibility"), service.eligibility)
    ages = _ages(service.minimum_age, service.maximum_age)
    parts += _row(_("Ages"), ages)
    parts += _row(_("Languages"), ", ".join(lang.name for lang in service.languages))
    cost = _("Free") if service.is_free else service.fees
    parts += _row(_("Cost"), cost)
    parts += _row(_("Bring"), ", ".join(service.documents))
    parts += _row(_("How to"), how_to_apply(service.application_process, _))
    needs = ", ".join(_(lexicon.name_of(code)) for code in service.needs)
    parts += _row(_("Needs"), needs)
    age_text = verified_age(listing, now.date(), _)
    parts += _row(_("Verified"), age_text, "bold $text-error" if result.stale else "$text-muted")
    if hours.has_hours:
        parts += ["\n", (_("This week"), LABEL), "\n"]
        for day, text in weekly_hours(listing, now.date()):
            parts += [
                f"  {_(WEEKDAY_NAMES[day.weekday()])[:3]} {day.day:02d}  ",
                (clock_words(text, _), "" if text != "closed" else "$text-muted"),
                "\n",
            ]
    if service.description:
        parts += ["\n", (service.description, "")]
    return content(*parts)


def _ages(minimum: int | None, maximum: int | None) -> str | None:
    if minimum is None and maximum is None:
        return None
    if maximum is None:
        return _("{minimum} and over").format(minimum=minimum)
    if minimum is None or minimum == 0:
        return _("up to {maximum}").format(maximum=maximum)
    return _("{minimum} to {maximum}").format(minimum=minimum, maximum=maximum)


class ServiceDetail(VerticalScroll):
    """Scrollable detail of the highlighted service."""

    can_focus = False

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="detail-body", markup=False)

    _shown: tuple[SearchResult | None, NeedLexicon, datetime, Sequence[FlagReason]] | None = None
    _drawn: tuple[object, ...] | None = None
    phone_region: str = DEFAULT_REGION
    """The site's phone region, set by the screen that shows the pane."""
    empty_text: str = N_("Type what the client needs to see services here.")
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
        width = self.content_size.width - 2
        # While the volunteer types, the top listing often stays the same: drawing the
        # same pane again would cost a layout of the whole screen for nothing.
        drawn = (
            (None, _(self.empty_text), width)
            if result is None
            else (
                result.listing,
                result.stale,
                result.distance_km,
                now.replace(second=0, microsecond=0),
                tuple(flags),
                width,
                self.phone_region,
                desk_language(),
            )
        )
        if drawn == self._drawn:
            return
        self._drawn = drawn
        body = self.query_one("#detail-body", Static)
        if result is None:
            body.update(Content.styled(_(self.empty_text), "$text-muted"))
        else:
            body.update(describe(result, lexicon, now, width, flags, self.phone_region))
        self.scroll_home(animate=False)
