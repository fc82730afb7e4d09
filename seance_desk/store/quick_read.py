"""The window's start-up read: the last opened session, straight from the SQLite file with the
standard library's driver, read-only, before SQLAlchemy is even imported.

Why: importing SQLAlchemy's engine and ORM takes about 0.25 s, three times a bare PySide6 window's
whole cold start, and the first paint needs none of it. The window paints from this read; then, on
a worker thread, the hash chain is verified and the full store opened (Store.open: file probe,
schema check, SQLAlchemy engine), and only then are actions allowed (service.SessionService).

Anything unusual — no file yet, another schema revision (a migration to run), no last session, a
PostgreSQL URL, any driver error — returns None, and the caller takes the full path, which says
what is wrong in French. A session that reads but is altered raises the very StoreError the full
path would (verified_session makes every check but the chain's, as load_session(verify=False)).
A database whose journal went back in time (heads.py: acknowledged actions missing, for any
session) raises JournalRolledBack, as Store.open would: the window must not paint a past state.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

from . import heads
from .codec import EVENT_READ_COLUMNS, events_from_tuples
from .event_keys import session_keys
from .integrity import StoredSession, verified_session
from .schema_names import KNOWN_HEAD, LAST_OPENED_KEY, VERSION_TABLE

_SESSION = """
    SELECT s.id, s.title, s.setup_json, s.genesis_hash, h.event_count, h.head_hash
    FROM sessions AS s LEFT OUTER JOIN session_heads AS h ON h.session_id = s.id
    WHERE s.id = ?"""
# The session's range of row ids (event_keys.py): one range of the table's B-tree, in seq order.
_EVENTS = f"SELECT {', '.join(EVENT_READ_COLUMNS)} FROM events WHERE session_id = ? AND id BETWEEN ? AND ? ORDER BY id"


class QuickRead(NamedTuple):
    session_id: int
    stored: StoredSession  # its chain not yet verified
    # Each event's `at` and `payload_json` as stored: verifying the chain from them
    # (integrity.verify_stored_chain) spares re-encoding every payload.
    texts: list[tuple[str, str]]
    # The rows as read (codec.EVENT_READ_COLUMNS), whose digest a signed checkpoint may vouch for
    # (rows_digest.py): the verification then re-hashes only the events after it.
    rows: list[tuple] = []


def read_last_session(path: Path) -> QuickRead | None:
    """The last session, its chain not yet verified, or None: see the module's docstring. Raises
    StoreError if the session is altered in a way found without the chain."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        connection.row_factory = sqlite3.Row
        found = _read(connection, path)
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    if found is None:
        return None
    session, rows = found
    texts: list[tuple[str, str]] = []

    def decoded():
        events, read_texts = events_from_tuples(rows)
        texts.extend(read_texts)
        return events

    return QuickRead(session["id"], verified_session(session, decoded, verify_chain_now=False), texts, rows)


def _read(connection: sqlite3.Connection, path: Path) -> tuple[sqlite3.Row, list[tuple]] | None:
    versions = {row[0] for row in connection.execute(f"SELECT version_num FROM {VERSION_TABLE}")}
    if versions != {KNOWN_HEAD}:
        return None
    # One read transaction: the heads, the session and its events as of one moment.
    connection.execute("BEGIN")
    heads.check(connection, path)  # JournalRolledBack before anything of the past is shown
    last = connection.execute("SELECT value FROM app_state WHERE key = ?", (LAST_OPENED_KEY,)).fetchone()
    if last is None or not str(last[0]).isdigit():
        return None
    session = connection.execute(_SESSION, (int(last[0]),)).fetchone()
    if session is None:
        return None
    events = connection.cursor()
    events.row_factory = None  # plain tuples: events_from_tuples reads them by position
    return session, events.execute(_EVENTS, (session["id"], *session_keys(session["id"]))).fetchall()
