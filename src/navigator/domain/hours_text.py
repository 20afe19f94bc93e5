"""Hours as people write them ("Mon-Fri 9am-5pm", "2nd and 4th Saturday 9-12", "24 hours").

Spreadsheets kept by hand and 211 exports carry hours as free text. This
parser turns the common phrasings into schedule rules and refuses anything
it does not fully understand, so the importer can keep that text as it is
and report it rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time

from navigator.domain.hours import DayRule, ScheduleRule

_DAY_NAMES = {
    "mo": 0, "mon": 0, "monday": 0,
    "tu": 1, "tue": 1, "tues": 1, "tuesday": 1,
    "we": 2, "wed": 2, "weds": 2, "wednesday": 2,
    "th": 3, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fr": 4, "fri": 4, "friday": 4,
    "sa": 5, "sat": 5, "saturday": 5,
    "su": 6, "sun": 6, "sunday": 6,
}  # fmt: skip
_ORDINALS = {
    "1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3,
    "4th": 4, "fourth": 4, "5th": 5, "fifth": 5, "last": -1,
}  # fmt: skip
_DAY = r"(?:mon(?:day)?|tu(?:e(?:s(?:day)?)?)?|we(?:d(?:s|nesday)?)?|th(?:u(?:r(?:s(?:day)?)?)?)?" \
       r"|fr(?:i(?:day)?)?|sa(?:t(?:urday)?)?|su(?:n(?:day)?)?)s?\.?"  # fmt: skip
_TIME = (
    r"(?:\d{1,2}(?:[:.]\d{1,2})?\s*(?:[ap]\.?\s*m\.?|[ap](?![a-z]))?"
    r"|\d{3,4}\s*(?:[ap]\.?m\.?)|noon|midnight)"
)
_TO = r"\s*(?:-|–|—|to|until|till|thru|through)\s*"
_ALL_WEEK = tuple(range(7))

_TOKENS = re.compile(
    rf"""
    (?P<allday>24\s*/\s*7|24\s*hours?(?:\s+a\s+day)?|24\s*hrs?|all\s+day|around\s+the\s+clock)
  | (?P<everyday>7\s+days(?:\s+a\s+week)?|daily|every\s*day|everyday|all\s+week)
  | (?P<weekdays>weekdays|week\s*days)
  | (?P<weekends>weekends?)
  | (?P<dayrange>(?P<d1>{_DAY}){_TO}(?P<d2>{_DAY}))(?![a-z])
  | (?P<range>(?P<t1>{_TIME}){_TO}(?P<t2>{_TIME}))(?![a-z0-9])
  | (?P<ordinal>1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth|last)(?![a-z])
  | (?P<day>{_DAY})(?![a-z])
  | (?P<closed>closed)
  | (?P<filler>and|&|\+|of\s+(?:the|each|every)\s+month|every|each|on|from|open|hours|hrs|
       only|also|by\s+appointment|,|;|:|/|\.|\(|\))
  | (?P<space>\s+)
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass
class _Group:
    days: list[DayRule] = field(default_factory=list)
    ranges: list[tuple[time, time]] = field(default_factory=list)
    ordinals: list[int] = field(default_factory=list)
    monthly: bool = False


def _day_index(word: str) -> int:
    key = word.lower().rstrip(".")
    if key not in _DAY_NAMES and key.endswith("s"):
        key = key[:-1]
    if key not in _DAY_NAMES:
        raise ValueError(f"'{word}' is not a weekday")
    return _DAY_NAMES[key]


def _clock(text: str) -> tuple[int, int, str | None]:
    """Hour, minute and 'a'/'p' (or None) of one written time."""
    value = re.sub(r"([ap])\.?m\.?$", r"\1m", text.strip().lower().replace(" ", ""))
    value = value.replace(".", ":")
    if value == "noon":
        return 12, 0, "p"
    if value == "midnight":
        return 0, 0, None
    match = re.fullmatch(r"(\d{1,4})(?::(\d{1,2}))?(?::?([ap])m?:?)?", value)
    if match is None:
        raise ValueError(f"'{text}' is not a time of day")
    digits, minutes, meridiem = match.group(1), match.group(2), match.group(3)
    if len(digits) > 2:  # "830am", "1430"
        if minutes is not None:
            raise ValueError(f"'{text}' is not a time of day")
        digits, minutes = digits[:-2], digits[-2:]
    hour, minute = int(digits), int(minutes or 0)
    if minute > 59 or hour > 24 or (meridiem and not 1 <= hour <= 12):
        raise ValueError(f"'{text}' is not a time of day")
    return hour, minute, meridiem


def parse_loose_clock(text: str) -> time:
    """A time as people type it in a cell: '9:00a', '830am', '9:0am', '5:00pm (counter 4:30)'."""
    match = re.match(rf"\s*({_TIME})(?=\s|\(|$)", text, re.IGNORECASE)
    if match is None:
        raise ValueError(f"'{text}' is not a time of day")
    hour, minute, meridiem = _clock(match.group(1))
    return time(_to_24(hour, meridiem) % 24, minute)


def _to_24(hour: int, meridiem: str | None) -> int:
    if meridiem is None:
        return hour
    return hour % 12 + (12 if meridiem == "p" else 0)


def _time_range(first: str, second: str) -> tuple[time, time]:
    """Opening and closing time, reading '9-5' as 9 am to 5 pm and '1-4pm' as 1 to 4 pm."""
    h1, m1, mer1 = _clock(first)
    h2, m2, mer2 = _clock(second)
    close = _to_24(h2, mer2)
    if mer1 is None and mer2 is not None and h1 <= 12:
        # "1-4pm": the first time shares the second's half of the day when that fits.
        candidate = _to_24(h1, mer2)
        opens = candidate if (candidate, m1) < (close, m2) else _to_24(h1, "a")
    else:
        opens = _to_24(h1, mer1)
    if mer2 is None and mer1 is None and h2 < 12 and (h2, m2) <= (opens, m1) and opens <= 12:
        close = h2 + 12  # "9-5": nobody opens at nine to close at five in the morning
    if opens == 24:
        opens = 0
    closes = time(23, 59) if close == 24 or ((close, m2) == (0, 0) and opens == 0) else None
    return time(opens, m1), closes or time(close % 24, m2)


def parse_hours_text(text: str) -> tuple[ScheduleRule, ...]:
    """Schedule rules for a written description of hours; ValueError says what was not understood.

    Days and times pair up in the order written, either way round
    ("Mon-Fri 9-5" or "9:00am-5:00pm, Mon-Fri"); several pairs may follow
    one another ("Mon-Fri 9-5; Sat 10-2"), and ordinals make a monthly rule
    ("2nd and 4th Saturday 9-12").
    """
    groups: list[_Group] = []
    current = _Group()
    position = 0
    last = ""
    source = text.replace("\\n", "\n")
    while position < len(source):
        match = _TOKENS.match(source, position)
        if match is None:
            word = re.match(r"\S+", source[position:])
            raise ValueError(f"'{word.group(0) if word else source[position:]}' is not understood")
        position = match.end()
        kind = match.lastgroup
        if kind in {"space", "filler"}:
            continue
        # A new group starts when days follow a complete pair ending in times, or
        # times follow one ending in days ("9-5, Mon-Fri; 10-2, Sat").
        is_days = kind not in {"range", "allday", "closed"}
        if current.days and current.ranges and last and is_days != (last == "days"):
            groups.append(current)
            current = _Group()
        last = "days" if is_days else "times"
        if kind == "ordinal":
            current.ordinals.append(_ORDINALS[match.group(0).lower()])
            current.monthly = True
            continue
        if kind == "closed":
            current.days.clear()
            current.ordinals.clear()
            continue
        if kind in {"range", "allday"}:
            if kind == "allday":
                current.ranges.append((time(0), time(23, 59)))
            else:
                current.ranges.append(_time_range(match.group("t1"), match.group("t2")))
            continue
        weekdays: tuple[int, ...]
        if kind == "day":
            weekdays = (_day_index(match.group(0)),)
        elif kind == "dayrange":
            start, end = _day_index(match.group("d1")), _day_index(match.group("d2"))
            weekdays = tuple((start + i) % 7 for i in range((end - start) % 7 + 1))
        elif kind == "everyday":
            weekdays = _ALL_WEEK
        elif kind == "weekdays":
            weekdays = (0, 1, 2, 3, 4)
        else:
            weekdays = (5, 6)
        for weekday in weekdays:
            if current.ordinals:
                current.days += [DayRule(weekday=weekday, ordinal=o) for o in current.ordinals]
            else:
                current.days.append(DayRule(weekday=weekday))
    groups.append(current)
    return _rules(groups)


def _rules(groups: list[_Group]) -> tuple[ScheduleRule, ...]:
    rules: list[ScheduleRule] = []
    for group in groups:
        if not group.ranges and not group.days:
            continue
        days = group.days
        if not days:
            if all(r == (time(0), time(23, 59)) for r in group.ranges):
                days = [DayRule(weekday=d) for d in _ALL_WEEK]  # "24 hours"
            else:
                raise ValueError("times are given without the days they apply to")
        if not group.ranges:
            raise ValueError("days are given without opening times")
        unique = list(dict.fromkeys(days))
        for opens, closes in dict.fromkeys(group.ranges):
            rules.append(
                ScheduleRule(
                    freq="MONTHLY" if group.monthly else "WEEKLY",
                    byday=tuple(unique),
                    opens_at=opens,
                    closes_at=closes,
                )
            )
    if not rules:
        raise ValueError("no days or times found")
    return tuple(rules)
