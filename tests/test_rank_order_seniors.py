"""Issue 10, order within a need: a service for older adults follows the services for
anyone when the client says nothing about age (the desk rarely knows it)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from navigator.cli import main


def search(db: Path, query: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(main, ["search", query, "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    found: list[dict[str, str]] = json.loads(result.stdout)
    return found


def test_a_young_womans_boyfriend_is_not_an_elder_abuse_case(tmp_path: Path) -> None:
    # Given the demo town, with its domestic-violence services and an elder-abuse line,
    # when a client says her boyfriend threatens her,
    found = [r["name"] for r in search(tmp_path / "demo.db", "my boyfriend threatens me")]
    # then the four services for anyone threatened come before the line for older adults
    # (which may be past the first page: a domestic violence query ranks it lower still).
    assert "Elder Abuse Reporting Line" not in found[:4], found[:5]
