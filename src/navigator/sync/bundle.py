"""USB bundles and return files: JSON documents with a manifest and SHA-256 of their content.

A bundle carries a site's pending records to the hub; the hub answers with a
return file of acknowledgements (and the newest catalogue). Both are checked
whole before anything is changed: the format marker, the SHA-256 of the
content, the counts, and each record's own payload hash. The SHA-256 catches
damage and mix-ups, not a forger who recomputes it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from navigator.atomic_file import write_atomic
from navigator.errors import BundleError, validation_problem
from navigator.sync.records import SyncRecord, kind_of

BUNDLE_FORMAT = "navigator-bundle"
RETURN_FORMAT = "navigator-return"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 512 * 1024 * 1024


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class BundleManifest(_Strict):
    bundle_id: str
    site_id: str
    site_name: str
    created_at: datetime
    counts: dict[str, int]
    records_sha256: str


class Bundle(_Strict):
    format: Literal["navigator-bundle"]
    format_version: Literal[1]
    manifest: BundleManifest
    records: list[SyncRecord]
    # Over manifest and records together, so no field of the file changes unnoticed.
    sha256: str


class Ack(_Strict):
    record_id: str
    record_type: str
    status: Literal["stored", "already", "quarantined"]


class ReturnCatalogue(_Strict):
    version: int
    content_hash: str
    catalogue: dict[str, Any]


class ReturnBody(_Strict):
    bundle_id: str
    site_id: str
    created_at: datetime
    acks: list[Ack]
    catalogue: ReturnCatalogue | None = None


class ReturnFile(_Strict):
    format: Literal["navigator-return"]
    format_version: Literal[1]
    body: ReturnBody
    sha256: str


def canonical_sha256(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _records_json(records: list[SyncRecord]) -> list[dict[str, Any]]:
    return [record.model_dump(mode="json") for record in records]


def make_bundle(
    records: list[SyncRecord], *, bundle_id: str, site_id: str, site_name: str, now: datetime
) -> Bundle:
    counts: dict[str, int] = {}
    for record in records:
        counts[record.record_type] = counts.get(record.record_type, 0) + 1
    manifest = BundleManifest(
        bundle_id=bundle_id,
        site_id=site_id,
        site_name=site_name,
        created_at=now,
        counts=counts,
        records_sha256=canonical_sha256(_records_json(records)),
    )
    records_json = _records_json(records)
    return Bundle(
        format=BUNDLE_FORMAT,
        format_version=FORMAT_VERSION,
        manifest=manifest,
        records=records,
        sha256=canonical_sha256(
            {"manifest": manifest.model_dump(mode="json"), "records": records_json}
        ),
    )


def write_json(path: Path, model: BaseModel) -> None:
    write_atomic(path, model.model_dump_json(indent=1).encode("utf-8"))


def _load_document(path: Path, what: str) -> Any:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise BundleError(f"{path}: cannot read the {what} ({error.strerror}).") from None
    if size > MAX_FILE_BYTES:
        raise BundleError(f"{path}: too large to be a Navigator {what}.")
    try:
        return json.loads(path.read_bytes())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BundleError(
            f"{path}: damaged, not a readable {what} ({error}).",
            hint="Copy the file again from the USB stick; nothing was changed.",
        ) from None


def _marker(document: Any) -> Any:
    return document.get("format") if isinstance(document, dict) else None


def read_bundle(path: Path) -> Bundle:
    """The bundle at `path`, fully checked; raises BundleError and changes nothing otherwise."""
    document = _load_document(path, "bundle")
    if _marker(document) != BUNDLE_FORMAT:
        raise BundleError(
            f"{path}: not a Navigator bundle.",
            hint="Bundles are made by: navigator sync bundle --out DIR",
        )
    try:
        bundle = Bundle.model_validate(document)
    except ValidationError as exc:
        where, message = validation_problem(exc)
        raise BundleError(f"{path}: field '{where}': {message}; the bundle is damaged.") from None
    manifest = bundle.manifest
    whole = canonical_sha256({"manifest": document["manifest"], "records": document["records"]})
    if canonical_sha256(document["records"]) != manifest.records_sha256 or whole != bundle.sha256:
        raise BundleError(
            f"{path}: the records do not match the manifest's SHA-256; the bundle was changed "
            "or damaged after it was made.",
            hint="Make a new bundle on the laptop; nothing was imported.",
        )
    counts: dict[str, int] = {}
    seen: set[str] = set()
    for index, record in enumerate(bundle.records):
        counts[record.record_type] = counts.get(record.record_type, 0) + 1
        if record.id in seen:
            raise BundleError(f"{path}: record {index + 1} ({record.id}) appears twice.")
        seen.add(record.id)
        if record.site_id != manifest.site_id:
            raise BundleError(
                f"{path}: record {index + 1} ({record.id}) belongs to site '{record.site_id}', "
                f"not the bundle's site '{manifest.site_id}'."
            )
        try:
            kind_of(record.record_type).check(record)
        except ValueError as error:
            raise BundleError(f"{path}: record {index + 1}: {error}.") from None
    if counts != manifest.counts:
        raise BundleError(f"{path}: the record counts do not match the manifest.")
    return bundle


def make_return(body: ReturnBody) -> ReturnFile:
    return ReturnFile(
        format=RETURN_FORMAT,
        format_version=FORMAT_VERSION,
        body=body,
        sha256=canonical_sha256(body.model_dump(mode="json")),
    )


def read_return(path: Path) -> ReturnFile:
    document = _load_document(path, "return file")
    if _marker(document) != RETURN_FORMAT:
        raise BundleError(
            f"{path}: not a Navigator return file.",
            hint="Return files are written by: navigator hub import-bundle FILE",
        )
    try:
        returned = ReturnFile.model_validate(document)
    except ValidationError as exc:
        where, message = validation_problem(exc)
        raise BundleError(f"{path}: field '{where}': {message}; the file is damaged.") from None
    if canonical_sha256(document["body"]) != returned.sha256:
        raise BundleError(
            f"{path}: the content does not match its SHA-256; the file was changed or damaged.",
            hint="Ask the hub for the return file again; nothing was changed.",
        )
    return returned
