"""Issue 10, the unseen directory: long iCarol-style descriptions and no schedules.

What a service is for shows in what its description is mostly about, wherever in the
text that is: a pantry whose listing opens with its parish's history comes before a
programme that lists food among a dozen referrals in its first line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app_search import shown_after_typing
from cli_search import imported_sheet, ranked_names
from conftest import fixed_clock
from navigator.config import Settings
from navigator.desk.context import open_desk

SITE = (42.3000, -71.8000)
KM_NORTH = 1 / 111.2  # degrees of latitude per kilometre

# Written the way long directory records are: who the agency is first, then the service.
PARISH_PANTRY = (
    "St. Brigid Parish Outreach is a volunteer ministry of the parish, founded in 1991 to "
    "serve neighbours in the north end of town whatever their faith or background. Every "
    "Saturday morning the parish food pantry hands out groceries: canned food, "
    "fresh produce, bread and milk, enough for a week of meals for the household. "
    "Shoppers choose their own food. Bring a bag; no paperwork is needed."
)
REFERRAL_LIST = (
    "Referrals for food, clothing, legal aid, utility bills, housing search, job training, "
    "counseling and transportation, with case management for families in crisis. "
    "Riverside Community Action was founded in 1968 and is governed by a board of local "
    "residents. Staff meet families by appointment at the Riverside office and help them "
    "apply for benefits, plan a budget and find the programmes that fit their situation."
)


def listing(organization: str, name: str, km: float, description: str) -> dict[str, str]:
    """A directory row with no hours and no needs: they are found from the text."""
    return {
        "organization": organization,
        "service": name,
        "description": description,
        "address": "1 Main Street",
        "city": "Millbrook",
        "latitude": f"{SITE[0] + km * KM_NORTH:.6f}",
        "longitude": f"{SITE[1]:.6f}",
        "phone": "508-555-0100",
    }


@pytest.fixture
def long_records_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    rows = [
        listing("Riverside Community Action", "Family Support Services", 1, REFERRAL_LIST),
        listing("St. Brigid Parish Outreach", "Saturday Distribution", 2, PARISH_PANTRY),
    ]
    db = imported_sheet(tmp_path, rows, "directory")
    monkeypatch.setenv("NAVIGATOR_SITE_LATITUDE", str(SITE[0]))
    monkeypatch.setenv("NAVIGATOR_SITE_LONGITUDE", str(SITE[1]))
    monkeypatch.setenv("NAVIGATOR_TIMEZONE", "America/New_York")
    return db


def test_a_pantry_described_after_its_agency_beats_a_list_of_referrals(
    long_records_db: Path,
) -> None:
    # Given a directory with no hours, where a parish pantry's record opens with the
    # parish, and a family programme's first line lists food among many referrals,
    # when the client says they need food,
    found = ranked_names(long_records_db, "food")
    # then the pantry comes first, though the programme is nearer and names food sooner.
    assert found[:2] == ["Saturday Distribution", "Family Support Services"]


async def test_volunteer_finds_the_pantry_first_in_a_directory_of_long_records(
    long_records_db: Path, settings: Settings
) -> None:
    # Given a desk at the site, on the same directory,
    desk = open_desk(long_records_db, settings=settings, clock=fixed_clock, load_demo=False)
    try:
        # when the volunteer types what the client said,
        shown = await shown_after_typing(desk, "need food ")
        # then the pantry is the first row.
        assert shown[0].listing.service.name == "Saturday Distribution"
    finally:
        desk.close()
