"""Benchmark: pushing N handoffs through the outbox vs a raw executemany of the same rows.

Runs in a schema of its own on the given hub, dropped afterwards, so a real
hub's tables are never touched.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.orm import Session
from uuid6 import uuid7

from navigator.domain.handoff import Handoff, HandoffKind, ServiceSnapshot
from navigator.store.database import open_database
from navigator.store.handoff_store import handoff_columns
from navigator.store.outbox_store import PENDING, OutboxKind
from navigator.store.schema import HandoffRow, OutboxRow
from navigator.sync.hub import hub_engine, hub_errors
from navigator.sync.hub_schema import handoffs, metadata
from navigator.sync.push import push_pending
from navigator.sync.records import kind_of

NEEDS = ("food", "housing", "health", "transport", "legal", "work")


@dataclass
class SyncBench:
    handoffs: int
    batch_size: int
    push_s: float
    raw_executemany_s: float

    @property
    def ratio(self) -> float:
        return self.push_s / self.raw_executemany_s if self.raw_executemany_s else float("inf")

    def as_dict(self) -> dict[str, Any]:
        return {
            "handoffs": self.handoffs,
            "batch_size": self.batch_size,
            "push_s": round(self.push_s, 3),
            "raw_executemany_s": round(self.raw_executemany_s, 3),
            "push_per_s": round(self.handoffs / self.push_s),
            "raw_per_s": round(self.handoffs / self.raw_executemany_s),
            "ratio": round(self.ratio, 2),
        }


def _handoffs(count: int) -> list[Handoff]:
    start = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
    made = []
    for i in range(count):
        unmet = i % 5 == 0
        made.append(
            Handoff(
                id=uuid7(),
                recorded_at=start + timedelta(seconds=i),
                local_date=date(2026, 11, 24),
                site_id="site-bench",
                volunteer_id="open-desk",
                kind=HandoffKind.UNMET if unmet else HandoffKind.WARM,
                needs=(NEEDS[i % len(NEEDS)],),
                service=None
                if unmet
                else ServiceSnapshot(
                    id=f"svc-{i % 500}",
                    name=f"Service {i % 500}",
                    organization="Millbrook Aid",
                    phone="(555) 010-2000",
                    address="1 Main St, Millbrook",
                ),
                consent_to_share=i % 2 == 0,
                note="called ahead" if i % 7 == 0 else None,
            )
        )
    return made


def _fill_laptop(db: Path, records: list[Handoff]) -> Engine:
    """A laptop database holding `records` as pending handoffs (bulk insert, not one by one)."""
    engine = open_database(db)
    with Session(engine) as session, session.begin():
        session.execute(insert(HandoffRow), [handoff_columns(h) for h in records])
        session.execute(
            insert(OutboxRow),
            [
                {"record_id": str(h.id), "record_type": OutboxKind.HANDOFF.value, "state": PENDING}
                for h in records
            ],
        )
    return engine


def run_sync_bench(hub_url: str | None, workdir: Path, count: int, batch_size: int) -> SyncBench:
    records = _handoffs(count)
    laptop = workdir / "bench-laptop.db"
    local_engine = _fill_laptop(laptop, records)
    schema = f"navigator_bench_{uuid4().hex[:8]}"
    probe = hub_engine(hub_url)
    url = probe.url
    probe.dispose()
    hub = create_engine(
        url, connect_args={"options": f"-csearch_path={schema}"}, pool_pre_ping=True
    )
    try:
        with hub_errors(hub), hub.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            metadata.create_all(conn)
            conn.execute(text("CREATE TABLE handoffs_raw (LIKE handoffs INCLUDING ALL)"))
        started = time.perf_counter()
        push_pending(
            lambda: Session(local_engine, expire_on_commit=False),
            hub,
            site_id="site-bench",
            clock=lambda: datetime.now(UTC),
            batch_size=batch_size,
        )
        push_s = time.perf_counter() - started
        raw_s = _raw_executemany(hub, records)
    finally:
        with hub.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        hub.dispose()
        local_engine.dispose()
    return SyncBench(count, batch_size, push_s, raw_s)


def _raw_executemany(hub: Any, records: list[Handoff]) -> float:
    """The floor: the same rows, prepared up front, in one cursor.executemany and one commit."""
    kind = kind_of("handoff")
    columns = [c.name for c in handoffs.columns if c.name not in ("received_at", "batch_id")]
    rows = [tuple(row[c] for c in columns) for row in map(kind.to_row, records)]
    sql = (
        f"INSERT INTO handoffs_raw ({', '.join(columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    raw = hub.raw_connection()
    try:
        started = time.perf_counter()
        with raw.cursor() as cursor:
            cursor.executemany(sql, rows)
        raw.commit()
        return time.perf_counter() - started
    finally:
        raw.close()
