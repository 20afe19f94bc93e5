"""A follow-up date is typed the same way in the handoff form and on the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import Input, Static

from navigator.cli import main
from navigator.desk.context import Desk
from navigator.desk.todays_log import day_log
from navigator.domain.follow_up import parse_follow_up
from navigator.errors import NavigatorError
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.handoff_form import HandoffFormScreen

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("", None),
        ("   ", None),
        ("+3", date(2026, 11, 27)),
        (" +7 ", date(2026, 12, 1)),
        ("+0", TODAY),
        ("2026-12-01", date(2026, 12, 1)),
    ],
)
def test_the_forms_a_volunteer_types_mean_one_date(typed: str, meant: date | None) -> None:
    assert parse_follow_up(typed, TODAY) == meant


@pytest.mark.parametrize("typed", ["next week", "+", "+3d", "-3", "2026-13-01", "1/12/2026"])
def test_anything_else_is_refused_with_the_forms_it_accepts(typed: str) -> None:
    with pytest.raises(NavigatorError, match=r"YYYY-MM-DD or \+7"):
        parse_follow_up(typed, TODAY)


def test_the_command_line_takes_plus_days_like_the_form(tmp_path: Path) -> None:
    # Given a desk whose day is 24 November 2026 (UTC)
    db = str(tmp_path / "desk.db")
    runner = CliRunner(env={"NAVIGATOR_TIMEZONE": "UTC"})
    # When a handoff is recorded with a follow-up in three days
    made = runner.invoke(
        main,
        ["handoff", "record", "--kind", "unmet", "--need", "legal", "--follow-up", "+3",
         "--json", "--db", db],
    )  # fmt: skip
    # Then the follow-up falls three days after the day it was recorded
    assert made.exit_code == 0, made.stderr
    saved = json.loads(made.stdout)
    recorded_on = date.fromisoformat(saved["local_date"])
    assert date.fromisoformat(saved["follow_up"]) == date.fromordinal(recorded_on.toordinal() + 3)


def test_the_command_line_refuses_a_date_it_cannot_read(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    refused = CliRunner().invoke(
        main,
        ["handoff", "record", "--kind", "unmet", "--need", "legal", "--follow-up", "soon",
         "--db", db],
    )  # fmt: skip
    assert refused.exit_code == 1
    assert "Follow-up date 'soon' is not a date" in refused.stderr
    assert "Traceback" not in refused.stderr


async def test_the_form_takes_plus_days(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(100, 30)) as pilot:
        # Given a volunteer recording an unmet need on 24 November 2026
        await pilot.press(*"car repair loan")
        await app.workers.wait_for_complete()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, HandoffFormScreen)
        # When the follow-up is typed as +3
        app.screen.query_one("#follow-up", Input).value = "+3"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    # Then it is saved as 27 November
    [entry] = day_log(desk)
    assert entry.handoff.follow_up == date(2026, 11, 27)


async def test_the_form_refuses_a_date_it_cannot_read(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"car repair loan")
        await app.workers.wait_for_complete()
        await pilot.press("f3")
        await pilot.pause()
        app.screen.query_one("#follow-up", Input).value = "soon"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HandoffFormScreen)
        error = str(app.screen.query_one("#form-error", Static).render())
        assert "Follow-up date 'soon' is not a date" in error
    assert day_log(desk) == []
