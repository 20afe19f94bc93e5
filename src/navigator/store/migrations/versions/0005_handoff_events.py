"""handoff events: follow-up outcomes and corrections

Revision ID: 0005
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "handoff_event",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("handoff_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("volunteer_id", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("field", sa.String(length=32), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("handoff_event", schema=None) as batch_op:
        batch_op.create_index("ix_handoff_event_handoff_id", ["handoff_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("handoff_event", schema=None) as batch_op:
        batch_op.drop_index("ix_handoff_event_handoff_id")
    op.drop_table("handoff_event")
