"""What travels to the hub: each record as an envelope of type, id, site, payload and hash.

The kinds that wait in the outbox are named once, in `store.outbox_store.OutboxKind`;
each is registered here once with its domain model, its hub table and how to load
it from the laptop; push and bundles then handle every kind alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Dialect, Table
from sqlalchemy.orm import Session

from navigator.domain.handoff import Handoff, payload_hash
from navigator.domain.handoff_event import HandoffEvent, event_hash
from navigator.domain.listing_flag import ListingFlag, flag_hash
from navigator.domain.sealed import validate_with_sealed
from navigator.errors import validation_problem
from navigator.store.chunks import chunked
from navigator.store.event_store import event_columns, events_by_id
from navigator.store.flag_store import flags_by_id
from navigator.store.handoff_store import handoff_columns, handoffs_by_id
from navigator.store.outbox_store import OutboxKind
from navigator.store.schema import HandoffEventRow, HandoffRow
from navigator.sync.hub_schema import handoff_events, handoffs, listing_flags


class SyncRecord(BaseModel):
    """One record as it is pushed or bundled."""

    model_config = ConfigDict(frozen=True)

    record_type: str
    id: str
    site_id: str
    payload: dict[str, Any]
    payload_hash: str


@dataclass(frozen=True)
class RecordKind:
    name: str
    table: Table
    model: type[BaseModel]
    hash: Callable[[Any], str]
    to_row: Callable[[Any], dict[str, Any]]
    load: Callable[[Session, list[str]], dict[str, Any]]
    # The laptop's table when its columns are the hub table's: push then copies rows
    # without rebuilding domain models (their payload hash was stored at write time).
    # None: push loads the models and uses `to_row`, as bundles do.
    local_table: Table | None = None

    def envelope(self, record: Any) -> SyncRecord:
        return SyncRecord(
            record_type=self.name,
            id=str(record.id),
            site_id=record.site_id,
            payload=record.model_dump(mode="json"),
            payload_hash=self.hash(record),
        )

    def check(self, record: SyncRecord) -> Any:
        """The domain record inside an envelope from outside; raises ValueError when it is
        malformed or its hash does not match its payload."""
        try:
            # Sealed note and reference travel as they are; their plain text was checked
            # on the laptop, and only the hub's private key opens them.
            model = validate_with_sealed(self.model, record.payload)
        except ValidationError as exc:
            field, message = validation_problem(exc)
            where = f" field '{field}'" if field else ""
            raise ValueError(f"{self.name} {record.id}{where}: {message}") from None
        if str(getattr(model, "id", "")) != record.id:
            raise ValueError(f"{self.name} {record.id}: the payload carries another id")
        if self.hash(model) != record.payload_hash:
            raise ValueError(f"{self.name} {record.id}: the payload does not match its hash")
        return model


def _flag_row(flag: ListingFlag) -> dict[str, Any]:
    return {
        "id": str(flag.id),
        "site_id": flag.site_id,
        "volunteer_id": flag.volunteer_id,
        "recorded_at": flag.recorded_at,
        "service_id": flag.service_id,
        # The directory's keepers read reason and note from here.
        "payload": flag.model_dump(mode="json"),
        "payload_hash": flag_hash(flag),
    }


RECORD_KINDS: dict[str, RecordKind] = {}


def register(kind: RecordKind) -> None:
    """How one outbox kind travels; only kinds named in `OutboxKind` can be registered."""
    RECORD_KINDS[OutboxKind(kind.name).value] = kind


register(
    RecordKind(
        OutboxKind.HANDOFF,
        handoffs,
        Handoff,
        payload_hash,
        handoff_columns,
        handoffs_by_id,
        HandoffRow.__table__,  # type: ignore[arg-type]
    )
)
register(
    RecordKind(
        OutboxKind.EVENT,
        handoff_events,
        HandoffEvent,
        event_hash,
        event_columns,
        events_by_id,
        HandoffEventRow.__table__,  # type: ignore[arg-type]
    )
)

register(RecordKind(OutboxKind.FLAG, listing_flags, ListingFlag, flag_hash, _flag_row, flags_by_id))


def _utc(value: str | None) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    # SQLite keeps no offset: stored as UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _reader(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """How a value SQLite hands back becomes the Python value the hub row holds."""
    kind = column.type
    if isinstance(kind, DateTime):
        return _utc
    if isinstance(kind, Date):
        return lambda v: None if v is None else date.fromisoformat(v)
    if isinstance(kind, Boolean):
        return lambda v: None if v is None else bool(v)
    if isinstance(kind, JSON):
        return lambda v: None if v is None else json.loads(v)
    return kind.result_processor(dialect, None)


def local_rows(session: Session, kind: RecordKind, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The laptop's rows for `ids`, shaped as hub rows, keyed by id.

    Read through the driver, with each column converted once by a plain function:
    a push of 100,000 records spends its time on the wire, not in row objects.
    """
    table = kind.local_table
    if table is None:
        return {i: kind.to_row(model) for i, model in kind.load(session, ids).items()}
    connection = session.connection()
    columns = list(table.columns)
    names = [c.name for c in columns]
    readers = [(i, r) for i, c in enumerate(columns) if (r := _reader(c, connection.dialect))]
    key = names.index("id")
    listed = ", ".join(f'"{n}"' for n in names)
    found: dict[str, dict[str, Any]] = {}
    driver = connection.connection.driver_connection
    assert driver is not None
    for chunk in chunked(ids):
        marks = ", ".join("?" * len(chunk))
        result = driver.execute(
            f'SELECT {listed} FROM "{table.name}" WHERE id IN ({marks})', tuple(chunk)
        ).fetchall()
        for raw in result:
            values = list(raw)
            for i, read in readers:
                values[i] = read(values[i])
            found[values[key]] = dict(zip(names, values, strict=True))
    return found


def kind_of(record_type: str) -> RecordKind:
    try:
        return RECORD_KINDS[record_type]
    except KeyError:
        raise ValueError(f"unknown record type '{record_type}'") from None
