"""The people who sign in (issue 14 § 3): login, display name, role, password hash (scrypt), and
whether the account is active (an account is disabled, never deleted: the journal names its login).

And the events' author: a nullable column `actor` (the login), NULL for every event already stored,
whose hashes do not include it. A database without accounts is a « poste unique » that asks no one to sign in,
exactly as before. The way down drops it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("login", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("login", name="pk_accounts"),
    )
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("actor", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("actor")
    op.drop_table("accounts")
