"""The chair's append on SQLite, on the stdlib driver's own connection (see SqliteAppend), and
what it shares with the SQLAlchemy path of other databases: the head's guard and the event insert."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from operator import itemgetter

from sqlalchemy import Engine, bindparam, insert, update
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.pool import PoolProxiedConnection

from .codec import EVENT_COLUMNS, sqlite_datetime
from .event_keys import keyed_rows
from .orm import EventRow, JournalAnchorRow, SessionHeadRow

HEADS = SessionHeadRow.__table__
EVENTS = EventRow.__table__
ANCHORS = JournalAnchorRow.__table__
# The journal's anchor written with an action (see SqliteAppend.__call__): numbered inside the
# transaction, as anchors_store.add_anchor numbers it in its own.
LAST_ANCHOR_SQL = "SELECT max(number) FROM journal_anchors WHERE session_id = ?"
ANCHOR_COLUMNS = ("session_id", "number", "seq", "head_hash", "anchor_json")

# The append's guard, built once (SQLAlchemy caches its compiled form): the session's head moves
# from the event the batch follows to its last event only if nobody else moved it meanwhile. On
# PostgreSQL a concurrent appender blocks on this row, then finds the condition false. The head
# lives in session_heads, a short row, not in sessions, whose setup_json SQLite would rewrite too.
ADVANCE_HEAD = (
    update(HEADS)
    .where(
        HEADS.c.session_id == bindparam("b_session_id"),
        HEADS.c.event_count == bindparam("b_old_count"),
        HEADS.c.head_hash == bindparam("b_old_head"),
    )
    .values(event_count=bindparam("b_new_count"), head_hash=bindparam("b_new_head"), updated_at=bindparam("b_now"))
)
INSERT_EVENTS = insert(EVENTS)


class HeadMoved(Exception):
    """The session's head is not where the batch expects it: another writer, or no such session."""


class SqliteAppend:
    """The append on SQLite, run on the stdlib driver's own connection (one taken from the
    engine's pool, with its pragmas, and kept for appends) instead of a SQLAlchemy Connection.

    Why: with a fast disk, SQLAlchemy's per-statement machinery (execution context, parameter
    processing, result set-up, events) and its transaction bookkeeping cost about 0.1 ms per
    action, and checking a connection out of the pool and back in another 0.02 ms, against a
    durable commit of 0.2-0.3 ms. Measured side by side (bench_store, 240 members): action p50
    0.41 ms through a Core connection, 0.31 ms on a driver connection checked out per action,
    0.29 ms on a kept one; the p95 ratio to the bare commit went from 1.6-1.8 to 1.0-1.3.

    The SQL is the same: the two statements above, compiled once for SQLite with positional
    parameters, whose values are taken in order from the very dicts the SQLAlchemy path uses. Same transaction
    (BEGIN … COMMIT on one connection), same guards (the head check, then the (session_id, seq) key),
    same pragmas (WAL, synchronous=FULL). Other dialects (PostgreSQL) keep the SQLAlchemy path."""

    def __init__(self, engine: Engine):
        named = sqlite_dialect.dialect(paramstyle="named")
        qmark = sqlite_dialect.dialect(paramstyle="qmark")
        # Both statements with positional parameters, their values taken from the very dicts the
        # SQLAlchemy path binds by name (one itemgetter call each): the driver binds a tuple's values
        # in order where it looks each named one up in the dict. That lookup made up half of
        # executemany's time for « unanimité » at 240 members (237 rows: 1.4 ms -> 0.8 ms), and,
        # for every one-event action, about 5 % of the CPU instructions of the whole action.
        advance = ADVANCE_HEAD.compile(dialect=qmark)
        self.advance_head = advance.string
        self._head_in_order = itemgetter(*advance.positiontup)
        # With the row id, the event's key on SQLite (event_keys.py, revision 0009).
        positional = INSERT_EVENTS.compile(dialect=qmark, column_keys=["id", *EVENT_COLUMNS])
        self.insert_events = positional.string
        self._in_order = itemgetter(*positional.positiontup)
        self.insert_anchor = insert(ANCHORS).compile(dialect=named, column_keys=list(ANCHOR_COLUMNS)).string
        self._engine = engine
        self._lock = threading.Lock()  # one append at a time on the kept connection
        self._pooled: PoolProxiedConnection | None = None
        # On the pooled connection's driver connection, one cursor for every statement: creating one per
        # statement (Connection.execute) costs more than the BEGIN it runs.
        self._cursor: sqlite3.Cursor | None = None

    @staticmethod
    def available(engine: Engine) -> bool:
        return engine.dialect.name == "sqlite" and engine.dialect.driver == "pysqlite"

    def __call__(self, head: dict, rows: list[dict], anchor_row: Callable[[int], dict | None] | None = None) -> dict | None:
        """Raises HeadMoved, sqlite3.Error or SQLAlchemyError (checking out a connection).

        With `anchor_row` (the journal's anchor due after these events, as a function of its number:
        anchors_store.anchor_row's dict, or None to write none), the anchor is written in the same
        transaction, under the session's next number, and its row returned. Why: written apart
        (anchors_store.add_anchor), the policy's anchor after every 50th action cost that action a
        second durable commit (a second fsync, and SQLAlchemy's transaction), the slowest 2 % of the
        chair's actions. An anchor that cannot be written never fails the action: it is left out
        (a savepoint undoes it alone), and None returned; the caller tries again later."""
        head["b_now"] = sqlite_datetime(head["b_now"])
        with self._lock:
            cursor = self._cursor
            if cursor is None:
                self._pooled = self._engine.raw_connection()
                cursor = self._cursor = self._pooled.driver_connection.cursor()
            try:
                # isolation_level is None (db.py): the driver issues no BEGIN or COMMIT of its own.
                cursor.execute("BEGIN")
                if cursor.execute(self.advance_head, self._head_in_order(head)).rowcount != 1:
                    raise HeadMoved
                keyed_rows(rows)
                if len(rows) == 1:
                    cursor.execute(self.insert_events, self._in_order(rows[0]))
                else:
                    cursor.executemany(self.insert_events, map(self._in_order, rows))
                written = self._anchor(cursor, head["b_session_id"], anchor_row) if anchor_row is not None else None
                cursor.connection.commit()
                return written
            except BaseException:
                # Nothing of the action stays: the connection goes back to the pool, whose reset
                # rolls the transaction back (and discards the connection if even that fails);
                # the next append takes a fresh one.
                self._release()
                raise

    def _anchor(self, cursor: sqlite3.Cursor, session_id: int, anchor_row: Callable[[int], dict | None]) -> dict | None:
        """Inside the append's transaction: the anchor under the next number, or nothing (see __call__)."""
        cursor.execute("SAVEPOINT anchor")
        try:
            last = cursor.execute(LAST_ANCHOR_SQL, (session_id,)).fetchone()[0]
            row = anchor_row((last or 0) + 1)
            if row is not None:
                cursor.execute(self.insert_anchor, row)
        except sqlite3.Error:
            cursor.execute("ROLLBACK TO anchor")
            row = None
        cursor.execute("RELEASE anchor")
        return row

    def close(self) -> None:
        with self._lock:
            self._release()

    def _release(self) -> None:
        pooled, self._pooled, self._cursor = self._pooled, None, None
        if pooled is not None:
            pooled.close()
