"""Reading the stored catalogue back a batch of services at a time, in id order.

An export of 100,000 services never holds more than one batch, with the
organizations and locations that batch names: each batch is a range of
service ids, and each table is read for that range through its service_id
index, the organizations and locations joined in SQL. The rows come straight
from the driver (SQLAlchemy's row and type layers were half of reading a
catalogue back to index it); the values are turned into the same Python
types SQLAlchemy's column types give.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from navigator.domain.catalogue import (
    Address,
    Contact,
    Language,
    Location,
    Organization,
    Phone,
    Service,
)
from navigator.domain.hours import ScheduleRule
from navigator.store.chunks import chunked

# Services read at once: at 2000, one batch's rows and models were a third of the peak
# memory of building the index.
BATCH = 500

Row = tuple[Any, ...]

_SERVICE = (
    "SELECT id, organization_id, name, alternate_name, description, url, email, status, "
    "eligibility, minimum_age, maximum_age, fees, is_free, application_process, alert, "
    "last_verified, hours_text, keywords, documents FROM service"
)
# Each child table's columns after service_id, read in (service_id, position) order.
_CHILDREN = {
    "needs": ("service_need", "need"),
    "places": ("service_at_location", "location_id"),
    "phones": ("phone", "number, extension, type, description"),
    "contacts": ("contact", "name, title, department, email, phone"),
    "languages": ("language", "name, code"),
    "schedules": ("schedule", "freq, byday, opens_at, closes_at, valid_from, valid_to, "
                              "description"),
}  # fmt: skip
_ORGANIZATIONS = (
    "SELECT id, name, description, website, email FROM organization WHERE id IN "
    "(SELECT organization_id FROM service WHERE {where})"
)
_PLACES = "SELECT location_id FROM service_at_location WHERE service_{where}"
_LOCATIONS = (
    "SELECT id, name, description, kind, transportation, latitude, longitude, located_by, "
    "accessibility FROM location WHERE id IN (" + _PLACES + ")"
)
_ADDRESSES = (
    "SELECT location_id, address_1, address_2, city, state_province, postal_code, country "
    "FROM address WHERE location_id IN (" + _PLACES + ") ORDER BY location_id, position"
)


@dataclass(frozen=True)
class CatalogueBatch:
    """Some services, and the organizations and locations they refer to, by id."""

    services: list[Service]
    organizations: dict[str, Organization]
    locations: dict[str, Location]


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _strings(value: str | None) -> tuple[str, ...]:
    if value is None or value == "[]":  # most listings: no keywords, no documents
        return ()
    return tuple(json.loads(value) or ())


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _grouped(rows: list[Row]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    return grouped


def _service(s: Row, children: dict[str, dict[str, list[Row]]]) -> Service:
    sid = s[0]
    return Service(
        id=sid, organization_id=s[1], name=s[2], alternate_name=s[3], description=s[4],
        url=s[5], email=s[6], status=s[7], eligibility=s[8], minimum_age=s[9],
        maximum_age=s[10], fees=s[11], is_free=_flag(s[12]), application_process=s[13],
        alert=s[14], last_verified=_day(s[15]), hours_text=s[16], keywords=_strings(s[17]),
        documents=_strings(s[18]),
        needs=tuple(n[1] for n in children["needs"].get(sid, ())),
        location_ids=tuple(p[1] for p in children["places"].get(sid, ())),
        phones=tuple(
            Phone(number=p[1], extension=p[2], type=p[3], description=p[4])
            for p in children["phones"].get(sid, ())
        ),
        contacts=tuple(
            Contact(name=c[1], title=c[2], department=c[3], email=c[4], phone=c[5])
            for c in children["contacts"].get(sid, ())
        ),
        languages=tuple(_language(lg[1], lg[2]) for lg in children["languages"].get(sid, ())),
        schedules=tuple(
            _rule(r[1], r[2], r[3], r[4], _day(r[5]), _day(r[6]), r[7])
            for r in children["schedules"].get(sid, ())
        ),
    )  # fmt: skip


# A directory repeats a few hundred distinct hours ("Mon-Fri 9-5") and languages across
# 100,000 services: each checked once, one frozen copy shared.
@lru_cache(maxsize=4096)
def _language(name: str, code: str | None) -> Language:
    return Language(name=name, code=code)


@lru_cache(maxsize=4096)
def _rule(
    freq: str,
    byday: str,
    opens_at: str | None,
    closes_at: str | None,
    valid_from: date | None,
    valid_to: date | None,
    description: str,
) -> ScheduleRule:
    return ScheduleRule(
        freq=freq, byday=byday, opens_at=opens_at, closes_at=closes_at,
        valid_from=valid_from, valid_to=valid_to, description=description,
    )  # fmt: skip


def _driver(session: Session) -> sqlite3.Connection:
    """The session's own SQLite connection, inside the session's transaction (one
    snapshot for the whole read)."""
    driver = session.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def _read(driver: sqlite3.Connection, where: str, params: Sequence[str]) -> CatalogueBatch:
    """The services `service_{where}` (or `{where}` on service itself) selects, with their
    children, organizations and locations."""
    rows = driver.execute(f"{_SERVICE} WHERE {where} ORDER BY id", params).fetchall()
    children = {
        name: _grouped(driver.execute(
            f"SELECT service_id, {columns} FROM {table} WHERE service_{where} "
            "ORDER BY service_id, position", params).fetchall())
        for name, (table, columns) in _CHILDREN.items()
    }  # fmt: skip
    organizations = {
        o[0]: Organization(id=o[0], name=o[1], description=o[2], website=o[3], email=o[4])
        for o in driver.execute(_ORGANIZATIONS.format(where=where), params)
    }
    addresses: dict[str, list[Address]] = defaultdict(list)
    for a in driver.execute(_ADDRESSES.format(where=where), params):
        addresses[a[0]].append(
            Address(address_1=a[1], address_2=a[2], city=a[3], state_province=a[4],
                    postal_code=a[5], country=a[6])
        )  # fmt: skip
    locations = {
        loc[0]: Location(
            id=loc[0], name=loc[1], description=loc[2], kind=loc[3], transportation=loc[4],
            latitude=loc[5], longitude=loc[6], located_by=loc[7],
            addresses=tuple(addresses.get(loc[0], ())), accessibility=_strings(loc[8]),
        )
        for loc in driver.execute(_LOCATIONS.format(where=where), params)
    }  # fmt: skip
    return CatalogueBatch(
        services=[_service(s, children) for s in rows],
        organizations=organizations,
        locations=locations,
    )


def catalogue_batches(session: Session, size: int = BATCH) -> Iterator[CatalogueBatch]:
    """The stored services in id order, `size` at a time, with what each batch refers to."""
    driver = _driver(session)
    last: str | None = None
    while True:
        query = "SELECT id FROM service" + (" WHERE id > ?" if last is not None else "")
        ids = driver.execute(
            f"{query} ORDER BY id LIMIT ?", (last, size) if last is not None else (size,)
        ).fetchall()
        if not ids:
            return
        first, last = ids[0][0], ids[-1][0]
        yield _read(driver, "id BETWEEN ? AND ?", (first, last))


def services_by_id(session: Session, ids: Sequence[str]) -> Iterator[CatalogueBatch]:
    """The stored services with these ids (those missing are left out), in batches."""
    driver = _driver(session)
    for chunk in chunked(sorted(set(ids))):
        yield _read(driver, f"id IN ({', '.join('?' * len(chunk))})", chunk)
