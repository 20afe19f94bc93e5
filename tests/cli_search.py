"""`navigator search --json` as the ranking tests read it: the listings a volunteer would see."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from navigator.cli import main

Found = list[dict[str, object]]


def search(db: Path, query: str) -> Found:
    """The command line's results for `query` on the database `db`, best first."""
    result = CliRunner().invoke(main, ["search", query, "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    found: Found = json.loads(result.stdout)
    return found


def names(found: Found) -> list[str]:
    return [str(r["name"]) for r in found]


def needs_of(found: Found) -> list[list[str]]:
    return [list(r["matched_needs"]) for r in found]  # type: ignore[call-overload]


def ranked_names(db: Path, query: str) -> list[str]:
    """The names of the command line's results for `query`, best first."""
    return names(search(db, query))
