"""The chair's appends between the start-up's verification and the full store's opening, through the
standard library's driver alone.

Why: the window reads the last session without SQLAlchemy (quick_read.py), and importing SQLAlchemy
and opening the store (Store.open) takes about 0.25 s, twice a bare PySide6 window's whole cold
start. The chair could not act before it. Now, once the chain is verified, actions are appended
through this class; the full store is opened right after on a worker thread, and takes over
(service.SessionService.finish_opening) under the service's append lock, so that no append is in
flight while the writer changes.

The same durability and the same guards as the store's own append on SQLite (sqlite_append.py):
the same pragmas (sqlite_pragmas.py: WAL, synchronous=FULL), the same two statements in one
transaction (the head's guard, then the events' INSERT under their (session_id, seq) key),
tests/store/test_quick_append.py checks both against SQLAlchemy's compiled SQL), the same heads file
opened the same way (heads.start: the rollback check, the file created or compacted) and one line
recorded per durable commit before it is acknowledged, and the same French refusals. At close, if
the store never took over, the same checkpoint and compaction as Store.close."""

from __future__ import annotations

import atexit
import sqlite3
import threading
import weakref
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from ..models.journal import Event
from . import heads
from .codec import event_row, sqlite_datetime
from .errors import StoreError, write_failed
from .event_keys import keyed_rows
from .integrity import append_refusal, check_batch, head_move
from .sqlite_pragmas import apply_pragmas

# sqlite_append.ADVANCE_HEAD and INSERT_EVENTS as SQLAlchemy compiles them for SQLite with named
# parameters (equality checked by the tests): the rows are the dicts codec.event_row makes.
ADVANCE_HEAD_SQL = (
    "UPDATE session_heads SET event_count=:b_new_count, head_hash=:b_new_head, updated_at=:b_now "
    "WHERE session_heads.session_id = :b_session_id AND session_heads.event_count = :b_old_count "
    "AND session_heads.head_hash = :b_old_head"
)
INSERT_EVENT_SQL = (
    "INSERT INTO events (id, session_id, seq, type, at, payload_json, prev_hash, hash, actor) "
    "VALUES (:id, :session_id, :seq, :type, :at, :payload_json, :prev_hash, :hash, :actor)"
)
_SESSION_HEAD = """
    SELECT s.title, h.event_count
    FROM sessions AS s LEFT OUTER JOIN session_heads AS h ON h.session_id = s.id WHERE s.id = ?"""
_APPEND_FAILED = "L'action n'a pas pu être enregistrée"


class QuickAppend:
    """Appends to one SQLite database on one kept stdlib connection. Use QuickAppend.open()."""

    def __init__(self, database: Path, connection: sqlite3.Connection, heads_file: heads.HeadsFile):
        self.database = database
        self.where = str(database)  # as Store.where names a SQLite file
        self._connection: sqlite3.Connection | None = connection
        self._heads = heads_file
        self._lock = threading.Lock()
        self._closed = False
        _OPEN.add(self)

    @classmethod
    def open(cls, database: Path) -> QuickAppend:
        """Raises StoreError (JournalRolledBack if acknowledged actions are missing)."""
        database = Path(database).expanduser().resolve()  # as db.database_url makes a path absolute
        where = str(database)
        try:
            connection = _connect(database)
        except sqlite3.Error as exc:
            raise heads.open_failed(where, exc) from exc
        try:
            heads_file = heads.start(connection, database, where)
        except BaseException:
            connection.close()
            raise
        return cls(database, connection, heads_file)

    def append(self, session_id: int, events: Sequence[Event]) -> None:
        """Store.append_events, on this connection: one action's events in one durable transaction,
        its head recorded in the heads file before returning. Raises StoreError (JournalMoved if
        another post wrote first; nothing is then stored)."""
        if not events:
            return
        check_batch(events)
        head = head_move(session_id, events, sqlite_datetime(datetime.now(UTC)))
        rows = keyed_rows([event_row(session_id, event) for event in events])  # the row id: event_keys.py
        with self._lock:
            if self._closed:
                raise StoreError(f"{_APPEND_FAILED} : la base de données « {self.where} » est fermée.")
            try:
                connection = self._connection or self._reconnect()
                connection.execute("BEGIN")
                if connection.execute(ADVANCE_HEAD_SQL, head).rowcount != 1:
                    self._roll_back()
                    raise append_refusal(self.where, session_id, events[0].seq, self._session_head(session_id))
                if len(rows) == 1:
                    connection.execute(INSERT_EVENT_SQL, rows[0])
                else:
                    connection.executemany(INSERT_EVENT_SQL, rows)
                connection.commit()
            except sqlite3.IntegrityError as exc:
                self._roll_back()
                raise append_refusal(self.where, session_id, events[0].seq, self._session_head(session_id)) from exc
            except sqlite3.Error as exc:
                self._roll_back()
                raise write_failed(_APPEND_FAILED, self.where, exc) from exc
            except BaseException:
                self._roll_back()  # nothing of the action stays, whatever interrupted it (as SqliteAppend)
                raise
        # Durable now; recorded outside the database before the caller acknowledges it (heads.py).
        self._heads.record(session_id, events[-1].seq, events[-1].hash, rows[-1]["at"])

    def close(self, checkpoint: bool = True) -> None:
        """Closes the connection and the heads file. With `checkpoint` (nobody took over: the
        application is closing), first as Store.close does: the WAL copied into the database file
        and emptied, then the heads file compacted. Never raises; called again, does nothing."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            _OPEN.discard(self)
            self._heads.close()
            connection, self._connection = self._connection, None
            if connection is None:
                return
            try:
                if checkpoint:
                    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                    heads.compact(connection, self.database)
            except sqlite3.Error:
                pass  # best effort, as Store.checkpoint: the WAL keeps the rest, nothing is lost
            finally:
                connection.close()

    def _roll_back(self) -> None:
        """Nothing of a failed action stays; a connection that cannot even roll back is dropped and
        the next append opens a fresh one (as the pool's reset does for the store)."""
        connection = self._connection
        if connection is None:
            return
        try:
            connection.rollback()
        except sqlite3.Error:
            self._connection = None
            connection.close()

    def _reconnect(self) -> sqlite3.Connection:
        self._connection = _connect(self.database)
        return self._connection

    def _session_head(self, session_id: int) -> tuple[str, int | None] | None:
        """(title, event_count) as found now, for the refusal's message."""
        try:
            connection = self._connection or self._reconnect()
            return connection.execute(_SESSION_HEAD, (session_id,)).fetchone()
        except sqlite3.Error as exc:
            raise write_failed(_APPEND_FAILED, self.where, exc) from exc


def _connect(database: Path) -> sqlite3.Connection:
    # check_same_thread=False: opened on the verification's worker thread, used on the GUI thread
    # (one at a time, under the lock). The file must exist: it was just read.
    connection = sqlite3.connect(f"{database.as_uri()}?mode=rw", uri=True, check_same_thread=False)
    try:
        apply_pragmas(connection)
    except BaseException:
        connection.close()
        raise
    return connection


# As for the store (repository._close_open_stores): an appender its service did not close (an error
# on the way out) is closed at exit, so the WAL is checkpointed into the database file then too.
_OPEN: weakref.WeakSet[QuickAppend] = weakref.WeakSet()


@atexit.register
def _close_open_appenders() -> None:
    for quick in list(_OPEN):
        quick.close()
