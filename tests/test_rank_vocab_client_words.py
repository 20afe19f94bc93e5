"""Issue 10, what the client's words mean: needs said without any of the lexicon's need words.

Clients name a situation ("can't sleep since the accident", "living in my car", "quiero
dejar de tomar") or a public programme ("KidCare", "VPK", "LIHEAP", "reemployment")
rather than the need; a day of the week in their story ("court on monday") names nothing.
Through the command line on Miami with the site set, and through the app on the demo town.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_search import search
from conftest import needs_miami
from navigator.desk.context import Desk
from navigator.tui.app import NavigatorApp
from navigator.tui.widgets.result_list import ResultList


def listing_needs(found: list[dict[str, object]]) -> list[list[str]]:
    return [list(r["needs"]) for r in found]  # type: ignore[call-overload]


@needs_miami
@pytest.mark.usefixtures("in_miami")
@pytest.mark.parametrize(
    ("query", "need"),
    [
        # Sleepless after a shock is trauma, not a bed: "sleep" alone would be housing.
        ("can't sleep since the accident", "mental_health"),
        ("no puedo dormir desde el accidente", "mental_health"),
        ("my wife passed away and I cant stop crying", "mental_health"),
        ("me siento sola y lloro mucho", "mental_health"),
        ("quiero dejar de tomar", "substance_use"),
        ("we have been living in my car", "housing"),
        ("mi hijo esta preso", "legal"),
        ("respite care for my husband", "older_adults"),
        # "broke" alone is money ("I'm broke"); a broken arm is a doctor's.
        ("I think I broke my arm", "health"),
        # "bebe" is a baby, but a husband who "bebe todos los dias" drinks.
        ("mi esposo bebe todos los dias", "substance_use"),
        ("no se leer", "education"),
    ],
)
def test_miami_a_situation_told_in_the_clients_words_finds_its_need(
    miami_db: Path, query: str, need: str
) -> None:
    # Given Miami with the desk's site downtown, when the client tells their situation,
    found = search(miami_db, query)
    # then the top three are services for the need the situation names.
    assert len(found) >= 3, query
    assert all(need in needs for needs in listing_needs(found[:3])), (query, found[:3])


@needs_miami
@pytest.mark.usefixtures("in_miami")
@pytest.mark.parametrize(
    ("query", "need"),
    [
        ("kidcare", "health"),
        ("vpk", "childcare"),
        ("esol", "education"),
        ("liheap", "utilities"),
        ("reemployment", "work"),
        ("public defender", "legal"),
    ],
)
def test_miami_a_programme_name_names_its_need(miami_db: Path, query: str, need: str) -> None:
    # Given a client who names the public programme they were told about,
    found = search(miami_db, query)
    # then the desk reads the need the programme answers, and shows services for it.
    assert found, query
    assert need in found[0]["matched_needs"], (query, found[0])  # type: ignore[operator]
    assert all(need in needs for needs in listing_needs(found[:3])), (query, found[:3])


@needs_miami
@pytest.mark.usefixtures("in_miami")
def test_miami_the_day_of_a_court_date_names_nothing(miami_db: Path) -> None:
    # Given a client whose court date is on Monday, the day says when, not what:
    with_day = [r["id"] for r in search(miami_db, "I need a lawyer for court on monday")[:3]]
    without = [r["id"] for r in search(miami_db, "I need a lawyer for court")[:3]]
    # the top three are those for a lawyer for court, not listings open or held on Mondays.
    assert with_day == without


async def test_volunteer_types_no_puedo_dormir_and_sees_counselling_not_shelters(
    desk: Desk,
) -> None:
    # Given the desk open on the demo town, when the volunteer types "I can't sleep",
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"no puedo dormir ")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # then the results shown first are mental health services, not beds.
        shown = app.screen.query_one(ResultList).results[:3]
        assert len(shown) == 3
        assert all("mental_health" in r.listing.service.needs for r in shown), [
            r.listing.service.name for r in shown
        ]
        assert not any("housing" in r.listing.service.needs for r in shown)
