"""directory coordinates checked against their own address: far ones placed by ZIP or town

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 19:30:00

A catalogue imported before this revision keeps a directory's coordinates even
where they cannot be its address's (a head office's point on every office, a
county centre, lat/lon swapped). The upgrade checks them as an import now does,
so an existing database shows honest distances without re-importing. It calls
the current locator: a later change to it changes what this upgrade finds, never
the schema (which this revision leaves as it is).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT l.id, l.latitude, l.longitude, a.address_1, a.city, a.state_province, "
            "a.postal_code, a.country FROM location l JOIN address a ON a.location_id = l.id "
            "WHERE l.latitude IS NOT NULL AND l.longitude IS NOT NULL "
            "AND (l.located_by IS NULL OR l.located_by = 'exact') "
            "ORDER BY l.id, a.position"
        )
    ).all()
    if not rows:
        return
    from navigator.domain.catalogue import Address, Location
    from navigator.domain.locating import placed

    points: dict[str, tuple[float, float]] = {}
    addresses: dict[str, list[Address]] = {}
    for row in rows:
        points[row.id] = (row.latitude, row.longitude)
        addresses.setdefault(row.id, []).append(
            Address(
                address_1=row.address_1,
                city=row.city,
                state_province=row.state_province,
                postal_code=row.postal_code,
                country=row.country,
            )
        )
    changed = []
    for location_id, found in addresses.items():
        latitude, longitude = points[location_id]
        location = Location(
            id=location_id, latitude=latitude, longitude=longitude, addresses=tuple(found)
        )
        location, correction = placed(location)
        if correction is not None:
            changed.append(
                {
                    "id": location_id,
                    "lat": location.latitude,
                    "lon": location.longitude,
                    "by": location.located_by,
                }
            )
    if changed:
        bind.execute(
            sa.text(
                "UPDATE location SET latitude = :lat, longitude = :lon, located_by = :by "
                "WHERE id = :id"
            ),
            changed,
        )


def downgrade() -> None:
    """Nothing to undo in the schema; the directory's own points come back on re-import."""
