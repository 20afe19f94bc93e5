"""The command line offers one command per action, each registered once, on purpose."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from navigator.cli import main


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    names: list[str] = []
    for name, command in group.commands.items():
        names.append(f"{prefix}{name}")
        if isinstance(command, click.Group):
            names.extend(_commands(command, f"{prefix}{name} "))
    return names


def test_a_follow_up_outcome_has_one_command() -> None:
    # Given the command line, when a coordinator looks for how to record a follow-up's outcome
    commands = _commands(main)
    # Then there is one way, `follow-up record`, and not a second under `handoff`
    assert "follow-up record" in commands
    assert "handoff follow-up" not in commands
    assert "handoff correct" in commands


def test_follow_up_record_keeps_a_short_note(tmp_path: Path) -> None:
    # Given a handoff recorded by the command line
    db = str(tmp_path / "desk.db")
    runner = CliRunner()
    made = runner.invoke(
        main, ["handoff", "record", "--kind", "unmet", "--need", "legal", "--db", db]
    )
    assert made.exit_code == 0, made.stderr
    # When its follow-up's outcome is recorded with a note
    recorded = runner.invoke(
        main,
        ["follow-up", "record", made.stdout.strip(), "--outcome", "not_reached",
         "--note", "line busy twice", "--json", "--db", db],
    )  # fmt: skip
    # Then the event keeps the outcome and the note
    assert recorded.exit_code == 0, recorded.stderr
    assert '"outcome": "not_reached"' in recorded.stdout
    assert '"note": "line busy twice"' in recorded.stdout
