"""The assembly stored once for its mandate (issue 10 part 2): its installed roster, its dated roster
changes and its written proxies, as one canonical JSON document per assembly (models/mandate.py).

The sessions belong to it through their setup's assembly id, which every stored session already
carries (as register_numbers.py reads it): nothing existing is altered, so every database written
before opens as it did, its sessions becoming the assembly's as soon as its register is installed.
A new table only; the way down drops it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Frozen copies of the types as they were at this revision (see 0001).
UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "assembly_registers",
        sa.Column("assembly_id", sa.String(200), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("document_json", sa.Text(), nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("assembly_id", name="pk_assembly_registers"),
    )


def downgrade() -> None:
    op.drop_table("assembly_registers")
