"""The strong forgery of issue 14 § 5, on any database the store runs on (SQLAlchemy Core only, so
the PostgreSQL fixture can reuse it): rewrite one event's payload, then recompute the hash of that
event and of every later one, and the head row — what someone with write access to the database and
a copy of the application's source could do. The hash chain alone then verifies."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, select, update

from seance_desk.models.canonical import canonical_json
from seance_desk.models.journal import chain_hash
from seance_desk.store.orm import EventRow, SessionHeadRow

EVENTS = EventRow.__table__
HEADS = SessionHeadRow.__table__


def rewrite_and_recompute(engine: Engine, session_id: int, seq: int, change: Callable[[dict[str, Any]], None]) -> None:
    with engine.begin() as connection:
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
            new_hash = chain_hash(prev_hash, body)
            connection.execute(
                update(EVENTS)
                .where(EVENTS.c.session_id == session_id, EVENTS.c.seq == row["seq"])
                .values(payload_json=canonical_json(payload), prev_hash=prev_hash, hash=new_hash)
            )
            prev = new_hash
        connection.execute(update(HEADS).where(HEADS.c.session_id == session_id).values(head_hash=prev))
