"""Issue 10, what the client's words mean: Spanish as clients say it, accents or none.

A known Spanish word is never typo-corrected into an English need word ("servicio" is no
slip for "eviction", "cocina" none for "cocaine"), and a psychologist is a psychologist
whether it is typed "psicólogo" or "psicologo". Through the command line and the app.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_search import needs_of, search
from conftest import needs_miami
from navigator.desk.context import Desk
from navigator.tui.app import NavigatorApp
from navigator.tui.widgets.result_list import ResultList


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    return tmp_path / "demo.db"


@pytest.mark.parametrize("query", ["necesito un psicólogo", "necesito un psicologo"])
def test_a_psychologist_in_spanish_is_mental_health(demo_db: Path, query: str) -> None:
    # Given a client who asks for a psychologist, with the accent or without it,
    found = search(demo_db, query)
    # then the first five are mental health services.
    assert len(found) >= 5
    assert all("mental_health" in needs for needs in needs_of(found[:5]))


def test_accents_dropped_give_the_same_answer(demo_db: Path) -> None:
    with_accent = [r["id"] for r in search(demo_db, "necesito un psicólogo")]
    without = [r["id"] for r in search(demo_db, "necesito un psicologo")]
    assert with_accent == without


def test_servicio_is_not_a_slip_for_eviction(demo_db: Path) -> None:
    # "Help with the water service" is about the water bill, not housing.
    found = search(demo_db, "necesito ayuda con el servicio de agua")
    assert all(needs == ["utilities"] for needs in needs_of(found[:5]))


def test_cooking_classes_are_not_about_cocaine(demo_db: Path) -> None:
    found = search(demo_db, "clases de cocina")
    assert all("substance_use" not in needs for needs in needs_of(found[:5]))


async def test_volunteer_types_psicologo_and_sees_counselling(desk: Desk) -> None:
    # Given the desk open on the demo town, when the volunteer types the client's words,
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"necesito un psicologo ")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # then the results shown are mental health services.
        shown = app.screen.query_one(ResultList).results[:5]
        assert len(shown) == 5
        assert all("mental_health" in r.matched_needs for r in shown)


@needs_miami
def test_miami_psicologo_finds_counselling(miami_db: Path, in_miami: None) -> None:
    found = search(miami_db, "necesito un psiquiatra")
    assert all("mental_health" in needs for needs in needs_of(found[:5]))
