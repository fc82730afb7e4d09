"""The journal's anchors (issue 14 § 5): signatures over a session's head, made at the opening, the
levée, each signature of the procès-verbal and regularly during the session (service/anchoring.py).

Numbered 0007, revising 0006: the PostgreSQL journal guards of the shared-store work (wt-pg),
developed in parallel and merged with it.

A new table only: existing sessions simply have no anchor yet (their journals verify as before; the
next action anchors them). The way down drops it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal_anchors",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(64), nullable=False),
        sa.Column("anchor_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name="fk_journal_anchors_session_id_sessions", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id", "number", name="pk_journal_anchors"),
    )


def downgrade() -> None:
    op.drop_table("journal_anchors")
