"""Issue 10, what a listing is: national and state bodies that serve other organisations.

Directories list a national resource centre on domestic violence or a statewide council
against sexual violence beside the shelters and hotlines they support. Their text names
the need as plainly as a shelter's, but a client sent there finds no one to help them:
with no site to sort by distance, they came first for a client hit by her husband.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app_search import shown_after_typing
from cli_search import imported_sheet, ranked_names
from conftest import MIAMI_EVENING, desks_open_at, fixed_clock, needs_miami
from navigator.config import Settings
from navigator.desk.context import open_desk

COALITION = (
    "The National Coalition Against Family Violence is a membership organization of "
    "state coalitions and local programs. It supports its members with training, "
    "technical assistance and public policy work to end domestic violence nationwide."
)
SHELTER = (
    "Harbor House was founded in 1979 by volunteers of the north end. It runs an emergency "
    "shelter for women and children fleeing domestic violence, with safety planning, "
    "counseling and help with protective orders. Call the hotline at any hour."
)

ALLIANCE = (
    "The National Alliance for Family Safety is a nonprofit of survivors and volunteers. "
    "Its local chapter runs free weekly support groups for survivors of family violence."
)


@pytest.fixture
def no_site_in_miami(monkeypatch: pytest.MonkeyPatch) -> None:
    """A desk with no site set (a laptop not yet placed), on Miami's clock."""
    monkeypatch.delenv("NAVIGATOR_SITE_LATITUDE", raising=False)
    monkeypatch.delenv("NAVIGATOR_SITE_LONGITUDE", raising=False)
    monkeypatch.setenv("NAVIGATOR_TIMEZONE", "America/New_York")
    desks_open_at(monkeypatch, MIAMI_EVENING)


@needs_miami
def test_without_a_site_a_national_training_centre_is_not_offered_to_a_beaten_wife(
    miami_db: Path, no_site_in_miami: None
) -> None:
    # Given Miami's directory and a desk that has no site set,
    # when the client says her husband beats her,
    found = ranked_names(miami_db, "my husband beats me")
    # then the national centre that trains organisations is not in the first five,
    assert "National Resource Center on Domestic Violence" not in found[:5]
    # while the national hotline, a service she can call, is.
    assert "National Domestic Violence Hotline, Inc." in found[:5]


@needs_miami
def test_without_a_site_a_statewide_council_follows_the_rape_crisis_services(
    miami_db: Path, no_site_in_miami: None
) -> None:
    # Given the same desk, when the client asks for help after a sexual assault,
    found = ranked_names(miami_db, "sexual assault help")
    # then the statewide council of crisis programmes is not among the first three,
    assert "Florida Council Against Sexual Violence, Inc." not in found[:3]
    # and the national hotline is.
    assert "National Sexual Assault Hotline" in found[:3]


@pytest.fixture
def umbrella_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory with no hours, both listings in one building, and no site set."""
    rows = [
        {
            "organization": "National Coalition Against Family Violence",
            "service": "National Coalition Against Family Violence",
            "description": COALITION,
        },
        {"organization": "Harbor House", "service": "Harbor House", "description": SHELTER},
        {
            "organization": "National Alliance for Family Safety",
            "service": "National Alliance for Family Safety",
            "description": ALLIANCE,
        },
    ]
    in_one_building = [{**r, "address": "1 Main Street", "city": "Millbrook"} for r in rows]
    db = imported_sheet(tmp_path, in_one_building, "directory")
    monkeypatch.delenv("NAVIGATOR_SITE_LATITUDE", raising=False)
    monkeypatch.delenv("NAVIGATOR_SITE_LONGITUDE", raising=False)
    # At 11 pm on the desk's clock: a safety need at night lifts the help she can reach
    # tonight, which this story counts on (by day the alliance's groups may come first).
    monkeypatch.setenv("NAVIGATOR_TIMEZONE", "UTC")
    desks_open_at(monkeypatch, datetime(2026, 11, 24, 23, 0, tzinfo=UTC))
    return db


def test_a_shelter_comes_before_the_national_coalition_that_names_the_need(
    umbrella_db: Path,
) -> None:
    # Given a national coalition whose name says "family violence" and a shelter whose
    # name does not, when the client says family violence,
    found = ranked_names(umbrella_db, "family violence")
    # then the shelter, which she can call tonight, comes first, and the national alliance
    # whose chapter runs support groups she can join comes before the coalition.
    assert found == [
        "Harbor House",
        "National Alliance for Family Safety",
        "National Coalition Against Family Violence",
    ]


async def test_volunteer_sees_the_coalition_below_the_services(
    umbrella_db: Path, settings: Settings
) -> None:
    # Given a desk on that directory,
    desk = open_desk(umbrella_db, settings=settings, clock=fixed_clock, load_demo=False)
    try:
        # when the volunteer types what the client said,
        shown = await shown_after_typing(desk, "family violence ")
        # then the coalition, which no client can use, is the last row.
        assert [r.listing.service.name for r in shown][-1] == (
            "National Coalition Against Family Violence"
        )
    finally:
        desk.close()
