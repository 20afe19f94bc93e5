"""Issue 10, item 5: a query that closely matches a service's name puts that service first,
whatever the need interleaving, even when every word of the name is also a need's word."""

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


def service(name: str, km: float, description: str, needs: str) -> dict[str, str]:
    return {
        "organization": f"{name} Council",
        "service": name,
        "description": description,
        "needs": needs,
        "address": "1 Main Street",
        "city": "Millbrook",
        "latitude": f"{SITE[0] + km * KM_NORTH:.6f}",
        "longitude": f"{SITE[1]:.6f}",
        "phone": "508-555-0100",
        "hours": "Mon-Fri 9-17",
    }


@pytest.fixture
def meals_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A county's senior meals programme 80 km away (beyond the search radius), and food
    services near the site."""
    rows = [
        service("Senior Meals and Nutrition", 80, "Hot lunches for residents aged 60 and "
                "over at community dining sites.", "food;older_adults"),
        service("Corner Food Pantry", 1, "Free groceries and hot meals for seniors and "
                "families; nutrition classes.", "food;older_adults"),
        service("Harbor Meals", 2, "Hot meals every weekday for seniors and anyone hungry; "
                "nutrition advice.", "food;older_adults"),
        service("Elm Kitchen", 3, "Free meals for seniors and families, with nutrition "
                "education.", "food;older_adults"),
    ]  # fmt: skip
    db = imported_sheet(tmp_path, rows, "meals")
    monkeypatch.setenv("NAVIGATOR_SITE_LATITUDE", str(SITE[0]))
    monkeypatch.setenv("NAVIGATOR_SITE_LONGITUDE", str(SITE[1]))
    monkeypatch.setenv("NAVIGATOR_TIMEZONE", "America/New_York")
    return db


def test_a_name_made_of_need_words_comes_first(meals_db: Path) -> None:
    # Given a programme whose every name word is also a client word for a need,
    # when the volunteer types its name,
    found = ranked_names(meals_db, "senior meals and nutrition")
    # then it comes first, though near services answer the same needs.
    assert found[0] == "Senior Meals and Nutrition"


def test_a_need_alone_is_not_read_as_a_name(meals_db: Path) -> None:
    # Given the same services, when the client only says what they need,
    found = ranked_names(meals_db, "senior meals")
    # then the near services that answer it come first: two need words are not a name.
    assert found[-1] == "Senior Meals and Nutrition"


async def test_volunteer_types_a_name_made_of_need_words(
    meals_db: Path, settings: Settings
) -> None:
    # Given a desk at the site, on the same services,
    desk = open_desk(meals_db, settings=settings, clock=fixed_clock, load_demo=False)
    try:
        # when the volunteer types the programme's name (its last word still being typed),
        shown = await shown_after_typing(desk, "senior meals and nutrition")
        # then the programme is the first row.
        assert shown[0].listing.service.name == "Senior Meals and Nutrition"
    finally:
        desk.close()
