"""The strong forgery of issue 14 § 5, on any database the store runs on (SQLAlchemy Core only):
rewrite one event's payload, then recompute the hash of that event and of every later one, and the
head row — exactly as the application computes them (models/journal: the event's body, its author
included when it has one) — what someone with write access to the database and a copy of the
application's source could do. The hash chain alone then verifies.

On PostgreSQL the journal is append-only in the database itself (migration 0006's trigger refuses
UPDATE and DELETE to every role): the forger there is the database's owner, who disables the
trigger for the length of the rewrite and enables it again, leaving the server as it found it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, select, text, update

from seance_desk.models.canonical import canonical_json
from seance_desk.models.journal import chain_hash
from seance_desk.store.orm import EventRow, SessionHeadRow

EVENTS = EventRow.__table__
HEADS = SessionHeadRow.__table__
APPEND_ONLY_TRIGGER = "events_append_only"  # migration 0006's row trigger on events


def rewrite_and_recompute(engine: Engine, session_id: int, seq: int, change: Callable[[dict[str, Any]], None]) -> None:
    with engine.begin() as connection, _append_only_guard_lifted(connection):
        rows = connection.execute(select(EVENTS).where(EVENTS.c.session_id == session_id).order_by(EVENTS.c.seq)).mappings().all()
        prev = None
        for row in rows:
            payload = json.loads(row["payload_json"])
            if row["seq"] < seq:
                prev = row["hash"]
                continue
            if row["seq"] == seq:
                change(payload)
            prev_hash = row["prev_hash"] if row["seq"] == seq else prev
            body = {"seq": row["seq"], "type": row["type"], "at": row["at"], "payload": payload, "prev_hash": prev_hash}
            if row["actor"] is not None:
                body["actor"] = row["actor"]  # as make_event hashes an event that has an author
            new_hash = chain_hash(prev_hash, body)
            connection.execute(
                update(EVENTS)
                .where(EVENTS.c.session_id == session_id, EVENTS.c.seq == row["seq"])
                .values(payload_json=canonical_json(payload), prev_hash=prev_hash, hash=new_hash)
            )
            prev = new_hash
        connection.execute(update(HEADS).where(HEADS.c.session_id == session_id).values(head_hash=prev))


def append_only_trigger_enabled(engine: Engine) -> bool:
    """PostgreSQL: whether migration 0006's trigger on events is in force (pg_trigger.tgenabled 'O')."""
    with engine.connect() as connection:
        state = connection.execute(
            text("SELECT tgenabled FROM pg_trigger WHERE tgname = :name AND tgrelid = 'events'::regclass"), {"name": APPEND_ONLY_TRIGGER}
        ).scalar_one()
    return state == "O"


@contextmanager
def _append_only_guard_lifted(connection: Connection) -> Iterator[None]:
    """The owner's way past the trigger on PostgreSQL (nothing to lift on SQLite). Inside the
    forger's transaction: ALTER TABLE is transactional there, so the trigger is back on at COMMIT."""
    if connection.dialect.name != "postgresql":
        yield
        return
    connection.execute(text(f"ALTER TABLE events DISABLE TRIGGER {APPEND_ONLY_TRIGGER}"))
    yield
    connection.execute(text(f"ALTER TABLE events ENABLE TRIGGER {APPEND_ONLY_TRIGGER}"))
