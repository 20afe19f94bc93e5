"""`navigator search --json` as the ranking tests read it: the listings a volunteer would see."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
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


def imported_sheet(folder: Path, rows: Sequence[Mapping[str, object]], name: str) -> Path:
    """A database `name`.db in `folder`, its catalogue imported through the command line
    from a spreadsheet of `rows` (the columns are the first row's keys)."""
    sheet = folder / f"{name}.csv"
    with sheet.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    db = folder / f"{name}.db"
    result = CliRunner().invoke(main, ["catalogue", "import", str(sheet), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db
