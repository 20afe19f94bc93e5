"""The coordinating agency's side: set up the hub, publish catalogues, import bundles, report.

These use cases need no laptop database: they work on the hub alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import make_url
from uuid6 import uuid7

from navigator.catalogue.reader import read_catalogue
from navigator.errors import NavigatorError
from navigator.hub.keys import HubKeys, generate_keys, keys_path, load_keys, save_keys
from navigator.hub.roles import set_up_roles
from navigator.output_folder import path_in_folder, prepare_output_folder
from navigator.security.signing import sign, verifies
from navigator.sync.bundle import (
    Ack,
    ReturnBody,
    ReturnCatalogue,
    check_bundle_signature,
    make_return,
    read_bundle,
    write_json,
)
from navigator.sync.hub import (
    StoreOutcome,
    catalogue_message,
    hub_engine,
    hub_errors,
    init_hub,
    latest_catalogue,
    note_bundle,
    publish_catalogue,
    signed_catalogue,
    store_records,
    touch_site,
)
from navigator.sync.hub_report import DEFAULT_CLOCK_THRESHOLD, HubReport, build_report
from navigator.sync.hub_trust import hub_now, note_clock, site_verify_key, store_hub_keys
from navigator.sync.records import kind_of


@dataclass
class HubSetup:
    """What `hub init` did: tables created, the agency's role, and where the keys are."""

    created: list[str]
    agency_role: str
    keys_file: Path
    keys_made: bool


def create_hub(owner_url: str | None, keys_file: Path | None = None) -> HubSetup:
    """Tables, roles with row-level security, and the hub's keys (made when missing).

    Run with the owner's URL. The agency role's URL is written into the key file,
    so the agency's daily commands never need the owner's password.
    """
    engine = hub_engine(owner_url)  # a wrong URL is refused before any key file is made
    path = keys_path(keys_file)
    made = not path.exists()
    try:
        keys = generate_keys(path)[1] if made else load_keys(path)
        created = init_hub(engine)
        with hub_errors(engine), engine.begin() as conn:
            store_hub_keys(conn, sealing=keys.sealing_public_key, verify=keys.verify_key)
            agency, password = set_up_roles(conn)
    finally:
        engine.dispose()
    agency_url = (
        make_url(owner_url or "")
        # The owner's own user or password in the query string must not travel on.
        .difference_update_query(["user", "password"])
        .set(username=agency, password=password)
        .render_as_string(hide_password=False)
    )
    save_keys(path, keys.model_copy(update={"agency_url": agency_url}))
    return HubSetup(created, agency, path, made)


def make_hub_keys(keys_file: Path | None = None) -> Path:
    """`hub keygen`: new hub keys in a new 0600 file."""
    return generate_keys(keys_file)[0]


def agency_url(hub_url: str | None, keys: HubKeys | None) -> str | None:
    """The URL the agency's commands use: --hub when given, else the key file's agency URL."""
    return hub_url or (keys.agency_url if keys else None)


@dataclass
class PublishReport:
    version: int
    services: int
    content_hash: str
    problems: int


def publish(hub_url: str | None, path: Path, keys_file: Path | None = None) -> PublishReport:
    """Load a directory file into the hub as its newest catalogue version, signed by the hub."""
    result = read_catalogue(path)
    body = result.catalogue.model_dump_json()
    keys = load_keys(keys_file)
    engine = hub_engine(agency_url(hub_url, keys))
    try:
        with hub_errors(engine), engine.begin() as conn:
            version = publish_catalogue(
                conn,
                source=result.catalogue.source,
                fmt=result.catalogue.format,
                content_hash=result.content_hash,
                services=len(result.catalogue.services),
                body=body,
                signature=sign(catalogue_message(body), keys.signing_key),
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


def import_bundle(
    hub_url: str | None, path: Path, out_dir: Path | None = None, keys_file: Path | None = None
) -> ImportReport:
    """Load a signed bundle in one hub transaction (idempotent) and write its signed return file.

    The bundle is checked whole first (content, names, the enrolled site's signature);
    anything wrong refuses it with nothing stored.
    """
    bundle = read_bundle(path)
    manifest = bundle.manifest
    records = [
        (kind_of(record.record_type), kind_of(record.record_type).check(record))
        for record in bundle.records
    ]
    keys = load_keys(keys_file)
    # The return file's path is settled before the hub commits anything.
    folder = prepare_output_folder(out_dir or path.parent)
    target = path_in_folder(
        folder, f"navigator-return-{manifest.site_id}-{manifest.bundle_id}.json"
    )
    engine = hub_engine(agency_url(hub_url, keys))
    try:
        with hub_errors(engine), engine.begin() as conn:
            check_bundle_signature(path, bundle, site_verify_key(conn, manifest.site_id))
            received = hub_now(conn)
            touch_site(conn, manifest.site_id, "bundle")
            # Each import is a batch of its own: rows this import inserted are told apart by it.
            batch_id = str(uuid7())
            outcome = store_records(conn, records, batch_id=batch_id)
            note_clock(
                conn,
                site_id=manifest.site_id,
                via="bundle",
                batch_id=batch_id,
                laptop_clock=manifest.created_at,
            )
            times = note_bundle(
                conn,
                bundle_id=manifest.bundle_id,
                site_id=manifest.site_id,
                records=len(records),
                sha=manifest.records_sha256,
            )
            catalogue = _newest_signed_catalogue(conn, keys)
    finally:
        engine.dispose()
    body = ReturnBody(
        bundle_id=manifest.bundle_id,
        site_id=manifest.site_id,
        created_at=received,
        acks=_acks(bundle.records, outcome),
        catalogue=catalogue,
    )
    write_json(target, make_return(body, keys.signing_key))
    return ImportReport(
        manifest.bundle_id,
        manifest.site_id,
        len(outcome.stored),
        len(outcome.already),
        outcome.quarantined,
        times,
        target,
    )


def _newest_signed_catalogue(conn: Connection, keys: HubKeys) -> ReturnCatalogue | None:
    """The newest catalogue, when the hub's key signed it (an unsigned row is never passed on)."""
    latest = latest_catalogue(conn)
    if latest is None:
        return None
    body, signature = signed_catalogue(conn, latest.version)
    if signature is None or not verifies(catalogue_message(body), signature, keys.verify_key):
        return None
    return ReturnCatalogue(
        version=latest.version, content_hash=latest.content_hash, catalogue=json.loads(body)
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


def report(
    hub_url: str | None,
    start: date,
    end: date,
    keys_file: Path | None = None,
    clock_threshold: timedelta = DEFAULT_CLOCK_THRESHOLD,
) -> HubReport:
    if end < start:
        raise NavigatorError(f"--to {end} is before --from {start}.")
    keys = load_keys(keys_file) if hub_url is None else None
    engine = hub_engine(agency_url(hub_url, keys))
    try:
        with hub_errors(engine), engine.connect() as conn:
            return build_report(conn, start, end, clock_threshold=clock_threshold)
    finally:
        engine.dispose()
