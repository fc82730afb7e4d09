"""The journal's head moves out of sessions into session_heads, a small table of its own.

Why: a sessions row carries setup_json (about 46 KB for 240 members, on overflow pages) and SQLite
rewrites the whole row on every UPDATE, so advancing the head on each chair action rewrote the
setup too. session_heads holds one short row per session (session_id, event_count, head_hash,
updated_at), and the append's guarded UPDATE now touches only that.

SQLite note: sessions is referenced by events with ON DELETE CASCADE and the store runs with
foreign_keys=ON, which cannot be switched off inside the migration's transaction. A batch
"move and copy" rebuild of sessions would DROP the old table, and the implicit DELETE of that DROP
would cascade to every event. So both directions alter sessions in place (recreate="never"):
ALTER TABLE … DROP COLUMN (SQLite 3.35 and later) on the way up, ADD COLUMN on the way down.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen copies of the types as they were at this revision (see 0001).
UTC_DATETIME = sa.DateTime(timezone=True)
HASH = sa.String(64)


def upgrade() -> None:
    op.create_table(
        "session_heads",
        sa.Column("session_id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("head_hash", HASH, nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("session_id", name="pk_session_heads"),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name="fk_session_heads_session_id_sessions", ondelete="CASCADE"
        ),
    )
    # The values as stored, untouched: a load still checks them against the journal.
    op.execute(
        "INSERT INTO session_heads (session_id, event_count, head_hash, updated_at) "
        "SELECT id, event_count, head_hash, updated_at FROM sessions"
    )
    with op.batch_alter_table("sessions", recreate="never") as batch:
        batch.drop_column("updated_at")
        batch.drop_column("event_count")
        batch.drop_column("head_hash")


def downgrade() -> None:
    # SQLite adds a NOT NULL column only with a default; the UPDATE below overwrites it at once.
    # On SQLite the default stays (dropping it would rebuild sessions, see above): 0001's code
    # always writes all three columns, so it never applies.
    defaults = {
        "updated_at": sa.text("'1970-01-01 00:00:00.000000'"),
        "event_count": sa.text("0"),
        "head_hash": sa.text("''"),
    }
    with op.batch_alter_table("sessions", recreate="never") as batch:
        batch.add_column(sa.Column("updated_at", UTC_DATETIME, nullable=False, server_default=defaults["updated_at"]))
        batch.add_column(sa.Column("event_count", sa.Integer(), nullable=False, server_default=defaults["event_count"]))
        batch.add_column(sa.Column("head_hash", HASH, nullable=False, server_default=defaults["head_hash"]))
    op.execute(
        "UPDATE sessions SET "
        "updated_at = (SELECT h.updated_at FROM session_heads h WHERE h.session_id = sessions.id), "
        "event_count = (SELECT h.event_count FROM session_heads h WHERE h.session_id = sessions.id), "
        "head_hash = (SELECT h.head_hash FROM session_heads h WHERE h.session_id = sessions.id) "
        "WHERE id IN (SELECT session_id FROM session_heads)"
    )
    if op.get_bind().dialect.name != "sqlite":
        for column in defaults:
            op.alter_column("sessions", column, server_default=None)
    op.drop_table("session_heads")
