"""Writing the loaded catalogue out as HSDS 3.0 JSON, for the hub or another desk."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from navigator.atomic_file import atomic_writer
from navigator.catalogue.hsds3_export import service_record
from navigator.desk.context import Desk
from navigator.errors import NavigatorError
from navigator.store.catalogue_batches import catalogue_batches


@dataclass(frozen=True)
class ExportReport:
    path: Path
    services: int
    organizations: int
    locations: int


def export_catalogue(desk: Desk, path: Path, *, replace: bool = False) -> ExportReport:
    """Write the catalogue to `path` once all is written; an earlier file only with `replace`.

    Services are read and written a batch at a time, so memory stays bounded
    whatever the catalogue's size. The file is the one `json.dumps(records,
    indent=1)` would give.
    """
    if path.is_dir():
        raise NavigatorError(f"{path} is a folder; give a file name such as catalogue.json.")
    if path.exists() and not replace:
        raise NavigatorError(
            f"{path} already exists; nothing was written.",
            hint="Give another file name, or add --replace to write over it.",
        )
    if not path.parent.is_dir():
        raise NavigatorError(f"{path.parent}: no such folder; nothing was written.")
    services = 0
    organizations: set[str] = set()
    locations: set[str] = set()
    # The catalogue is public directory data, so the file is readable by others.
    with desk.session() as session, atomic_writer(path, mode=0o644) as out:
        out.write(b"[")
        for batch in catalogue_batches(session):
            for service in batch.services:
                record = service_record(
                    service,
                    batch.organizations.get(service.organization_id or ""),
                    batch.locations,
                    desk.lexicon,
                )
                text = json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n ")
                out.write((",\n " if services else "\n ").encode("utf-8"))
                out.write(text.encode("utf-8"))
                services += 1
                if "organization" in record:
                    organizations.add(record["organization"]["id"])
                places = record.get("service_at_locations", [])
                locations.update(sal["location_id"] for sal in places)
        out.write(b"\n]\n" if services else b"]\n")
    return ExportReport(
        path=path, services=services, organizations=len(organizations), locations=len(locations)
    )
