"""listing flags (follow-up outcomes use the handoff_event table of 0005)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 13:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "listing_flag",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=128), nullable=False),
        sa.Column("service_name", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("volunteer_id", sa.String(length=64), nullable=False),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("listing_flag", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_listing_flag_service_id"), ["service_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("listing_flag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_listing_flag_service_id"))
    op.drop_table("listing_flag")
