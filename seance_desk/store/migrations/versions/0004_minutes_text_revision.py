"""Each secretary's text gets a revision number, so that two posts editing the same text at once are
detected: a save carries the revision it was based on, and a save based on an older revision than
the stored one keeps both versions instead of overwriting the other post's (Store.save_minutes_text).

A column added in place (ADD COLUMN, with a default of 1 for the texts already saved); the way down
drops it in place too (ALTER TABLE … DROP COLUMN, SQLite 3.35 and later), as 0002 does: nothing is
rebuilt, nothing cascades.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("minutes_texts", sa.Column("revision", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("minutes_texts", recreate="never") as batch:
        batch.drop_column("revision")
