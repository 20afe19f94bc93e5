"""Opening hours over the HSDS 3.0 recurrence subset: weekly and monthly rules.

All times here are the site's local wall-clock times (naive datetimes); the desk
converts "now" into the site's time zone before asking.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_BYDAY_ITEM = re.compile(r"^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")
_END_OF_DAY = time(23, 59)


class DayRule(BaseModel):
    """A weekday, maybe with its ordinal in the month (2TU: second Tuesday, -1FR: last Friday)."""

    model_config = ConfigDict(frozen=True)

    weekday: int  # 0 = Monday
    ordinal: int | None = None

    def code(self) -> str:
        prefix = "" if self.ordinal is None else str(self.ordinal)
        return prefix + WEEKDAY_CODES[self.weekday]


@lru_cache(maxsize=1024)  # directories repeat a few dozen BYDAY strings across all rows
def parse_byday(text: str) -> tuple[DayRule, ...]:
    """Parse an RFC 5545 BYDAY list such as 'MO,TU', '2TU,4TU' or '-1FR'."""
    rules: list[DayRule] = []
    for raw in text.replace(" ", "").upper().split(","):
        if not raw:
            continue
        match = _BYDAY_ITEM.match(raw)
        if match is None:
            raise ValueError(f"'{raw}' is not a weekday such as MO, 2TU or -1FR")
        ordinal = int(match.group(1)) if match.group(1) else None
        rules.append(DayRule(weekday=WEEKDAY_CODES.index(match.group(2)), ordinal=ordinal))
    if not rules:
        raise ValueError("no weekday given")
    return tuple(rules)


def nth_weekday_matches(day: date, ordinal: int) -> bool:
    """Whether `day` is the `ordinal`-th such weekday of its month (negative: from the end)."""
    if ordinal > 0:
        return (day.day - 1) // 7 + 1 == ordinal
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (days_in_month - day.day) // 7 + 1 == -ordinal


class ScheduleRule(BaseModel):
    """One schedule row: on these days, from opens_at to closes_at, within the valid dates.

    closes_at earlier than opens_at means the service closes the next morning
    (an overnight shelter); opens 00:00 with closes 23:59 (or 00:00) means all day.
    """

    model_config = ConfigDict(frozen=True)

    freq: Literal["WEEKLY", "MONTHLY"] = "WEEKLY"
    byday: tuple[DayRule, ...]
    opens_at: time | None = None
    closes_at: time | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    description: str = ""

    @field_validator("byday", mode="before")
    @classmethod
    def _parse_byday(cls, value: object) -> object:
        return parse_byday(value) if isinstance(value, str) else value

    def byday_text(self) -> str:
        return ",".join(d.code() for d in self.byday)

    @property
    def has_times(self) -> bool:
        return self.opens_at is not None and self.closes_at is not None

    def occurs_on(self, day: date) -> bool:
        """Whether the rule opens on `day` (the day its opening time falls on)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        if self.valid_to is not None and day > self.valid_to:
            return False
        weekday = day.weekday()
        for item in self.byday:
            if item.weekday != weekday:
                continue
            if item.ordinal is None or self.freq == "WEEKLY":
                return True
            if nth_weekday_matches(day, item.ordinal):
                return True
        return False

    def interval_on(self, day: date) -> tuple[datetime, datetime] | None:
        """The opening that starts on `day`, as local datetimes, or None."""
        if not self.has_times or not self.occurs_on(day):
            return None
        assert self.opens_at is not None
        assert self.closes_at is not None
        start = datetime.combine(day, self.opens_at)
        closes = self.closes_at.replace(second=0, microsecond=0)
        if closes >= _END_OF_DAY or (closes == time(0) and self.opens_at == time(0)):
            end = datetime.combine(day + timedelta(days=1), time(0))
        elif closes <= self.opens_at:
            end = datetime.combine(day + timedelta(days=1), closes)
        else:
            end = datetime.combine(day, closes)
        return start, end


def intervals_on(rules: Iterable[ScheduleRule], day: date) -> list[tuple[datetime, datetime]]:
    """Every opening that overlaps `day`, merged, including last night's overnight hours."""
    spans: list[tuple[datetime, datetime]] = []
    day_start = datetime.combine(day, time(0))
    day_end = day_start + timedelta(days=1)
    for rule in rules:
        for candidate in (day - timedelta(days=1), day):
            span = rule.interval_on(candidate)
            if span and span[0] < day_end and span[1] > day_start:
                spans.append(span)
    return _merge(spans)


def _merge(spans: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def open_until(rules: Sequence[ScheduleRule], when: datetime) -> datetime | None:
    """When the service closes if it is open at `when`, else None."""
    for start, end in intervals_on(rules, when.date()):
        if start <= when < end:
            # Follow on into tomorrow's opening when it starts the moment this ends (24/7).
            for _ in range(8):
                following = [s for s in intervals_on(rules, end.date()) if s[0] <= end < s[1]]
                if not following:
                    break
                end = following[0][1]
            return end
    return None


def is_open(rules: Sequence[ScheduleRule], when: datetime) -> bool:
    return open_until(rules, when) is not None


def next_opening(
    rules: Sequence[ScheduleRule], when: datetime, horizon_days: int = 70
) -> datetime | None:
    """The next time the service opens after `when`, looking ahead up to `horizon_days`."""
    for offset in range(horizon_days + 1):
        day = when.date() + timedelta(days=offset)
        for start, _end in intervals_on(rules, day):
            if start > when:
                return start
    return None


def is_all_day(span: tuple[datetime, datetime]) -> bool:
    return span[1] - span[0] >= timedelta(days=1)


def format_time(value: time) -> str:
    """'9 am', '1:30 pm', 'noon', 'midnight'."""
    if value == time(0):
        return "midnight"
    if value == time(12):
        return "noon"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}:{value.minute:02d} {suffix}" if value.minute else f"{hour} {suffix}"


def format_spans(spans: Sequence[tuple[datetime, datetime]], day: date) -> str:
    """Human text for the hours of `day`: '9 am–noon, 1–4 pm', 'open 24 hours', 'closed'."""
    if not spans:
        return "closed"
    parts: list[str] = []
    overnight_closes = {end.time() for start, end in spans if start.date() == day < end.date()}
    for start, end in spans:
        if start.date() < day and end.date() > day:
            return "open 24 hours"
        if start <= datetime.combine(day, time(0)) and end >= datetime.combine(
            day + timedelta(days=1), time(0)
        ):
            return "open 24 hours"
        if start.date() < day:
            # The night before running into this morning: a nightly shelter would read
            # "midnight–7 am, 7 pm–7 am"; the evening's "7 pm–7 am" already says it.
            if end.time() not in overnight_closes:
                parts.append(f"until {format_time(end.time())}")
            continue
        opens = format_time(start.time())
        closes = format_time(end.time())
        same_half = opens[-2:] == closes[-2:] and opens[-2:] in {"am", "pm"}
        if same_half and start.date() == end.date():
            opens = opens[:-3]  # "1–4 pm" rather than "1 pm–4 pm"
        parts.append(f"{opens}–{closes}")
    return ", ".join(parts)


def describe_rule(rule: ScheduleRule) -> str:
    """A readable line for one rule, used where the directory gave no text."""
    if rule.description:
        return rule.description
    days = []
    for item in rule.byday:
        name = WEEKDAY_NAMES[item.weekday]
        if item.ordinal is not None and rule.freq == "MONTHLY":
            ordinal = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last"}.get(
                item.ordinal, str(item.ordinal)
            )
            days.append(f"{ordinal} {name}")
        else:
            days.append(name)
    times = ""
    if rule.opens_at and rule.closes_at:
        times = f" {format_time(rule.opens_at)}–{format_time(rule.closes_at)}"
    return ", ".join(days) + times


_CLOCK = re.compile(
    r"^\s*(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?\s*([ap])?\.?\s*m?\.?\s*$", re.IGNORECASE
)


@lru_cache(maxsize=4096)  # directories repeat a few dozen times of day 100,000 times
def parse_clock(text: str) -> time:
    """Parse '09:00', '09:00:00', '9:00am', '9am', '4:00 PM', 'noon', 'midnight'."""
    value = text.strip().lower()
    if value in {"noon", "midday"}:
        return time(12)
    if value == "midnight":
        return time(0)
    match = _CLOCK.match(value)
    if match is None:
        raise ValueError(f"'{text}' is not a time of day")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    second = int(match.group(3) or 0)
    meridiem = match.group(4)
    if meridiem:
        if not 1 <= hour <= 12:
            raise ValueError(f"'{text}' is not a time of day")
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    if hour == 24 and minute == 0 and second == 0:
        return time(23, 59, 59)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"'{text}' is not a time of day")
    return time(hour, minute, second)
