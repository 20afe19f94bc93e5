"""The site lead's day in numbers: by need, by kind, unmet needs, by hour; screen and CLI."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner
from textual.widgets import DataTable, Static

from conftest import FIXED_NOW
from navigator.cli import main
from navigator.desk.context import Desk
from navigator.desk.day_summary import day_summary
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.search_services import search_services
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.day_summary import DaySummaryScreen


def _record_at(desk: Desk, hours_later: float, **fields: object) -> None:
    moment = FIXED_NOW + timedelta(hours=hours_later)
    desk.clock = lambda: moment
    try:
        record_handoff(desk, make_draft(desk, **fields))  # type: ignore[arg-type]
    finally:
        desk.clock = lambda: FIXED_NOW


def _a_busy_morning(desk: Desk) -> None:
    """10:30 food + transport, 10:30 housing unmet, 11:45 food, and one the day before."""
    pantry = search_services(desk, "hungry")[0].listing.id
    _record_at(desk, 0, kind="warm", needs=("food", "transport"), service_id=pantry)
    _record_at(desk, 0, kind="unmet", needs=("housing",))
    _record_at(desk, 1.25, kind="info", needs=("food",), service_id=pantry)
    _record_at(desk, -24, kind="info", needs=("legal",), service_id=pantry)


def test_summary_counts_needs_kinds_unmet_and_hours(desk: Desk) -> None:
    _a_busy_morning(desk)
    summary = day_summary(desk)
    assert (summary.total, summary.unmet) == (3, 1)
    assert [(n.need, n.handoffs, n.unmet) for n in summary.by_need] == [
        ("food", 2, 0),
        ("housing", 0, 1),
        ("transport", 1, 0),
    ]
    assert {k.kind.value: k.count for k in summary.by_kind} == {"warm": 1, "unmet": 1, "info": 1}
    by_hour = {h.hour: h.count for h in summary.by_hour}
    assert by_hour[10] == 2  # site-local hours (New York), not UTC
    assert by_hour[11] == 1
    assert sum(by_hour.values()) == 3
    assert min(by_hour) == 9
    assert max(by_hour) == 17


def test_an_empty_day_is_all_zeros(desk: Desk) -> None:
    summary = day_summary(desk)
    assert (summary.total, summary.unmet, summary.by_need, summary.by_kind) == (0, 0, (), ())
    assert all(h.count == 0 for h in summary.by_hour)


def test_cli_log_summary_json_and_text(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    recorded = runner.invoke(
        main, ["handoff", "record", "--kind", "unmet", "--need", "housing", "--db", db]
    )
    assert recorded.exit_code == 0, recorded.stderr
    summary = runner.invoke(main, ["log", "summary", "--json", "--db", db])
    assert summary.exit_code == 0, summary.stderr
    data = json.loads(summary.stdout)
    assert (data["total"], data["unmet"]) == (1, 1)
    assert data["by_need"] == [{"need": "housing", "name": "Housing", "handoffs": 0, "unmet": 1}]
    other_day = runner.invoke(main, ["log", "summary", "--date", "2020-01-01", "--db", db])
    assert other_day.exit_code == 0
    assert "0 handoffs" in other_day.stdout
    bad = runner.invoke(main, ["log", "summary", "--date", "yesterday", "--db", db])
    assert bad.exit_code != 0
    assert "Traceback" not in bad.stderr


async def test_site_lead_reads_the_day_and_steps_back_a_day(desk: Desk) -> None:
    _a_busy_morning(desk)
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DaySummaryScreen)
        needs = screen.query_one("#summary-needs", DataTable)
        assert needs.row_count == 3
        title = str(screen.query_one("#summary-title", Static).render())
        assert "Tuesday 24 November 2026" in title
        assert "3 handoffs, 1 unmet" in title
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "Monday 23 November 2026" in str(screen.query_one("#summary-title").render())
        assert needs.row_count == 1
        await pilot.press("t")
        await pilot.pause()
        assert needs.row_count == 3
