"""Issue 10, what a listing is: a long record that opens with its agency's description.

iCarol-style directories often start each service's description with the agency's own
(who it is, everything it runs) and only then say what this service is. The opening of
the description says what a listing is, so read as it comes, every programme of an agency
that runs a food pantry looked like a food service, and its clothing closet came before another
agency's food distribution for a client asking for food.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from app_search import shown_after_typing
from cli_search import ranked_names
from conftest import fixed_clock
from navigator.cli import main
from navigator.config import Settings
from navigator.desk.context import open_desk

NORTHSIDE = (
    "Northside Neighbors runs the north end's food pantry and hot meals program, and has "
    "fed hungry families with groceries and food boxes since 1962, with volunteers from "
    "every congregation in town."
)
SERVICES = (
    ("Northside Neighbors", NORTHSIDE, "Job Club",
     "Weekly job club: resume help, job search and interview practice for job seekers."),
    ("Northside Neighbors", NORTHSIDE, "Clothing Closet",
     "Free clothes, coats and shoes for children and adults, once a month."),
    ("St. Anne Parish", "A Catholic parish serving the east side since 1908.",
     "Saturday Distribution",
     "Every Saturday morning volunteers hand out groceries to families in need."),
)  # fmt: skip


def hsds_service(number: int, organization: str, about: str, name: str, own: str) -> Any:
    """An HSDS 3.0 service whose description is its agency's, then its own."""
    return {
        "id": f"svc-{number}",
        "name": name,
        "description": f"{about} {own}",
        "status": "active",
        "organization": {"id": f"org-{organization}", "name": organization, "description": about},
        "phones": [{"id": f"ph-{number}", "number": "(508) 555-0100"}],
    }


@pytest.fixture
def agency_first_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory with no hours and no places, where each record opens with its agency."""
    path = tmp_path / "directory.json"
    path.write_text(json.dumps([hsds_service(n, *row) for n, row in enumerate(SERVICES)]))
    db = tmp_path / "directory.db"
    result = CliRunner().invoke(main, ["catalogue", "import", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    monkeypatch.delenv("NAVIGATOR_SITE_LATITUDE", raising=False)
    monkeypatch.delenv("NAVIGATOR_SITE_LONGITUDE", raising=False)
    return db


def test_a_food_distribution_comes_before_the_programmes_of_an_agency_that_runs_a_pantry(
    agency_first_db: Path,
) -> None:
    # Given an agency whose description (opening each of its records) says it runs a food
    # pantry, and another agency's Saturday food distribution,
    # when the client asks for food,
    found = ranked_names(agency_first_db, "food")
    # then the food distribution comes first: the job club and the clothing closet only
    # belong to an agency that feeds people.
    assert found[0] == "Saturday Distribution"


async def test_volunteer_sees_the_food_distribution_first(
    agency_first_db: Path, settings: Settings
) -> None:
    # Given a desk on that directory,
    desk = open_desk(agency_first_db, settings=settings, clock=fixed_clock, load_demo=False)
    try:
        # when the volunteer types what the client said,
        shown = await shown_after_typing(desk, "food ")
        # then the parish's food distribution is the first row.
        assert shown[0].listing.service.name == "Saturday Distribution"
    finally:
        desk.close()
