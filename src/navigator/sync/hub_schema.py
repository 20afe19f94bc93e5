"""The hub's tables (PostgreSQL, SQLAlchemy Core), named so the agency's own tools can query them.

Each synced record type has a table keyed by the record's id, holding its
columns, its payload hash and when and in which batch it arrived. A record
arriving again under the same id with a different payload goes to
`quarantine` instead, never over the first.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

metadata = MetaData()


def _arrival() -> list[Column[object]]:
    return [
        Column("payload_hash", String(64), nullable=False),
        Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("batch_id", String(64)),
    ]


sites = Table(
    "sites",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("first_seen", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("last_seen", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("last_via", String(16), nullable=False),
)

handoffs = Table(
    "handoffs",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("site_id", String(64), nullable=False),
    Column("volunteer_id", String(64), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("local_date", Date, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("needs", ARRAY(Text), nullable=False),
    Column("service_id", String(128)),
    Column("service_name", Text),
    Column("service_organization", Text),
    Column("service_phone", Text),
    Column("service_address", Text),
    Column("consent_to_share", Boolean, nullable=False),
    Column("follow_up", Date),
    Column("note", Text),
    Column("client_ref", Text),
    *_arrival(),
    Index("ix_handoffs_local_date", "local_date"),
    Index("ix_handoffs_site_id", "site_id"),
)

handoff_events = Table(
    "handoff_events",
    metadata,
    Column("id", String(36), primary_key=True),
    # No foreign key: an event may reach the hub before its handoff (another laptop, a bundle).
    Column("handoff_id", String(36), nullable=False, index=True),
    Column("site_id", String(64), nullable=False),
    Column("volunteer_id", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("local_date", Date, nullable=False),
    Column("outcome", String(32)),
    Column("field", String(32)),
    Column("value", Text),
    Column("note", Text),
    *_arrival(),
)

# Reports of wrong listings travel like handoffs; their own issue fills in the payload.
listing_flags = Table(
    "listing_flags",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("site_id", String(64), nullable=False),
    Column("volunteer_id", String(64), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("service_id", String(128), nullable=False, index=True),
    Column("payload", JSONB, nullable=False),
    *_arrival(),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("record_type", String(16), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("site_id", String(64), nullable=False),
    Column("payload", JSONB, nullable=False),
    Column("payload_hash", String(64), nullable=False),
    Column("stored_hash", String(64), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("batch_id", String(64)),
    UniqueConstraint("record_type", "record_id", "payload_hash"),
    # Sites may insert here but not read: no RETURNING of the new id.
    implicit_returning=False,
)

catalogue_versions = Table(
    "catalogue_versions",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=True),
    Column("published_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("source", Text, nullable=False),
    Column("format", String(32), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("services", Integer, nullable=False),
    # The domain Catalogue as JSON text: laptops read it back byte for byte.
    Column("catalogue", Text, nullable=False),
    # The hub's Ed25519 signature of the catalogue text; laptops refuse a version without it.
    Column("signature", Text),
)

bundle_imports = Table(
    "bundle_imports",
    metadata,
    Column("bundle_id", String(64), primary_key=True),
    Column("site_id", String(64), nullable=False),
    Column("records", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("first_imported", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("last_imported", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("times", Integer, nullable=False, server_default="1"),
)

# The hub's public keys, one row: laptops seal client fields to the first and check the
# hub's signatures (return files, catalogues) with the second.
hub_keys = Table(
    "hub_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sealing_public_key", String(64), nullable=False),
    Column("verify_key", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# Enrolled sites: each has its own login role and the key its bundles are checked against.
site_keys = Table(
    "site_keys",
    metadata,
    Column("site_id", String(64), primary_key=True),
    Column("role_name", String(63), nullable=False, unique=True),
    Column("verify_key", String(64), nullable=False),
    Column("enrolled_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# The laptop's clock as each push batch or bundle gave it, beside the hub's own receipt time.
clock_readings = Table(
    "clock_readings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("site_id", String(64), nullable=False),
    Column("via", String(16), nullable=False),
    Column("batch_id", String(64), nullable=False),
    Column("laptop_clock", DateTime(timezone=True), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_clock_readings_site_id", "site_id"),
    # Sites may insert here but not read: no RETURNING of the new id.
    implicit_returning=False,
)
