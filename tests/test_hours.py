"""The hours engine over the HSDS 3.0 recurrence subset."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday
from hypothesis import given
from hypothesis import strategies as st

from navigator.domain.hours import (
    ScheduleRule,
    format_spans,
    intervals_on,
    is_open,
    next_opening,
    open_until,
    parse_byday,
    parse_clock,
)


def rule(
    byday: str, opens: str, closes: str, freq: str = "WEEKLY", **extra: object
) -> ScheduleRule:
    return ScheduleRule.model_validate(
        {"freq": freq, "byday": byday, "opens_at": opens, "closes_at": closes, **extra}
    )


TUESDAY = date(2026, 11, 24)  # the 4th Tuesday of November 2026


def test_weekday_hours_open_and_closed() -> None:
    weekdays = [rule("MO,TU,WE,TH,FR", "09:00", "17:00")]
    assert is_open(weekdays, datetime(2026, 11, 24, 10, 30))
    assert not is_open(weekdays, datetime(2026, 11, 24, 17, 0))
    assert not is_open(weekdays, datetime(2026, 11, 28, 10, 0))  # Saturday
    assert open_until(weekdays, datetime(2026, 11, 24, 10, 30)) == datetime(2026, 11, 24, 17, 0)


def test_split_hours_close_for_lunch() -> None:
    split = [rule("TU", "09:00", "12:00"), rule("TU", "13:00", "16:00")]
    assert not is_open(split, datetime(2026, 11, 24, 12, 30))
    assert next_opening(split, datetime(2026, 11, 24, 12, 30)) == datetime(2026, 11, 24, 13, 0)
    assert format_spans(intervals_on(split, TUESDAY), TUESDAY) == "9 am–noon, 1–4 pm"


def test_overnight_shelter_is_open_after_midnight() -> None:
    overnight = [rule("MO,TU,WE,TH,FR,SA,SU", "19:00", "07:00")]
    assert is_open(overnight, datetime(2026, 11, 24, 2, 0))
    assert not is_open(overnight, datetime(2026, 11, 24, 12, 0))
    assert open_until(overnight, datetime(2026, 11, 24, 23, 0)) == datetime(2026, 11, 25, 7, 0)


def test_all_day_every_day_never_closes() -> None:
    always = [rule("MO,TU,WE,TH,FR,SA,SU", "00:00:00", "23:59:59")]
    now = datetime(2026, 11, 24, 3, 0)
    assert is_open(always, now)
    assert open_until(always, now) >= now + timedelta(days=6)  # type: ignore[operator]
    assert format_spans(intervals_on(always, TUESDAY), TUESDAY) == "open 24 hours"


def test_second_and_fourth_tuesday_pop_up() -> None:
    popup = [rule("2TU,4TU", "10:00", "13:00", freq="MONTHLY")]
    assert is_open(popup, datetime(2026, 11, 24, 11, 0))  # 4th Tuesday
    assert not is_open(popup, datetime(2026, 11, 17, 11, 0))  # 3rd Tuesday
    assert next_opening(popup, datetime(2026, 11, 24, 14, 0)) == datetime(2026, 12, 8, 10, 0)


def test_last_friday_of_the_month() -> None:
    last_friday = [rule("-1FR", "09:00", "12:00", freq="MONTHLY")]
    assert is_open(last_friday, datetime(2026, 11, 27, 10, 0))
    assert not is_open(last_friday, datetime(2026, 11, 20, 10, 0))


def test_valid_dates_bound_a_seasonal_program() -> None:
    summer = [rule("MO", "09:00", "12:00", valid_from="2026-06-15", valid_to="2026-08-31")]
    assert is_open(summer, datetime(2026, 7, 6, 10, 0))
    assert not is_open(summer, datetime(2026, 11, 23, 10, 0))
    assert next_opening(summer, datetime(2026, 11, 23, 10, 0)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", time(9)),
        ("09:00:00", time(9)),
        ("9:00am", time(9)),
        ("9am", time(9)),
        ("4:00 PM", time(16)),
        ("12pm", time(12)),
        ("12am", time(0)),
        ("noon", time(12)),
        ("17.30", time(17, 30)),
    ],
)
def test_clock_formats_found_in_directories(text: str, expected: time) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize("bad", ["", "25:00", "9:75", "13pm", "soon", "0900h"])
def test_bad_clock_text_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="time of day"):
        parse_clock(bad)


@pytest.mark.parametrize("bad", ["", "XX", "6TU", "MO;TU", "2"])
def test_bad_byday_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="weekday"):
        parse_byday(bad)


_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@given(
    weekday_index=st.integers(0, 6),
    ordinal=st.sampled_from([1, 2, 3, 4, 5, -1, -2]),
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 1)),
)
def test_monthly_ordinal_days_agree_with_dateutil(
    weekday_index: int, ordinal: int, start: date
) -> None:
    popup = rule(f"{ordinal}{_CODES[weekday_index]}", "10:00", "11:00", freq="MONTHLY")
    oracle = rrule(
        MONTHLY,
        byweekday=weekday(weekday_index, ordinal),
        dtstart=datetime.combine(start, time(0)),
        count=3,
    )
    expected = {d.date() for d in oracle if d.date() < start + timedelta(days=62)}
    ours = {
        start + timedelta(days=i) for i in range(62) if popup.occurs_on(start + timedelta(days=i))
    }
    assert ours == expected


@given(
    days=st.sets(st.integers(0, 6), min_size=1),
    opens=st.times(),
    length_minutes=st.integers(1, 23 * 60),
    moment=st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2028, 1, 1)),
)
def test_open_exactly_when_an_occurrence_covers_the_moment(
    days: set[int], opens: time, length_minutes: int, moment: datetime
) -> None:
    opens = opens.replace(second=0, microsecond=0)
    start_dt = datetime.combine(date(2000, 1, 1), opens)
    closes = (start_dt + timedelta(minutes=length_minutes)).time()
    if closes >= time(23, 59) or closes == opens:
        return
    weekly = rule(",".join(_CODES[d] for d in sorted(days)), opens.isoformat(), closes.isoformat())
    oracle = rrule(
        WEEKLY,
        byweekday=sorted(days),
        byhour=opens.hour,
        byminute=opens.minute,
        bysecond=0,
        dtstart=moment - timedelta(days=2),
        until=moment,
    )
    covered = any(o <= moment < o + timedelta(minutes=length_minutes) for o in oracle)
    assert is_open([weekly], moment) == covered


@given(moment=st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2028, 1, 1)))
def test_next_opening_is_in_the_future_and_open(moment: datetime) -> None:
    rules = [rule("2TU,4TU", "10:00", "13:00", freq="MONTHLY"), rule("SA", "09:00", "12:00")]
    upcoming = next_opening(rules, moment)
    assert upcoming is not None
    assert upcoming > moment
    assert is_open(rules, upcoming)
