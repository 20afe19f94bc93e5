"""Whether a listing is open now, today's hours, and how fresh it is: what the desk shows."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from navigator.domain.catalogue import Listing
from navigator.domain.hours import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    format_spans,
    format_time,
    intervals_on,
    next_opening,
    open_until,
)
from navigator.domain.text import N_, Translate, untranslated

STALE_AFTER = timedelta(days=365)
# Words of the hours engine (domain/hours.py) that the desk and the slip translate.
HOURS_WORDS = (N_("closed"), N_("open 24 hours"), N_("midnight"), N_("noon"), N_("until"))


@dataclass(frozen=True)
class Availability:
    """A listing's hours as they stand at one moment, in the site's local time."""

    has_hours: bool
    open_now: bool
    open_today: bool
    closes_at: datetime | None
    next_open: datetime | None
    today_text: str

    def summary(self, now: datetime, _: Translate = untranslated) -> str:
        """'open now until 5 pm', 'closed now, opens Saturday 9 am', in the desk's language."""
        if not self.has_hours:
            return _("hours not listed")
        if self.open_now and self.closes_at is not None:
            if self.closes_at - now >= timedelta(days=6):
                return _("open 24/7")
            return _("open now until {time}").format(time=_when(self.closes_at, now, _))
        if self.next_open is not None:
            return _("closed now, opens {time}").format(time=_when(self.next_open, now, _))
        return _("closed")


def _when(moment: datetime, now: datetime, _: Translate = untranslated) -> str:
    clock = clock_words(format_time(moment.time()), _)
    if moment.date() == now.date():
        return clock
    if moment.date() == now.date() + timedelta(days=1):
        return _("tomorrow {time}").format(time=clock)
    if moment.date() - now.date() < timedelta(days=7):
        return _("{weekday} {time}").format(weekday=_(WEEKDAY_NAMES[moment.weekday()]), time=clock)
    return _("{month} {day} {time}").format(
        month=_(MONTH_NAMES[moment.month - 1])[:3], day=moment.day, time=clock
    )


def clock_words(text: str, _: Translate = untranslated) -> str:
    """The hours engine's text ('9 am–noon', 'until 7 am', 'closed') in a language."""
    if text in HOURS_WORDS:
        return _(text)
    for word in ("midnight", "noon", "until"):
        if word in text:
            text = text.replace(word, _(word))
    return text


def availability(listing: Listing, now: datetime) -> Availability:
    rules = listing.service.schedules
    timed = [r for r in rules if r.has_times]
    if not timed:
        return Availability(False, False, False, None, None, "hours not listed")
    today = now.date()
    spans = intervals_on(timed, today)
    closes = open_until(timed, now)
    return Availability(
        has_hours=True,
        open_now=closes is not None,
        # Open now, or opening later today: not "was open this morning".
        open_today=closes is not None or any(start > now for start, _ in spans),
        closes_at=closes,
        next_open=None if closes is not None else next_opening(timed, now),
        today_text=format_spans(spans, today),
    )


def is_stale(listing: Listing, today: date) -> bool:
    verified = listing.service.last_verified
    return verified is None or today - verified > STALE_AFTER


def verified_age(listing: Listing, today: date, _: Translate = untranslated) -> str:
    """'verified 3 weeks ago', 'verified 2 years ago (stale)', 'never verified'."""
    verified = listing.service.last_verified
    if verified is None:
        return _("never verified")
    days = (today - verified).days
    if days < 1:
        text = _("verified today")
    elif days == 1:
        text = _("verified 1 day ago")
    elif days < 14:
        text = _("verified {count} days ago").format(count=days)
    elif days < 60:
        text = _("verified {count} weeks ago").format(count=days // 7)
    elif days < 730:
        text = _("verified {count} months ago").format(count=days // 30)
    else:
        text = _("verified {count} years ago").format(count=days // 365)
    return text + (" " + _("(stale)") if is_stale(listing, today) else "")


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def weekly_hours(listing: Listing, start: date) -> list[tuple[date, str]]:
    """Seven days of hours starting at `start` (today first)."""
    timed = [r for r in listing.service.schedules if r.has_times]
    days = [start + timedelta(days=i) for i in range(7)]
    return [(d, format_spans(intervals_on(timed, d), d)) for d in days]
