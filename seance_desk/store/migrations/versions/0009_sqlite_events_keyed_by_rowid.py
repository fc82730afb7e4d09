"""On SQLite, the events table keyed by its row id: id = session_id × 2³² + seq, one B-tree per append
instead of the table and its unique index on (session_id, seq) (store/event_keys.py says why and
what it measured). PostgreSQL is left as it is (its guards, revision 0006, stay on its events).

The table is rebuilt (SQLite cannot change a primary key in place): a new table, every row copied
with its new key, the old one dropped, the new one renamed. Every column keeps its value (the hashed
texts untouched, so the hash chain verifies as before); only `id` changes, and nothing refers to it.
Dropping the old table cascades nothing: events is referenced by no other table (its own foreign key
to sessions is kept). The way down rebuilds 0008's layout, keeping the ids as they are (any integer
is a valid id there) and the unique constraint back.

The migration runs in the upgrade's one transaction, after the copy of the database made before
any upgrade (store/migrate.py, backup_before_migration).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Frozen copies (see 0001): the columns as 0008 left them, and the key's span (event_keys.SEQ_SPAN).
SEQ_SPAN = 4294967296
_COLUMNS = "session_id, seq, type, at, payload_json, prev_hash, hash, actor"
_SAME_COLUMNS = """    session_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    type VARCHAR(64) NOT NULL,
    at VARCHAR(20) NOT NULL,
    payload_json TEXT NOT NULL,
    prev_hash VARCHAR(64) NOT NULL,
    hash VARCHAR(64) NOT NULL,
    actor VARCHAR(64),
    CONSTRAINT fk_events_session_id_sessions FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE,
    CONSTRAINT ck_events_seq_positive CHECK (seq >= 1)"""

KEYED_EVENTS = f"""
CREATE TABLE events_keyed (
    id INTEGER NOT NULL,
{_SAME_COLUMNS},
    CONSTRAINT ck_events_seq_in_key CHECK (seq < {SEQ_SPAN}),
    CONSTRAINT ck_events_id_is_session_and_seq CHECK (id = session_id * {SEQ_SPAN} + seq),
    CONSTRAINT pk_events PRIMARY KEY (id)
)"""

INDEXED_EVENTS = f"""
CREATE TABLE events_indexed (
    id INTEGER NOT NULL,
{_SAME_COLUMNS},
    CONSTRAINT pk_events PRIMARY KEY (id),
    CONSTRAINT uq_events_session_id_seq UNIQUE (session_id, seq)
)"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _rebuild(KEYED_EVENTS, "events_keyed", f"session_id * {SEQ_SPAN} + seq")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _rebuild(INDEXED_EVENTS, "events_indexed", "id")


def _rebuild(create: str, name: str, key: str) -> None:
    op.execute(create)
    op.execute(f"INSERT INTO {name} (id, {_COLUMNS}) SELECT {key}, {_COLUMNS} FROM events ORDER BY session_id, seq")
    op.execute("DROP TABLE events")
    op.execute(f"ALTER TABLE {name} RENAME TO events")
