"""Listings read from the database: a few by id (those shown), or all as a stream.

The search index keeps no listing in memory: it reads the ones it shows here, a
page at a time, and indexes a large catalogue from the stream without holding it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from navigator.domain.catalogue import Listing, Service
from navigator.store.catalogue_batches import (
    CatalogueBatch,
    _locations,
    _organizations,
    _service,
    catalogue_batches,
)
from navigator.store.catalogue_store import current_version, service_count
from navigator.store.schema import (
    ContactRow,
    LanguageRow,
    PhoneRow,
    ScheduleRow,
    ServiceAtLocationRow,
    ServiceNeedRow,
    ServiceRow,
)

CHILDREN = (
    ("needs", ServiceNeedRow),
    ("places", ServiceAtLocationRow),
    ("phones", PhoneRow),
    ("contacts", ContactRow),
    ("languages", LanguageRow),
    ("schedules", ScheduleRow),
)


def _listings(batch: CatalogueBatch) -> Iterator[Listing]:
    for service in batch.services:
        organization = batch.organizations.get(service.organization_id or "")
        yield Listing(
            service=service,
            organization=organization,
            locations=tuple(
                batch.locations[i] for i in service.location_ids if i in batch.locations
            ),
        )


def stored_listings(session: Session) -> Iterator[Listing]:
    """Every stored listing in service id order (as `load_catalogue` reads them), a batch
    at a time."""
    for batch in catalogue_batches(session):
        yield from _listings(batch)


def _by_service(table: Any) -> Any:
    """Rows of a child table for some services, in order; built once, the ids bound late
    (an expanding parameter), so each call skips compiling 50 literals."""
    return (
        select(table)
        .where(table.c.service_id.in_(bindparam("ids", expanding=True)))
        .order_by(table.c.service_id, table.c.position)
    )


CHILD_QUERIES = tuple((name, _by_service(row_type.__table__)) for name, row_type in CHILDREN)
SERVICES_QUERY = select(ServiceRow.__table__).where(
    ServiceRow.__table__.c.id.in_(bindparam("ids", expanding=True))
)


def listings_by_id(session: Session, ids: Sequence[str]) -> dict[str, Listing]:
    """The stored listings with these service ids (those missing are left out)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(SERVICES_QUERY, {"ids": wanted}).all()
    children: dict[str, dict[str, list[Any]]] = {}
    for name, query in CHILD_QUERIES:
        grouped: dict[str, list[Any]] = defaultdict(list)
        for row in session.execute(query, {"ids": wanted}).all():  # fetchall: 2x row by row
            grouped[row.service_id].append(row)
        children[name] = grouped
    services: list[Service] = [_service(s, children) for s in rows]
    batch = CatalogueBatch(
        services=services,
        organizations=_organizations(
            session, {s.organization_id for s in services if s.organization_id}
        ),
        locations=_locations(session, {i for s in services for i in s.location_ids}),
    )
    return {listing.id: listing for listing in _listings(batch)}


def catalogue_stamp(session: Session) -> dict[str, Any]:
    """What identifies the stored catalogue for an index made from it: its version row
    and the schema revision (a migration may rewrite listings in place)."""
    version = current_version(session)
    try:
        revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError:
        revision = None
    return {
        "version": version.id if version else None,
        "content_hash": version.content_hash if version else None,
        "imported_at": version.imported_at.isoformat() if version else None,
        "services": service_count(session),
        "schema": revision,
    }
