"""how each location's point was found; locations without coordinates placed by ZIP or town

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 16:30:00

A catalogue imported before this revision has no point for a location whose
directory gave an address but no coordinates. The upgrade places those from
their addresses, as an import now does, so an existing database gets distances
without re-importing. It calls the current locator: a later change to it
changes what this upgrade finds, never the schema it leaves.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("location", schema=None) as batch_op:
        batch_op.add_column(sa.Column("located_by", sa.String(length=16), nullable=True))
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "UPDATE location SET located_by = 'exact' "
            "WHERE latitude IS NOT NULL AND longitude IS NOT NULL"
        )
    )
    rows = bind.execute(
        sa.text(
            "SELECT a.location_id, a.address_1, a.city, a.state_province, a.postal_code, "
            "a.country FROM address a JOIN location l ON l.id = a.location_id "
            "WHERE l.latitude IS NULL OR l.longitude IS NULL "
            "ORDER BY a.location_id, a.position"
        )
    ).all()
    if not rows:
        return
    from navigator.domain.catalogue import Address, Location
    from navigator.domain.locating import locate

    addresses: dict[str, list[Address]] = {}
    for row in rows:
        addresses.setdefault(row.location_id, []).append(
            Address(
                address_1=row.address_1,
                city=row.city,
                state_province=row.state_province,
                postal_code=row.postal_code,
                country=row.country,
            )
        )
    placed = []
    for location_id, found in addresses.items():
        location = locate(Location(id=location_id, addresses=tuple(found)))
        if location.located_by is not None:
            placed.append(
                {
                    "id": location_id,
                    "lat": location.latitude,
                    "lon": location.longitude,
                    "by": location.located_by,
                }
            )
    if placed:
        bind.execute(
            sa.text(
                "UPDATE location SET latitude = :lat, longitude = :lon, located_by = :by "
                "WHERE id = :id"
            ),
            placed,
        )


def downgrade() -> None:
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "UPDATE location SET latitude = NULL, longitude = NULL "
            "WHERE located_by IN ('postal_code', 'city')"
        )
    )
    with op.batch_alter_table("location", schema=None) as batch_op:
        batch_op.drop_column("located_by")
