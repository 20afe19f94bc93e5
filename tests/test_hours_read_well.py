"""Hours read as a person says them: full day names, one line for a nightly shelter."""

from __future__ import annotations

from datetime import date, datetime

from navigator.domain.availability import availability
from navigator.domain.catalogue import Listing, Service
from navigator.domain.hours import ScheduleRule, format_spans, intervals_on


def _weekly(byday: str, opens: str, closes: str) -> ScheduleRule:
    return ScheduleRule.model_validate(
        {"freq": "WEEKLY", "byday": byday, "opens_at": opens, "closes_at": closes}
    )


def test_nightly_shelter_reads_as_one_overnight_span() -> None:
    nightly = [_weekly("MO,TU,WE,TH,FR,SA,SU", "19:00", "07:00")]
    day = date(2026, 11, 24)
    assert format_spans(intervals_on(nightly, day), day) == "7 pm–7 am"


def test_the_morning_after_the_last_night_says_until() -> None:
    friday_night = [_weekly("FR", "21:00", "07:00")]
    saturday = date(2026, 11, 28)
    assert format_spans(intervals_on(friday_night, saturday), saturday) == "until 7 am"


def test_closed_now_names_the_day_in_full() -> None:
    listing = Listing(
        service=Service(id="s", name="S", schedules=(_weekly("SA", "09:00", "12:00"),))
    )
    now = datetime(2026, 11, 24, 10, 30)  # a Tuesday
    assert availability(listing, now).summary(now) == "closed now, opens Saturday 9 am"
