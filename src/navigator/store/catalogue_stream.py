"""Saving a catalogue as it is read: batches of rows into SQLite, all in one transaction.

A 100,000-service directory is never held in memory whole: each batch of
services (with the organizations and locations first seen in it) goes to
SQLite as plain rows through the driver's executemany, the cheapest insert
SQLite offers from Python. Everything happens inside the caller's
transaction, so a file that fails halfway changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime, time
from pathlib import Path
from time import time as now
from typing import Any

from sqlalchemy import Engine

from navigator.domain.catalogue import Location, Organization, Service
from navigator.store.catalogue_store import CATALOGUE_TABLES
from navigator.store.filesystem import create_private_file
from navigator.store.schema import CatalogueVersion


def _json(items: Sequence[str]) -> str:
    return json.dumps(list(items))


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _clock(value: time | None) -> str | None:
    return value.strftime("%H:%M:%S") if value is not None else None


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


_SQL = {
    "organization": "INSERT INTO organization (id, name, description, website, email) "
    "VALUES (?, ?, ?, ?, ?)",
    "location": "INSERT INTO location (id, name, description, kind, transportation, latitude, "
    "longitude, located_by, accessibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "address": "INSERT INTO address (location_id, position, address_1, address_2, city, "
    "state_province, postal_code, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "service": "INSERT INTO service (id, organization_id, name, alternate_name, description, "
    "url, email, status, eligibility, minimum_age, maximum_age, fees, is_free, "
    "application_process, alert, last_verified, hours_text, keywords, documents) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "service_need": "INSERT INTO service_need (service_id, need, position) VALUES (?, ?, ?)",
    "service_at_location": "INSERT INTO service_at_location (service_id, location_id, position) "
    "VALUES (?, ?, ?)",
    "phone": "INSERT INTO phone (service_id, position, number, extension, type, description) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    "contact": "INSERT INTO contact (service_id, position, name, title, department, email, "
    "phone) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "language": "INSERT INTO language (service_id, position, name, code) VALUES (?, ?, ?, ?)",
    "schedule": "INSERT INTO schedule (service_id, position, freq, byday, opens_at, closes_at, "
    "valid_from, valid_to, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
}


def organization_rows(organizations: Iterable[Organization]) -> list[tuple[Any, ...]]:
    return [(o.id, o.name, o.description, o.website, o.email) for o in organizations]


def location_rows(locations: Iterable[Location]) -> dict[str, list[tuple[Any, ...]]]:
    rows: dict[str, list[tuple[Any, ...]]] = {"location": [], "address": []}
    for loc in locations:
        rows["location"].append((loc.id, loc.name, loc.description, loc.kind,
                                 loc.transportation, loc.latitude, loc.longitude,
                                 loc.located_by, _json(loc.accessibility)))  # fmt: skip
        rows["address"] += [
            (loc.id, i, a.address_1, a.address_2, a.city, a.state_province, a.postal_code,
             a.country)
            for i, a in enumerate(loc.addresses)
        ]  # fmt: skip
    return rows


def service_rows(services: Iterable[Service]) -> dict[str, list[tuple[Any, ...]]]:
    """Each service's row and its children's, table by table, in insert order."""
    rows: dict[str, list[tuple[Any, ...]]] = {
        name: [] for name in ("service", "service_need", "service_at_location", "phone",
                              "contact", "language", "schedule")
    }  # fmt: skip
    for s in services:
        sid = s.id
        rows["service"].append((
            sid, s.organization_id, s.name, s.alternate_name, s.description, s.url, s.email,
            s.status, s.eligibility, s.minimum_age, s.maximum_age, s.fees, _flag(s.is_free),
            s.application_process, s.alert, _day(s.last_verified), s.hours_text,
            _json(s.keywords), _json(s.documents),
        ))  # fmt: skip
        rows["service_need"] += [(sid, n, i) for i, n in enumerate(s.needs)]
        rows["service_at_location"] += [
            (sid, loc, i) for i, loc in enumerate(dict.fromkeys(s.location_ids))
        ]
        rows["phone"] += [(sid, i, p.number, p.extension, p.type, p.description)
                          for i, p in enumerate(s.phones)]  # fmt: skip
        rows["contact"] += [(sid, i, c.name, c.title, c.department, c.email, c.phone)
                            for i, c in enumerate(s.contacts)]  # fmt: skip
        rows["language"] += [(sid, i, lang.name, lang.code) for i, lang in enumerate(s.languages)]
        rows["schedule"] += [
            (sid, i, r.freq, r.byday_text(), _clock(r.opens_at), _clock(r.closes_at),
             _day(r.valid_from), _day(r.valid_to), r.description)
            for i, r in enumerate(s.schedules)
        ]  # fmt: skip
    return rows


def _secondary_indexes(driver: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the catalogue tables' own indexes."""
    names = [table.__tablename__ for table in CATALOGUE_TABLES]
    found = driver.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join('?' * len(names))})",
        names,
    ).fetchall()
    return [(str(name), str(sql)) for name, sql in found]


def _staging_prefix(database: Path) -> str:
    return f".{database.name}.import-"


# An import creates its file a moment before it locks it: a younger empty file may be one.
_UNLOCKED_GRACE_S = 60.0


def remove_abandoned_staging(database: Path) -> list[Path]:
    """Delete staging files that imports killed mid-way left beside `database`.

    A live import holds its file's lock until it ends; a killed one's lock went
    with its process. Returns the files removed.
    """
    removed: list[Path] = []
    for leftover in database.parent.glob(f"{_staging_prefix(database)}*"):
        try:
            stat = leftover.stat()
        except OSError:
            continue
        if stat.st_size == 0 and now() - stat.st_mtime < _UNLOCKED_GRACE_S:
            continue
        if _in_use(leftover):
            continue
        try:
            leftover.unlink()
        except OSError:  # gone already, or (Windows) opened meanwhile: the next import tries
            continue
        removed.append(leftover)
    return removed


def _in_use(path: Path) -> bool:
    """Whether an import still holds `path`'s lock (a file cut short is not in use)."""
    try:
        probe = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=0, isolation_level=None
        )
    except sqlite3.Error:
        return False
    try:
        probe.execute("BEGIN EXCLUSIVE")  # refused while an import writes or reads it
        probe.execute("ROLLBACK")
    except sqlite3.Error as error:
        code = getattr(error, "sqlite_errorcode", None)
        return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    finally:
        probe.close()
    return False


class CatalogueWriter:
    """Writes a catalogue batch by batch into a staging file, then swaps it in.

    Reading and checking a large directory takes a while; all that time the
    rows go to a private staging file beside the database, never to the
    database itself, so the desk keeps saving handoffs. Only `swap_in` takes
    the database's write lock, for one transaction that copies the staged
    tables over the old catalogue inside SQLite. A directory that fails while
    being read leaves the database as it was; `close` deletes the staging file.
    """

    def __init__(self, engine: Engine, database: Path) -> None:
        self.engine = engine
        remove_abandoned_staging(database)
        self.path = database.with_name(f"{_staging_prefix(database)}{uuid.uuid4().hex[:12]}")
        create_private_file(self.path)
        # Written from one worker thread (see `_insert`), opened here: not the same thread.
        self.connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._writing: Future[None] | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="catalogue-staging")
        # A scratch file: nothing to keep safe until the swap copies it.
        self.connection.execute("PRAGMA journal_mode = OFF")
        self.connection.execute("PRAGMA synchronous = OFF")
        # Held until closed: the file's lock tells another import this one is alive
        # (the system drops it when a process dies, however it dies).
        self.connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        self.connection.execute("BEGIN EXCLUSIVE")
        names = [table.__tablename__ for table in CATALOGUE_TABLES]
        with engine.connect() as source:
            found = source.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN "
                f"({', '.join('?' * len(names))})",
                tuple(names),
            ).all()
        # The tables as the database has them (foreign keys are not enforced here; the
        # database checks them at the swap), without their secondary indexes.
        for _name, sql in found:
            self.connection.execute(sql)

    def _insert(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        """Hand one batch's rows to the worker thread and return: SQLite lets go of the
        GIL while it inserts, so the next batch is read meanwhile. One batch at a time
        in flight (memory stays bounded); an insert's error is raised here, at the next."""
        self._wait()
        self._writing = self._worker.submit(self._insert_now, rows)

    def _insert_now(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        for table, batch in rows.items():
            if batch:
                self.connection.executemany(_SQL[table], batch)

    def _wait(self) -> None:
        """Wait for the batch in flight, raising its error."""
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.result()

    def write(
        self,
        organizations: Sequence[Organization],
        locations: Sequence[Location],
        services: Sequence[Service],
    ) -> None:
        if organizations:
            self._insert({"organization": organization_rows(organizations)})
        if locations:
            self._insert(location_rows(locations))
        if services:
            self._insert(service_rows(services))

    def swap_in(
        self,
        *,
        source: str,
        fmt: str,
        content_hash: str,
        imported_at: datetime,
        services: int,
        organizations: int,
    ) -> tuple[int, int]:
        """Replace the database's catalogue with the staged one in one short write
        transaction; returns (the new version's id, locations kept)."""
        self._wait()
        self._worker.shutdown()
        stage = self.connection
        stage.execute(
            "DELETE FROM location WHERE id NOT IN (SELECT location_id FROM service_at_location)"
        )
        kept = int(stage.execute("SELECT count(*) FROM location").fetchone()[0])
        stage.execute("COMMIT")
        # The file's lock passes to the database's connection, whose BEGIN IMMEDIATE below
        # locks the attached file too (a moment without a lock between the two).
        stage.close()
        version_table = CatalogueVersion.__table__
        raw = self.engine.raw_connection()
        try:
            driver = raw.driver_connection
            assert driver is not None
            # ATTACH is refused inside a transaction: before BEGIN, on this connection.
            driver.execute("ATTACH DATABASE ? AS staged", (str(self.path),))
            # The old catalogue is public directory text, not client data: its freed pages
            # need no overwriting, which would double the writes while the lock is held.
            driver.execute("PRAGMA main.secure_delete = OFF")
            try:
                driver.execute("BEGIN IMMEDIATE")
                try:
                    driver.execute("PRAGMA defer_foreign_keys = ON")
                    # Secondary indexes built once after the copy (a sort) cost less than
                    # kept up row by row; all inside this transaction.
                    indexes = _secondary_indexes(driver)
                    for name, _sql in indexes:
                        driver.execute(f'DROP INDEX main."{name}"')
                    for table in CATALOGUE_TABLES:
                        driver.execute(f"DELETE FROM main.{table.__tablename__}")
                    for table in reversed(CATALOGUE_TABLES):
                        name = table.__tablename__
                        driver.execute(f"INSERT INTO main.{name} SELECT * FROM staged.{name}")
                    for _name, sql in indexes:
                        driver.execute(sql)
                    stamp = version_table.c.imported_at.type.bind_processor(self.engine.dialect)
                    cursor = driver.execute(
                        "INSERT INTO catalogue_version (source, format, imported_at, "
                        "content_hash, services, organizations, locations) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (source, fmt, stamp(imported_at) if stamp else imported_at,
                         content_hash, services, organizations, kept),
                    )  # fmt: skip
                    version_id = int(cursor.lastrowid or 0)
                    driver.execute("COMMIT")
                except BaseException:
                    driver.execute("ROLLBACK")
                    raise
            finally:
                driver.execute("DETACH DATABASE staged")
                driver.execute("PRAGMA main.secure_delete = ON")
        finally:
            raw.close()
        return version_id, kept

    def close(self) -> None:
        """Delete the staging file (after a swap, or when the import failed)."""
        try:
            self._worker.shutdown(wait=True)  # a batch in flight ends before its file goes
            self.connection.close()
        finally:
            self.path.unlink(missing_ok=True)
