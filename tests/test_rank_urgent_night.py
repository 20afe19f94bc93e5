"""Issue 10, urgent and night-time needs: a client who needs help tonight is met first by
the services of their need that can help tonight.

"Emergency" in a programme's name (money for rent and bills) is not a bed tonight; a
shelter staffed around the clock, a 24-hour hotline, or hours that keep a service open
tonight are. A directory without schedules has only its words to say so. Shown through
the command line on a directory without hours and on Miami 211 with the site, and through
the app at a fixed hour of the night on the demo town and on Miami.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from app_search import shown_after_typing
from cli_search import names, search
from conftest import MIAMI_SITE, needs_miami
from navigator.cli import main
from navigator.config import Settings
from navigator.desk.context import Desk, open_desk
from navigator.search.results import SearchResult

# 11:30 pm on Tuesday 24 November 2026 in Millbrook (America/New_York): 04:30 UTC.
DEMO_NIGHT = datetime(2026, 11, 25, 4, 30, tzinfo=UTC)
# 11:30 pm on Tuesday 4 June 2019 in Miami (the export's time): 03:30 UTC.
MIAMI_NIGHT = datetime(2019, 6, 5, 3, 30, tzinfo=UTC)


def says_any_hour(result: SearchResult) -> bool:
    text = (result.listing.service.description or "").lower()
    return any(cue in text for cue in ("24-hour", "24 hour", "24/7", "hotline"))


# --- a directory without hours: the words say who is there tonight -----------------------

NO_HOURS = """Organization,Service,Description,Needs,Phone
Hope Church,Emergency Food and Shelter Program,"Pays a month of rent or an overdue utility \
bill, with grocery vouchers, for families in a one-time crisis. Apply in person.",\
housing; food; money,555-0100
Harbor Mission,Night Shelter,"Cots for single adults, with supper and breakfast. The door \
is staffed 24 hours a day; walk in.",housing,555-0101
City Housing Office,Housing Counseling,"Counseling on renting, leases and buying a home.",\
housing,555-0102
"""


@pytest.fixture
def no_hours_db(tmp_path: Path) -> Path:
    """A small directory as the unseen one is: descriptions, needs, no schedules."""
    sheet = tmp_path / "directory.csv"
    sheet.write_text(NO_HOURS, encoding="utf-8")
    db = tmp_path / "directory.db"
    result = CliRunner().invoke(main, ["catalogue", "import", str(sheet), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_a_shelter_staffed_all_night_beats_an_emergency_money_programme_for_tonight(
    no_hours_db: Path,
) -> None:
    # Given a directory with no hours at all, where a programme paying rent and bills is
    # called "Emergency Food and Shelter",
    # when the client says they need somewhere to sleep tonight,
    found = names(search(no_hours_db, "somewhere to sleep tonight"))
    # then the shelter whose door is staffed around the clock comes first,
    assert found[0] == "Night Shelter", found
    # and the programme that pays rent comes after it: money is no bed tonight.
    assert found.index("Emergency Food and Shelter Program") > found.index("Night Shelter")


def test_the_money_programme_still_answers_a_client_who_needs_money_at_once(
    no_hours_db: Path,
) -> None:
    found = names(search(no_hours_db, "need money for rent right now"))
    assert found[0] == "Emergency Food and Shelter Program", found


# --- the demo town at night, in the app ---------------------------------------------------


@pytest.fixture
def night_desk(db_path: Path, settings: Settings) -> Iterator[Desk]:
    """The demo desk at 11:30 pm, when the day's offices have long closed."""
    opened = open_desk(db_path, settings=settings, clock=lambda: DEMO_NIGHT)
    yield opened
    opened.close()


async def test_at_night_the_shelters_open_tonight_come_first_while_still_typing(
    night_desk: Desk,
) -> None:
    # Given the desk at 11:30 pm, when the volunteer types the client's words (the last
    # word not yet followed by a space),
    shown = await shown_after_typing(night_desk, "somewhere to sleep tonight")
    # then the three shelters open tonight come first, before closed rehousing offices.
    assert {r.listing.service.name for r in shown[:3]} == {
        "Open Door Family Shelter",
        "Harbor House",
        "Second Street Overnight",
    }, [r.listing.service.name for r in shown[:5]]
    assert all(r.availability.open_now for r in shown[:3])


async def test_at_night_he_hit_me_puts_a_line_that_answers_now_near_the_top(
    night_desk: Desk,
) -> None:
    # Given the desk at 11:30 pm, when a client says "he hit me" (no word of time),
    shown = await shown_after_typing(night_desk, "he hit me ")
    top = [r.listing.service.name for r in shown[:3]]
    # then the domestic-violence line that answers at any hour is among the first three.
    assert "Willow Line" in top, top
    assert shown[0].matched_needs == ("safety",)


async def test_at_night_a_young_woman_is_not_given_the_elder_abuse_line(
    night_desk: Desk,
) -> None:
    # At 11:30 pm the lines that answer at any hour rise, but only those for anyone:
    # a line for older adults stays after them for a client who said nothing about age.
    shown = await shown_after_typing(night_desk, "my boyfriend threatens me ")
    top = [r.listing.service.name for r in shown[:4]]
    assert "Elder Abuse Reporting Line" not in top, top
    assert "Willow Line" in top, top


# --- Miami 211, when the package is here --------------------------------------------------


@needs_miami
def test_miami_a_bed_tonight_is_not_an_emergency_food_and_shelter_voucher(
    miami_db: Path, in_miami: None
) -> None:
    # Given Miami 211 with the site downtown (at whatever hour the test runs),
    found = search(miami_db, "somewhere to sleep tonight")
    # then the "Emergency Food and Shelter" copies (one-time money for rent, bills and
    # food) are not where a client is sent for a bed tonight.
    assert not any(n == "Emergency Food and Shelter" for n in names(found[:5])), names(found)
    assert all("housing" in r["matched_needs"] for r in found[:5])  # type: ignore[operator]


@pytest.fixture
def miami_night_desk(miami_db: Path) -> Iterator[Desk]:
    """Miami's desk, site downtown, at 11:30 pm local time."""
    settings = Settings(
        site_name="Downtown Miami",
        site_id="site-miami",
        timezone="America/New_York",
        site_latitude=float(MIAMI_SITE[0]),
        site_longitude=float(MIAMI_SITE[1]),
    )
    opened = open_desk(miami_db, settings=settings, clock=lambda: MIAMI_NIGHT, load_demo=False)
    yield opened
    opened.close()


@needs_miami
async def test_miami_at_night_he_hit_me_offers_help_that_answers_at_any_hour(
    miami_night_desk: Desk,
) -> None:
    shown = await shown_after_typing(miami_night_desk, "he hit me ")
    # A 24-hour hotline or shelter is among the first five, not only offices shut till morning.
    assert any(says_any_hour(r) for r in shown[:5]), [r.listing.service.name for r in shown[:5]]
    assert all(r.matched_needs == ("safety",) for r in shown[:5])


@needs_miami
async def test_miami_at_night_a_bed_tonight_is_a_shelter(miami_night_desk: Desk) -> None:
    shown = await shown_after_typing(miami_night_desk, "somewhere to sleep tonight")
    top = [r.listing.service.name for r in shown[:5]]
    assert "Emergency Food and Shelter" not in top, top
    assert "shelter" in top[0].lower(), top
