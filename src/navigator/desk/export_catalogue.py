"""Writing the loaded catalogue out as HSDS 3.0 JSON, for the hub or another desk."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from navigator.atomic_file import write_atomic
from navigator.catalogue.hsds3_export import catalogue_records
from navigator.desk.context import Desk
from navigator.errors import NavigatorError
from navigator.store.catalogue_store import load_catalogue


@dataclass(frozen=True)
class ExportReport:
    path: Path
    services: int
    organizations: int
    locations: int


def export_catalogue(desk: Desk, path: Path, *, replace: bool = False) -> ExportReport:
    """Write the catalogue to `path` all at once; an earlier file only with `replace`."""
    if path.is_dir():
        raise NavigatorError(f"{path} is a folder; give a file name such as catalogue.json.")
    if path.exists() and not replace:
        raise NavigatorError(
            f"{path} already exists; nothing was written.",
            hint="Give another file name, or add --replace to write over it.",
        )
    if not path.parent.is_dir():
        raise NavigatorError(f"{path.parent}: no such folder; nothing was written.")
    with desk.session() as session:
        catalogue = load_catalogue(session)
    records = catalogue_records(catalogue, desk.lexicon)
    body = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    # The catalogue is public directory data, so the file is readable by others.
    write_atomic(path, body.encode("utf-8"), mode=0o644)
    return ExportReport(
        path=path,
        services=len(records),
        organizations=len({r["organization"]["id"] for r in records if "organization" in r}),
        locations=len({sal["location_id"] for r in records
                       for sal in r.get("service_at_locations", [])}),
    )  # fmt: skip
