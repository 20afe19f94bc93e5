"""Hours as coordinators type them in a spreadsheet become schedule rows, or are refused."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navigator.domain.hours import WEEKDAY_CODES
from navigator.domain.hours_text import parse_hours_text, parse_loose_clock

# (written hours, expected rules as (freq, byday, opens, closes))
REAL_WORLD = [
    ("Mon-Fri 9am-5pm", [("WEEKLY", "MO,TU,WE,TH,FR", "09:00", "17:00")]),
    ("Tue & Thu 10:00-14:00", [("WEEKLY", "TU,TH", "10:00", "14:00")]),
    ("2nd and 4th Saturday 9-12", [("MONTHLY", "2SA,4SA", "09:00", "12:00")]),
    ("24 hours", [("WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")]),
    ("24/7", [("WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")]),
    ("9:00am-5:00pm, Mon-Fri", [("WEEKLY", "MO,TU,WE,TH,FR", "09:00", "17:00")]),
    ("Monday through Friday 8:30 a.m. to 4:30 p.m.",
     [("WEEKLY", "MO,TU,WE,TH,FR", "08:30", "16:30")]),
    ("Weekdays 9-5, Saturdays 10-2",
     [("WEEKLY", "MO,TU,WE,TH,FR", "09:00", "17:00"), ("WEEKLY", "SA", "10:00", "14:00")]),
    ("Mon, Wed, Fri: 9am-12pm, 1pm-4pm",
     [("WEEKLY", "MO,WE,FR", "09:00", "12:00"), ("WEEKLY", "MO,WE,FR", "13:00", "16:00")]),
    ("8:00am-12:00pm; 1:00pm-5:00pm, Mon-Fri",
     [("WEEKLY", "MO,TU,WE,TH,FR", "08:00", "12:00"),
      ("WEEKLY", "MO,TU,WE,TH,FR", "13:00", "17:00")]),
    ("9:00am–6:00pm, Mon-Fri;\\n10:00am-2:00pm, Sat",
     [("WEEKLY", "MO,TU,WE,TH,FR", "09:00", "18:00"), ("WEEKLY", "SA", "10:00", "14:00")]),
    ("last Friday of the month 6-8pm", [("MONTHLY", "-1FR", "18:00", "20:00")]),
    ("1st & 3rd Tue 6pm-8pm", [("MONTHLY", "1TU,3TU", "18:00", "20:00")]),
    ("Sun 1-4pm", [("WEEKLY", "SU", "13:00", "16:00")]),
    ("Daily 7am-7pm", [("WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "07:00", "19:00")]),
    ("Weekends 10am-noon", [("WEEKLY", "SA,SU", "10:00", "12:00")]),
    ("Fri 9pm-7am", [("WEEKLY", "FR", "21:00", "07:00")]),
    ("Thursdays 830am-11am", [("WEEKLY", "TH", "08:30", "11:00")]),
]  # fmt: skip

NOT_UNDERSTOOD = [
    "By appointment only, call first",
    "Grades K-1: 2:00pm-6:00pm, Mon-Fri",
    "9am-5pm",  # no days: guessing would put a wrong day on the desk
    "Mon-Fri",  # no times
    "",
    "closed for renovation",
]


def _summary(text: str) -> list[tuple[str, str, str, str]]:
    return [
        (r.freq, r.byday_text(), r.opens_at.strftime("%H:%M"), r.closes_at.strftime("%H:%M"))
        for r in parse_hours_text(text)
        if r.opens_at is not None and r.closes_at is not None
    ]


@pytest.mark.parametrize(("written", "expected"), REAL_WORLD)
def test_coordinator_hours_become_schedule_rows(written: str, expected: list[tuple]) -> None:
    assert _summary(written) == expected


@pytest.mark.parametrize("written", NOT_UNDERSTOOD)
def test_hours_that_are_not_understood_are_refused_with_a_reason(written: str) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        parse_hours_text(written)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("9:00a", time(9)), ("830am", time(8, 30)), ("9:0am", time(9)), ("4:00 PM", time(16)),
     ("12:00pm (dispensing)", time(12)), ("5:00pm Mon", time(17))],
)  # fmt: skip
def test_loose_clock_reads_the_time_formats_of_real_exports(cell: str, expected: time) -> None:
    assert parse_loose_clock(cell) == expected


DAY_WORDS = st.sampled_from(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
                             "Monday", "Thursday", "Saturdays"])  # fmt: skip


@given(
    first=DAY_WORDS,
    last=DAY_WORDS,
    opens=st.integers(min_value=1, max_value=11),
    closes=st.integers(min_value=1, max_value=11),
    times_first=st.booleans(),
)
def test_any_day_range_with_am_pm_hours_parses_to_those_hours(
    first: str, last: str, opens: int, closes: int, times_first: bool
) -> None:
    days = f"{first}-{last}"
    hours = f"{opens}am-{closes}pm"
    rules = parse_hours_text(f"{hours}, {days}" if times_first else f"{days} {hours}")
    assert len(rules) == 1
    assert rules[0].opens_at == time(opens)
    assert rules[0].closes_at == time(closes + 12)
    codes = rules[0].byday_text().split(",")
    assert codes[0] == WEEKDAY_CODES[_index(first)]
    assert codes[-1] == WEEKDAY_CODES[_index(last)]


def _index(word: str) -> int:
    return [c.lower() for c in ("mo", "tu", "we", "th", "fr", "sa", "su")].index(word[:2].lower())


@given(st.text(max_size=60))
def test_any_text_either_parses_or_is_refused_never_crashes(text: str) -> None:
    try:
        rules = parse_hours_text(text)
    except ValueError:
        return
    assert rules
    assert all(r.byday for r in rules)
