"""The site lead hands over a day's log: CSV for spreadsheets, JSON Lines, and a manifest."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navigator.desk.context import Desk
from navigator.desk.export_log import FORMULA_STARTS, export_day, guard_cell
from navigator.desk.record_event import record_event
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.errors import NavigatorError

DAY = date(2026, 11, 24)


def _record_tricky_day(desk: Desk) -> list[str]:
    service = desk.index.entries[0].listing.id
    notes = ['=HYPERLINK("http://x","click")', 'said "no", then yes,\nlater', "café ☕ ñ"]
    return [
        str(
            record_handoff(
                desk, make_draft(desk, kind="warm", needs=("food",), service_id=service, note=n)
            ).id
        )
        for n in notes
    ]


def test_csv_export_opens_cleanly_and_is_inert(desk: Desk, tmp_path: Path) -> None:
    # Given a day with a formula, quotes, a newline and accents in notes, and a correction
    ids = _record_tricky_day(desk)
    record_event(desk, ids[1], kind="correction", field="needs", value="-food", note="typo")
    # When the site lead exports it as CSV
    report = export_day(desk, DAY, tmp_path / "out", "csv")
    [path] = report.files
    raw = path.read_bytes()
    # Then it is UTF-8 with a BOM, CRLF rows, and reads back cell for cell
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == ids
    assert rows[0]["note"] == '\'=HYPERLINK("http://x","click")'
    assert rows[1]["note"] == 'said "no", then yes,\nlater'
    assert rows[2]["note"] == "café ☕ ñ"
    assert rows[1]["events"] == "correction:needs=-food (typo)"
    assert rows[0]["events"] == ""
    assert all(r["site_id"] == "site-test" and r["volunteer_id"] for r in rows)
    assert raw.count(b"\r\n") >= len(rows) + 1
    # And every file is private
    for written in (path, report.manifest):
        assert (written.stat().st_mode & 0o777) == 0o600


def test_jsonl_export_has_one_handoff_a_line_and_a_manifest(desk: Desk, tmp_path: Path) -> None:
    ids = _record_tricky_day(desk)
    event = record_event(desk, ids[2], kind="follow_up", outcome="reached")
    report = export_day(desk, DAY, tmp_path, "jsonl")
    [path] = report.files
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ids
    assert [e["id"] for e in lines[2]["events"]] == [str(event.id)]
    assert lines[0]["events"] == []
    manifest = json.loads(report.manifest.read_text())
    assert manifest["site_id"] == "site-test"
    assert manifest["date"] == "2026-11-24"
    assert manifest["counts"]["handoffs"] == 3
    assert manifest["counts"]["events"] == 1
    assert manifest["schema_version"] == 1
    [described] = manifest["files"]
    assert described["name"] == path.name
    assert described["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_of_an_empty_day_and_a_bad_folder(desk: Desk, tmp_path: Path) -> None:
    report = export_day(desk, date(2026, 1, 1), tmp_path, "csv")
    assert report.handoffs == 0
    assert report.files[0].read_text(encoding="utf-8-sig").startswith("id,recorded_at")
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    with pytest.raises(NavigatorError, match="is a file"):
        export_day(desk, DAY, not_a_folder, "csv")


def test_re_export_never_overwrites_an_earlier_one(desk: Desk, tmp_path: Path) -> None:
    _record_tricky_day(desk)
    out = tmp_path / "out"
    first = export_day(desk, DAY, out, "csv")
    before = first.files[0].read_bytes()
    record_handoff(desk, make_draft(desk, kind="unmet", needs=("legal",)))
    # A second export of the day gets a name of its own; the first is left as it was
    second = export_day(desk, DAY, out, "csv")
    assert second.files[0] != first.files[0]
    assert second.files[0].name.endswith("-2.csv")
    assert first.files[0].read_bytes() == before
    assert second.files[0].read_bytes() != before
    # Asked to, a third replaces the first whole
    third = export_day(desk, DAY, out, "csv", replace=True)
    assert third.files[0] == first.files[0]
    assert third.files[0].read_bytes() == second.files[0].read_bytes()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [first.files[0].name, first.manifest.name, second.files[0].name, second.manifest.name]
    )  # no temporary files left behind


@given(st.text(max_size=30))
def test_guarded_cell_never_starts_a_formula(text: str) -> None:
    guarded = guard_cell(text)
    assert not guarded.startswith(FORMULA_STARTS)
    assert guarded in (text, "'" + text)
