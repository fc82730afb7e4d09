"""The secretary's texts of the procès-verbal (« teneur des discussions »), one row per item.

Saved while typing, outside the hash-chained journal; the journal's minutes events (arrêté,
signatures) carry the SHA-256 of these texts. A new table only: nothing existing is altered.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Frozen copies of the types as they were at this revision (see 0001).
UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "minutes_texts",
        sa.Column("session_id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("item_id", sa.String(100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("session_id", "item_id", name="pk_minutes_texts"),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name="fk_minutes_texts_session_id_sessions", ondelete="CASCADE"
        ),
    )


def downgrade() -> None:
    op.drop_table("minutes_texts")
