"""The chair's append on PostgreSQL: one statement, on a connection the store keeps for appends.

What it does is what the generic path does (sqlite_append.ADVANCE_HEAD, then INSERT_EVENTS), in one
transaction: the session's head moves from the event the batch follows to its last event only if
nobody moved it meanwhile, and the events are inserted only then. Serialization: the UPDATE takes
the head row's lock, so a concurrent appender of the same session waits for this COMMIT, then (READ
COMMITTED re-reads the row) finds the head moved and inserts nothing (HeadMoved: the service
catches up and retries); UNIQUE(session_id, seq) stays the last guard.

Why one statement (a data-modifying CTE) on a kept connection: measured on 127.0.0.1 (bench_pg,
240 members), the generic path cost ~5 round trips per action (the pool's pre-ping, BEGIN, UPDATE,
INSERT, COMMIT) where a bare INSERT + COMMIT costs 3: action p95 ≈ 2.2 × the floor. Here it is
BEGIN, the statement, COMMIT — the floor's own count.

A kept connection may have died with the server (restart, network cut). A failure before COMMIT
left nothing committed, so the append is tried once more on a new connection; a failure during
COMMIT is not retried (the commit may have happened): the action is refused, and the post's next
catch-up shows whether it landed."""

from __future__ import annotations

import json
import threading

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from .codec import EVENT_COLUMNS
from .pg_engine import is_disconnect
from .sqlite_append import HeadMoved

# The events go as one JSON parameter read back with the events table's own row type: every column
# gets its column's type whatever EVENT_COLUMNS holds, and the statement is the same for one event
# or for « unanimité »'s 237.
_COLUMNS = ", ".join(EVENT_COLUMNS)
STATEMENT = (
    "WITH moved AS (UPDATE session_heads SET event_count = %s, head_hash = %s, updated_at = %s "
    "WHERE session_id = %s AND event_count = %s AND head_hash = %s RETURNING 1) "
    f"INSERT INTO events ({_COLUMNS}) "
    f"SELECT {', '.join('r.' + column for column in EVENT_COLUMNS)} "
    "FROM moved CROSS JOIN jsonb_populate_recordset(NULL::events, %s::jsonb) AS r"
)


class PgAppend:
    def __init__(self, engine: Engine):
        self._engine = engine
        self._lock = threading.Lock()  # one append at a time on the kept connection
        self._pooled = None

    @staticmethod
    def available(engine: Engine) -> bool:
        return engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg"

    def __call__(self, head: dict, rows: list[dict]) -> None:
        """Raises HeadMoved, or DBAPIError wrapping the driver's error (nothing stored)."""
        statement = STATEMENT
        events = json.dumps([{column: row[column] for column in EVENT_COLUMNS} for row in rows], ensure_ascii=False)
        parameters = (head["b_new_count"], head["b_new_head"], head["b_now"], head["b_session_id"], head["b_old_count"], head["b_old_head"], events)
        with self._lock:
            for attempt in (1, 2):
                try:
                    connection = self._connection()
                    with connection.cursor() as cursor:
                        cursor.execute(statement, parameters)
                        inserted = cursor.rowcount
                except Exception as exc:
                    self._release()
                    wrapped = _wrapped(statement, exc)
                    if attempt == 1 and is_disconnect(wrapped):
                        continue  # nothing was committed: once more, on a new connection
                    raise wrapped from exc
                if inserted != len(rows):
                    connection.rollback()
                    raise HeadMoved
                try:
                    connection.commit()
                except Exception as exc:
                    self._release()
                    raise _wrapped("COMMIT", exc) from exc
                return

    def close(self) -> None:
        with self._lock:
            self._release()

    def _connection(self):
        if self._pooled is None:
            self._pooled = self._engine.raw_connection()
        return self._pooled.driver_connection

    def _release(self) -> None:
        pooled, self._pooled = self._pooled, None
        if pooled is not None:
            try:
                pooled.invalidate()  # a connection in an unknown state never goes back to the pool
            except Exception:  # noqa: BLE001 — already dead: nothing to close
                pass


def _wrapped(statement: str, exc: Exception) -> Exception:
    """The driver's error as SQLAlchemy's, so that the store's error handling (is_busy,
    is_disconnect, UNIQUE as a moved head) reads it as on the generic path."""
    if isinstance(exc, HeadMoved | DBAPIError):
        return exc
    if getattr(exc, "sqlstate", None) == "23505":  # unique_violation: another post wrote this seq
        return HeadMoved()
    if type(exc).__module__.startswith("psycopg"):
        return DBAPIError(statement, None, exc)
    return exc
