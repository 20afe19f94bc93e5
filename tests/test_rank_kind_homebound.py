"""Issue 10: programmes for the homebound are not help a client can go to.

"Home Delivered Meals" and "Meals on Wheels" bring meals to people who cannot leave home
(older adults, people with a disability or an illness). A parent whose kids have not
eaten, or anyone asking for a pantry, wants food they can go and get today; such
programmes come after, unless the client asks for meals brought home or speaks of an
older or disabled person.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cli_search import ranked_names
from conftest import desks_open_at, needs_miami

MORNING = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)  # 10:30 am on a Tuesday in Miami


def homebound(name: str) -> bool:
    return "home delivered" in name.lower() or "meals on wheels" in name.lower()


@needs_miami
def test_miami_food_pantry_in_the_morning_is_not_home_delivered_meals(
    miami_db: Path, in_miami: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the desk in Miami on a weekday morning, when the volunteer searches for a pantry,
    desks_open_at(monkeypatch, MORNING)
    found = ranked_names(miami_db, "food pantry")
    # then no programme that delivers meals to the homebound is among the first five.
    assert not any(homebound(name) for name in found[:5]), found[:5]


@needs_miami
def test_miami_meals_delivered_for_a_client_who_asks_are_the_homebound_programmes(
    miami_db: Path, in_miami: None
) -> None:
    # A client who asks for meals brought home gets the programmes that bring them,
    assert all(homebound(name) for name in ranked_names(miami_db, "meals delivered")[:3])
    # and so does a client who speaks of an elderly mother who cannot get out.
    found = ranked_names(miami_db, "my elderly mother is homebound and needs meals")
    assert homebound(found[0]), found[:5]
