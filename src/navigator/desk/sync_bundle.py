"""Sync without a connection: pending records to a USB bundle, and the hub's return file back."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from uuid6 import uuid7

from navigator.desk.catalogue_update import apply_hub_catalogue, needs_update
from navigator.desk.context import Desk
from navigator.errors import BundleError
from navigator.output_folder import path_in_folder, prepare_output_folder
from navigator.store.outbox_store import ACKED, QUARANTINED, mark_settled, pending_records
from navigator.sync.bundle import make_bundle, read_return, write_json
from navigator.sync.push import load_records


@dataclass
class BundleReport:
    path: Path | None
    counts: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return {"path": str(self.path) if self.path else None, "counts": self.counts}


def write_bundle(desk: Desk, out_dir: Path) -> BundleReport:
    """Write every pending record to a bundle file in `out_dir`; records stay pending until ack."""
    with desk.session() as session:
        loaded = load_records(session, pending_records(session))
    records = [kind.envelope(model) for kind, model in loaded]
    if not records:
        return BundleReport(None, {})
    key = desk.settings.site_signing_key
    if key is None:
        raise BundleError(
            "This laptop has not joined a hub, so it cannot sign a bundle; nothing was written.",
            hint="Join with the file the agency gave you: navigator site join ENROLLMENT_FILE",
        )
    now = desk.clock()
    bundle = make_bundle(
        records,
        bundle_id=str(uuid7()),
        site_id=desk.site_id,
        site_name=desk.settings.site_name,
        now=now,
        signing_key=key.get_secret_value(),
    )
    out_dir = prepare_output_folder(out_dir)
    path = path_in_folder(out_dir, f"navigator-bundle-{desk.site_id}-{now:%Y%m%dT%H%M%S}.json")
    write_json(path, bundle)
    return BundleReport(path, bundle.manifest.counts)


@dataclass
class AckReport:
    acknowledged: int = 0
    quarantined: list[str] = field(default_factory=list)
    not_pending: int = 0
    catalogue_updated: bool = False
    hub_version: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "acknowledged": self.acknowledged,
            "quarantined": self.quarantined,
            "not_pending": self.not_pending,
            "catalogue_updated": self.catalogue_updated,
            "hub_version": self.hub_version,
        }


def apply_return_file(desk: Desk, path: Path) -> AckReport:
    """Mark the records the hub acknowledged, and take its catalogue when newer.

    The file must carry the hub's signature; a file that fails any check changes nothing.
    """
    returned = read_return(path, desk.settings.hub_verify_key)
    body = returned.body
    if body.site_id != desk.site_id:
        raise BundleError(
            f"{path}: this return file is for site '{body.site_id}', "
            f"but this laptop is site '{desk.site_id}'; nothing was changed."
        )
    ok = [a.record_id for a in body.acks if a.status != "quarantined"]
    held = [a.record_id for a in body.acks if a.status == "quarantined"]
    report = AckReport(quarantined=held)
    with desk.session() as session, session.begin():
        # Dated by the hub's clock (signed in the file), so a wrong laptop clock
        # cannot make retention purge these records early.
        now = body.created_at
        report.acknowledged = mark_settled(
            session, ok, state=ACKED, batch_id=body.bundle_id, at=now
        )
        marked_held = mark_settled(
            session, held, state=QUARANTINED, batch_id=body.bundle_id, at=now
        )
    report.not_pending = len(body.acks) - report.acknowledged - marked_held
    if body.catalogue is not None:
        report.hub_version = body.catalogue.version
        if needs_update(desk, body.catalogue.version):
            report.catalogue_updated = apply_hub_catalogue(
                desk,
                version=body.catalogue.version,
                content_hash=body.catalogue.content_hash,
                body=json.dumps(body.catalogue.catalogue),
            )
    return report
