"""The coordinating agency's side: set up the hub, publish catalogues, import bundles, report.

These use cases need no laptop database: they work on the hub alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from uuid6 import uuid7

from navigator.catalogue.reader import read_catalogue
from navigator.errors import NavigatorError
from navigator.output_folder import path_in_folder, prepare_output_folder
from navigator.sync.bundle import (
    Ack,
    ReturnBody,
    ReturnCatalogue,
    make_return,
    read_bundle,
    write_json,
)
from navigator.sync.hub import (
    StoreOutcome,
    catalogue_text,
    hub_engine,
    hub_errors,
    init_hub,
    latest_catalogue,
    note_bundle,
    publish_catalogue,
    store_records,
    touch_site,
)
from navigator.sync.hub_report import HubReport, build_report
from navigator.sync.records import kind_of


def create_hub(hub_url: str | None) -> list[str]:
    engine = hub_engine(hub_url)
    try:
        return init_hub(engine)
    finally:
        engine.dispose()


@dataclass
class PublishReport:
    version: int
    services: int
    content_hash: str
    problems: int


def publish(hub_url: str | None, path: Path) -> PublishReport:
    """Load a directory file into the hub as its newest catalogue version."""
    result = read_catalogue(path)
    body = result.catalogue.model_dump_json()
    engine = hub_engine(hub_url)
    try:
        with hub_errors(engine), engine.begin() as conn:
            version = publish_catalogue(
                conn,
                source=result.catalogue.source,
                fmt=result.catalogue.format,
                content_hash=result.content_hash,
                services=len(result.catalogue.services),
                body=body,
            )
    finally:
        engine.dispose()
    return PublishReport(
        version, len(result.catalogue.services), result.content_hash, len(result.problems.problems)
    )


@dataclass
class ImportReport:
    bundle_id: str
    site_id: str
    stored: int
    already: int
    quarantined: list[str]
    times_imported: int
    return_file: Path

    def as_dict(self) -> dict[str, Any]:
        return {
            "bundle_id": self.bundle_id,
            "site_id": self.site_id,
            "stored": self.stored,
            "already_there": self.already,
            "quarantined": self.quarantined,
            "times_imported": self.times_imported,
            "return_file": str(self.return_file),
        }


def import_bundle(hub_url: str | None, path: Path, out_dir: Path | None = None) -> ImportReport:
    """Load a bundle in one hub transaction (idempotent) and write the laptop's return file."""
    bundle = read_bundle(path)
    manifest = bundle.manifest
    records = [
        (kind_of(record.record_type), kind_of(record.record_type).check(record))
        for record in bundle.records
    ]
    # The return file's path is settled before the hub commits anything.
    folder = prepare_output_folder(out_dir or path.parent)
    target = path_in_folder(folder, f"navigator-return-{manifest.site_id}-{manifest.bundle_id}.json")
    engine = hub_engine(hub_url)
    try:
        with hub_errors(engine), engine.begin() as conn:
            touch_site(conn, manifest.site_id, "bundle")
            # Each import is a batch of its own: rows this import inserted are told apart by it.
            outcome = store_records(conn, records, batch_id=str(uuid7()))
            times = note_bundle(
                conn,
                bundle_id=manifest.bundle_id,
                site_id=manifest.site_id,
                records=len(records),
                sha=manifest.records_sha256,
            )
            latest = latest_catalogue(conn)
            catalogue = None
            if latest is not None:
                catalogue = ReturnCatalogue(
                    version=latest.version,
                    content_hash=latest.content_hash,
                    catalogue=json.loads(catalogue_text(conn, latest.version)),
                )
    finally:
        engine.dispose()
    body = ReturnBody(
        bundle_id=manifest.bundle_id,
        site_id=manifest.site_id,
        created_at=datetime.now(UTC),
        acks=_acks(bundle.records, outcome),
        catalogue=catalogue,
    )
    write_json(target, make_return(body))
    return ImportReport(
        manifest.bundle_id,
        manifest.site_id,
        len(outcome.stored),
        len(outcome.already),
        outcome.quarantined,
        times,
        target,
    )


def _acks(records: list[Any], outcome: StoreOutcome) -> list[Ack]:
    status: dict[str, str] = {}
    status.update(dict.fromkeys(outcome.stored, "stored"))
    status.update(dict.fromkeys(outcome.already, "already"))
    status.update(dict.fromkeys(outcome.quarantined, "quarantined"))
    return [
        Ack.model_validate(
            {"record_id": r.id, "record_type": r.record_type, "status": status[r.id]}
        )
        for r in records
    ]


def report(hub_url: str | None, start: date, end: date) -> HubReport:
    if end < start:
        raise NavigatorError(f"--to {end} is before --from {start}.")
    engine = hub_engine(hub_url)
    try:
        with hub_errors(engine), engine.connect() as conn:
            return build_report(conn, start, end)
    finally:
        engine.dispose()
