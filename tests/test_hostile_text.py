"""Hostile directory text: imported, shown literally, clicking does nothing, the app runs on."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from navigator.config import Settings
from navigator.desk.context import Desk, open_desk
from navigator.desk.import_catalogue import import_catalogue
from navigator.tui.app import NavigatorApp
from navigator.tui.widgets.result_list import ResultList
from navigator.tui.widgets.service_detail import ServiceDetail
from screen_settle import rows_built

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_catalogue.json"

# name -> what must be on screen once control characters are removed.
HOSTILE_NAMES = {
    "[@click=app.quit]x": "[@click=app.quit]x",
    "[ @click=app.quit]x": "[ @click=app.quit]x",
    "Close [/] tag": "Close [/] tag",
    "[bold red]Loud pantry": "[bold red]Loud pantry",
    "\x1b[31mRed\x1b[0m ANSI \x1b[2J": "[31mRed[0m ANSI [2J",
    "OSC \x1b]0;pwned\x07title \x1b]8;;http://evil.example\x1b\\link": (
        "OSC ]0;pwnedtitle ]8;;http://evil.example\\link"
    ),
    "Ctl\x00\x07\x08\x7f\x9b chars": "Ctl chars",
    "مركز الطعام المجتمعي": "مركز الطعام المجتمعي",
    "\u202eReversed\u202c override": "Reversed override",
    "Bread 🍞 and home 🏠 👨‍👩‍👧": "Bread 🍞 and home 🏠 👨‍👩‍👧",
}
HUGE = ("[@click=app.quit]boom [/] " * 4200)[:100_000]  # a 100 KB field full of markup


def hostile_catalogue(folder: Path) -> Path:
    """The demo's first service, copied once per hostile name (HSDS 3.0 JSON)."""
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    services: list[dict[str, Any]] = []
    for i, name in enumerate(HOSTILE_NAMES):
        service = copy.deepcopy(demo[0])
        service["id"] = f"hostile-{i:02d}"
        service["name"] = name
        service["description"] = HUGE if i == 0 else f"{name} - food pantry"
        service["organization"] = dict(service["organization"], name=f"Org {name}")
        services.append(service)
    path = folder / "hostile.json"
    path.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def hostile_desk(db_path: Path, settings: Settings, tmp_path: Path) -> Iterator[Desk]:
    from conftest import fixed_clock

    desk = open_desk(db_path, settings=settings, clock=fixed_clock, load_demo=False)
    import_catalogue(desk, hostile_catalogue(tmp_path))
    yield desk
    desk.close()


async def _results_shown(pilot: Pilot[None]) -> ResultList:
    results = pilot.app.screen.query_one(ResultList)
    for _ in range(100):
        if results.option_count:
            break
        await pilot.pause(0.02)
    return results


def test_hostile_text_is_imported_without_control_characters(hostile_desk: Desk) -> None:
    index = hostile_desk.index
    listings = [index.listing(f"hostile-{i:02d}") for i in range(len(HOSTILE_NAMES))]
    names = {listing.service.name for listing in listings if listing is not None}
    assert names == set(HOSTILE_NAMES.values())
    huge = listings[0]
    assert huge is not None
    assert huge.service.description == HUGE.strip()


async def test_hostile_text_is_shown_literally_and_clicking_it_does_nothing(
    hostile_desk: Desk,
) -> None:
    app = NavigatorApp(hostile_desk)
    async with app.run_test(size=(120, 40)) as pilot:
        results = await _results_shown(pilot)
        assert results.option_count == len(HOSTILE_NAMES)
        shown = {results.get_option_at_index(i).prompt for i in range(results.option_count)}
        plain = "\n".join(str(getattr(p, "plain", p)) for p in shown)
        for literal in HOSTILE_NAMES.values():
            assert literal in plain
        assert "\x1b" not in plain
        assert "\x07" not in plain
        search_screen = app.screen
        # Walk every result: its detail is drawn literally; a click on its name does nothing.
        for index in range(results.option_count):
            results.highlighted = index
            await pilot.pause()
            body = search_screen.query_one(ServiceDetail).render()
            body_text = str(getattr(body, "plain", body))
            listing = results.get_option_at_index(index).id
            assert listing is not None
            expected = list(HOSTILE_NAMES.values())[int(listing.removeprefix("hostile-"))]
            assert expected in body_text
            assert "\x1b" not in body_text
            await pilot.click(ServiceDetail, offset=(2, 0))  # on the name's first characters
            assert app.is_running, f"clicking the detail of result {index} stopped the app"
        # Clicking the first listings' names in the list only selects them (the form opens).
        for row in (1, 4):
            await pilot.click(OptionList, offset=(3, row))
            await pilot.pause()
            assert app.is_running, f"clicking list row {row} stopped the app"
            assert app.screen is not search_screen
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is search_screen
        assert app.return_code is None


def test_hostile_listing_snapshot(hostile_desk: Desk, snap_compare: Any) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await _results_shown(pilot)
        await rows_built(pilot)

    assert snap_compare(NavigatorApp(hostile_desk), terminal_size=(120, 36), run_before=ready)
