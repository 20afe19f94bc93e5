"""Whether a listing is open now, today's hours, and how fresh it is: what the desk shows."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from navigator.domain.catalogue import Listing
from navigator.domain.hours import (
    WEEKDAY_NAMES,
    format_spans,
    format_time,
    intervals_on,
    next_opening,
    open_until,
)

STALE_AFTER = timedelta(days=365)


@dataclass(frozen=True)
class Availability:
    """A listing's hours as they stand at one moment, in the site's local time."""

    has_hours: bool
    open_now: bool
    open_today: bool
    closes_at: datetime | None
    next_open: datetime | None
    today_text: str

    def summary(self, now: datetime) -> str:
        if not self.has_hours:
            return "hours not listed"
        if self.open_now and self.closes_at is not None:
            if self.closes_at - now >= timedelta(days=6):
                return "open 24/7"
            return f"open now until {_when(self.closes_at, now)}"
        if self.next_open is not None:
            return f"closed now, opens {_when(self.next_open, now)}"
        return "closed"


def _when(moment: datetime, now: datetime) -> str:
    clock = format_time(moment.time())
    if moment.date() == now.date():
        return clock
    if moment.date() == now.date() + timedelta(days=1):
        return f"tomorrow {clock}"
    if moment.date() - now.date() < timedelta(days=7):
        return f"{WEEKDAY_NAMES[moment.weekday()]} {clock}"
    return f"{moment.strftime('%b')} {moment.day} {clock}"


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


def verified_age(listing: Listing, today: date) -> str:
    """'verified 3 weeks ago', 'verified 2 years ago (stale)', 'never verified'."""
    verified = listing.service.last_verified
    if verified is None:
        return "never verified"
    days = (today - verified).days
    if days < 1:
        text = "verified today"
    elif days < 14:
        text = f"verified {days} day{'s' if days != 1 else ''} ago"
    elif days < 60:
        text = f"verified {days // 7} weeks ago"
    elif days < 730:
        text = f"verified {days // 30} months ago"
    else:
        text = f"verified {days // 365} years ago"
    return text + (" (stale)" if is_stale(listing, today) else "")


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
