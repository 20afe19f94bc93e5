"""Handing over a day's log: CSV or JSON Lines plus a manifest, each written atomically (0600)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from navigator.atomic_file import write_atomic
from navigator.desk.context import Desk
from navigator.desk.todays_log import LogEntry, day_log
from navigator.domain.handoff_event import EventKind, HandoffEvent
from navigator.errors import NavigatorError
from navigator.output_folder import prepare_output_folder
from navigator.store.event_store import events_for_handoffs

EXPORT_SCHEMA_VERSION = 1
FORMATS = ("csv", "jsonl")
CSV_COLUMNS = (
    "id",
    "recorded_at",
    "local_date",
    "site_id",
    "volunteer_id",
    "kind",
    "needs",
    "service_id",
    "service_name",
    "service_organization",
    "service_phone",
    "service_address",
    "consent_to_share",
    "follow_up",
    "note",
    "client_ref",
    "sync_state",
    "events",
)
# A spreadsheet runs a cell starting with these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def default_export_folder() -> Path:
    """Where the app offers to write exports: a folder in the user's home."""
    return Path.home() / "navigator-exports"


def guard_cell(value: str) -> str:
    """Make a cell inert in LibreOffice and Excel: a leading quote shows it as text."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _event_summary(event: HandoffEvent) -> str:
    """One event in a cell: `follow_up:reached` or `correction:needs=food`."""
    if event.kind is EventKind.FOLLOW_UP:
        detail = event.outcome.value if event.outcome else ""
    else:
        detail = f"{event.field}={event.value}" if event.value else str(event.field)
    return f"{event.kind.value}:{detail}" + (f" ({event.note})" if event.note else "")


def _csv_row(entry: LogEntry, events: list[HandoffEvent]) -> list[str]:
    h = entry.handoff
    s = h.service
    cells: list[Any] = [
        h.id,
        h.recorded_at.isoformat(),
        h.local_date.isoformat(),
        h.site_id,
        h.volunteer_id,
        h.kind.value,
        ";".join(h.needs),
        s.id if s else "",
        s.name if s else "",
        (s.organization or "") if s else "",
        (s.phone or "") if s else "",
        (s.address or "") if s else "",
        "yes" if h.consent_to_share else "no",
        h.follow_up.isoformat() if h.follow_up else "",
        h.note or "",
        h.client_ref or "",
        entry.sync_state,
        "; ".join(_event_summary(e) for e in events),
    ]
    return [guard_cell(str(cell)) for cell in cells]


Events = dict[str, list[HandoffEvent]]


def render_csv(entries: list[LogEntry], events: Events) -> bytes:
    """RFC 4180 (CRLF, quotes doubled), UTF-8 with a BOM so Excel does not guess the encoding."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_row(e, events.get(str(e.handoff.id), [])) for e in entries)
    return buffer.getvalue().encode("utf-8-sig")


def render_jsonl(entries: list[LogEntry], events: Events) -> bytes:
    lines = []
    for entry in entries:
        record = entry.handoff.model_dump(mode="json") | {
            "sync_state": entry.sync_state,
            "events": [e.model_dump(mode="json") for e in events.get(str(entry.handoff.id), [])],
        }
        lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    return "".join(line + "\n" for line in lines).encode("utf-8")


@dataclass
class ExportReport:
    day: date
    files: list[Path]
    manifest: Path
    handoffs: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "files": [str(p) for p in self.files],
            "manifest": str(self.manifest),
            "handoffs": self.handoffs,
        }


def _free_stem(out_dir: Path, stem: str, fmt: str) -> str:
    """`stem`, or `stem-2`, `stem-3`...: the first whose export and manifest are both new."""
    candidate, n = stem, 1
    while (out_dir / f"{candidate}.{fmt}").exists() or (
        out_dir / f"{candidate}.{fmt}.manifest.json"
    ).exists():
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def export_day(
    desk: Desk, day: date, out_dir: Path, fmt: str = "csv", *, replace: bool = False
) -> ExportReport:
    """Write the day's handoffs as `fmt` and a manifest beside it.

    An earlier export of the day is never overwritten: this one gets the next free
    name (`...-2.csv`), unless `replace` says to write over it.
    """
    if fmt not in FORMATS:
        raise NavigatorError(f"Unknown export format '{fmt}' (use {' or '.join(FORMATS)}).")
    out_dir = prepare_output_folder(out_dir)
    entries = day_log(desk, day)
    with desk.session() as session:
        events = events_for_handoffs(session, [str(e.handoff.id) for e in entries])
    data = render_csv(entries, events) if fmt == "csv" else render_jsonl(entries, events)
    stem = f"handoffs-{desk.site_id}-{day.isoformat()}"
    if not replace:
        stem = _free_stem(out_dir, stem, fmt)
    target = out_dir / f"{stem}.{fmt}"
    write_atomic(target, data)
    manifest = {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "site_id": desk.site_id,
        "site_name": desk.settings.site_name,
        "date": day.isoformat(),
        "generated_at": desk.clock().isoformat(),
        "counts": {
            "handoffs": len(entries),
            "events": sum(len(found) for found in events.values()),
            "by_kind": dict(Counter(e.handoff.kind.value for e in entries)),
            "by_sync_state": dict(Counter(e.sync_state for e in entries)),
        },
        "files": [
            {
                "name": target.name,
                "format": fmt,
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        ],
    }
    manifest_path = out_dir / f"{stem}.{fmt}.manifest.json"
    # The manifest goes last: when it exists, the file it describes is complete.
    write_atomic(manifest_path, (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))
    return ExportReport(day, [target], manifest_path, len(entries))
