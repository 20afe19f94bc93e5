"""Listings read from the database: a few by id (those shown), or all as a stream.

The search index keeps no listing in memory: it reads the ones it shows here, a
page at a time, and indexes a large catalogue from the stream without holding it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from navigator.domain.catalogue import Listing
from navigator.store.catalogue_batches import CatalogueBatch, catalogue_batches, services_by_id
from navigator.store.catalogue_store import current_version, service_count


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


def listings_by_id(session: Session, ids: Sequence[str]) -> dict[str, Listing]:
    """The stored listings with these service ids (those missing are left out)."""
    return {
        listing.id: listing
        for batch in services_by_id(session, ids)
        for listing in _listings(batch)
    }


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
