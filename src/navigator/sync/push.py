"""Push: pending records to the hub in batches, each one hub transaction, then acknowledged.

The order is what makes it exactly-once: the hub commits a batch with
`ON CONFLICT (id) DO NOTHING`, and only then does the laptop mark the batch
acknowledged. A crash in between leaves the records pending, and the next
push re-sends them for the hub to recognise as already there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from uuid6 import uuid7

from navigator.store.outbox_store import (
    ACKED,
    PENDING,
    QUARANTINED,
    mark_settled,
    pending_records,
    state_counts,
)
from navigator.sync.hub import (
    StoreOutcome,
    hub_errors,
    store_rows,
    touch_site,
)
from navigator.sync.hub_trust import hub_now, note_clock
from navigator.sync.records import RECORD_KINDS, RecordKind, kind_of, local_rows

DEFAULT_BATCH = 1000
T = TypeVar("T")

Progress = Callable[[int, int], None]
BatchHook = Callable[[int, list[str]], None]


@dataclass
class PushHooks:
    """Points where tests inject faults: inside the hub transaction, and just after its commit."""

    before_hub_commit: BatchHook | None = None
    after_hub_commit: BatchHook | None = None


@dataclass
class PushResult:
    sent: int = 0
    already: int = 0
    quarantined: list[str] = field(default_factory=list)
    batches: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "already_there": self.already,
            "quarantined": self.quarantined,
            "batches": self.batches,
        }


def _in_outbox_order(
    session: Session,
    pending: list[tuple[str, str]],
    load: Callable[[Session, RecordKind, list[str]], dict[str, T]],
) -> list[tuple[RecordKind, T]]:
    """What `load` gives for each outbox entry, in outbox order; missing records are skipped,
    and so are kinds this version cannot send yet (they stay pending)."""
    ids_by_type: dict[str, list[str]] = {}
    for record_id, record_type in pending:
        ids_by_type.setdefault(record_type, []).append(record_id)
    loaded: dict[str, tuple[RecordKind, T]] = {}
    for record_type, ids in ids_by_type.items():
        if record_type not in RECORD_KINDS:
            continue
        kind = kind_of(record_type)
        for record_id, item in load(session, kind, ids).items():
            loaded[record_id] = (kind, item)
    return [loaded[record_id] for record_id, _ in pending if record_id in loaded]


def load_records(session: Session, pending: list[tuple[str, str]]) -> list[tuple[RecordKind, Any]]:
    """The domain records behind outbox entries, in outbox order (bundles)."""
    return _in_outbox_order(session, pending, lambda s, kind, ids: kind.load(s, ids))


def load_rows(
    session: Session, pending: list[tuple[str, str]]
) -> list[tuple[RecordKind, dict[str, Any]]]:
    """Hub rows for outbox entries, in outbox order (push)."""
    return _in_outbox_order(session, pending, local_rows)


def settle(session: Session, outcome: StoreOutcome, *, batch_id: str, at: datetime) -> None:
    mark_settled(session, outcome.stored + outcome.already, state=ACKED, batch_id=batch_id, at=at)
    mark_settled(session, outcome.quarantined, state=QUARANTINED, batch_id=batch_id, at=at)


def push_pending(
    local: Callable[[], Session],
    hub: Engine,
    *,
    site_id: str,
    clock: Callable[[], datetime],
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    hooks: PushHooks | None = None,
) -> PushResult:
    hooks = hooks or PushHooks()
    result = PushResult()

    def payloads(kind: RecordKind, ids: list[str]) -> dict[str, dict[str, Any]]:
        # Only for records the hub quarantines: their full payload, rebuilt from the laptop.
        with local() as session:
            return {
                i: model.model_dump(mode="json") for i, model in kind.load(session, ids).items()
            }

    with local() as session:
        total = state_counts(session).get(PENDING, 0)
    done = 0
    after: str | None = None
    while True:
        with local() as session:
            pending = pending_records(session, limit=batch_size, after=after)
            if not pending:
                break
            rows = load_rows(session, pending)
        after = pending[-1][0]
        batch_id = str(uuid7())
        ids = [str(row["id"]) for _, row in rows]
        with hub_errors(hub), hub.begin() as conn:
            received = hub_now(conn)
            touch_site(conn, site_id, "push")
            note_clock(conn, site_id=site_id, via="push", batch_id=batch_id, laptop_clock=clock())
            outcome = store_rows(conn, rows, batch_id=batch_id, payloads=payloads)
            if hooks.before_hub_commit:
                hooks.before_hub_commit(result.batches, ids)
        if hooks.after_hub_commit:
            hooks.after_hub_commit(result.batches, ids)
        with local() as session, session.begin():
            # Dated by the hub's clock, so a wrong laptop clock cannot make retention
            # purge these records early.
            settle(session, outcome, batch_id=batch_id, at=received)
        result.batches += 1
        result.sent += len(outcome.stored)
        result.already += len(outcome.already)
        result.quarantined += outcome.quarantined
        done += len(pending)
        if progress:
            progress(min(done, total), total)
    return result
