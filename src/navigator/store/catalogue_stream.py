"""Saving a catalogue as it is read: batches of rows into SQLite, all in one transaction.

A 100,000-service directory is never held in memory whole: each batch of
services (with the organizations and locations first seen in it) goes to
SQLite as plain rows through the driver's executemany, the cheapest insert
SQLite offers from Python. Everything happens inside the caller's
transaction, so a file that fails halfway changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from navigator.domain.catalogue import Location, Organization, Service
from navigator.store.catalogue_store import CATALOGUE_TABLES
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


class CatalogueWriter:
    """Replaces the stored catalogue batch by batch inside the caller's transaction.

    Foreign keys are checked at commit (`defer_foreign_keys`), so a service may
    arrive before the organization or location it names, as streamed formats
    allow; locations no service uses are dropped at the end.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.connection = session.connection()
        self.connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for table in CATALOGUE_TABLES:
            session.execute(delete(table))

    def _insert(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        for table, batch in rows.items():
            if batch:
                self.connection.exec_driver_sql(_SQL[table], batch)

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

    def finish(
        self,
        *,
        source: str,
        fmt: str,
        content_hash: str,
        imported_at: datetime,
        services: int,
        organizations: int,
    ) -> CatalogueVersion:
        """Drop unused locations and record the new version; the caller commits."""
        self.connection.exec_driver_sql(
            "DELETE FROM location WHERE id NOT IN (SELECT location_id FROM service_at_location)"
        )
        kept = self.connection.exec_driver_sql("SELECT count(*) FROM location").scalar() or 0
        version = CatalogueVersion(
            source=source,
            format=fmt,
            imported_at=imported_at,
            content_hash=content_hash,
            services=services,
            organizations=organizations,
            locations=kept,
        )
        self.session.add(version)
        self.session.flush()
        return version
