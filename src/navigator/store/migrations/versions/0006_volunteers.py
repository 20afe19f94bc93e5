"""volunteers who sign in with a PIN

Revision ID: 0006
Revises: 0001
Create Date: 2026-11-23 13:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "volunteer",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("pin_hash", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("volunteer", schema=None) as batch_op:
        batch_op.create_index(
            "uq_volunteer_active_name",
            ["name_key"],
            unique=True,
            sqlite_where=sa.text("removed_at IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("volunteer", schema=None) as batch_op:
        batch_op.drop_index("uq_volunteer_active_name", sqlite_where=sa.text("removed_at IS NULL"))
    op.drop_table("volunteer")
