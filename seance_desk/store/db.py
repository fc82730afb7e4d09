"""Engine creation. SQLite by default; PostgreSQL later, for the président and the secrétaire on
two laptops sharing a session. Only SQLite's connection setup below is dialect-specific."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

# How long a connection waits for another post's or program's lock before giving up with
# DatabaseBusy (« la base est occupée… réessayez »). Short, because the wait happens on the window's
# thread: a legitimate competing commit (the other laptop's action, even over a share) holds the lock
# for milliseconds; a program that keeps it longer must not freeze the chair's window, and the
# action is then refused, nothing shown as done. (It was 5 s: five seconds of a frozen window.)
BUSY_TIMEOUT_MS = 1000

# synchronous=FULL: an acknowledged action survives a power cut, not only a crash of the program.
# busy_timeout: a second program writing at the same moment waits instead of failing at once.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)

# Execution option for write transactions that read before they write (e.g. a text saved only if
# nobody changed it meanwhile): BEGIN IMMEDIATE takes the write lock first, waiting up to the busy
# timeout. A plain (deferred) BEGIN would read a snapshot, then fail at once with « database is
# locked » (SQLITE_BUSY_SNAPSHOT, which no busy timeout retries) if another post committed between
# the read and the write.
IMMEDIATE = {"sqlite_begin": "BEGIN IMMEDIATE"}


def database_url(target: str | os.PathLike[str]) -> URL:
    """A URL as given ("postgresql+psycopg://…", "sqlite:///…") or a file path, made absolute."""
    text = os.fspath(target)
    if "://" in text:
        from .pg_engine import with_driver

        return with_driver(make_url(text))
    return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))


def sqlite_file(url: URL) -> Path | None:
    """The database file behind a SQLite URL; None for other dialects and in-memory databases."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def describe_url(url: URL) -> str:
    path = sqlite_file(url)
    return str(path) if path is not None else url.render_as_string(hide_password=True)


def create_db_engine(url: URL) -> Engine:
    if url.get_backend_name() == "postgresql":
        from .pg_engine import engine_options

        return create_engine(url, **engine_options())
    engine = create_engine(url)
    if url.get_backend_name() == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def set_pragmas(dbapi_connection, _record) -> None:
        # The stdlib driver opens transactions itself, and only before DML: DDL would then run
        # outside any transaction and a failed migration would leave half a schema. Taking over
        # BEGIN (below) makes migrations and appends truly atomic (SQLAlchemy's documented recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def begin(connection) -> None:
        # Straight to the driver. (The chair's append has its own BEGIN: sqlite_append.SqliteAppend.)
        statement = connection.get_execution_options().get("sqlite_begin", "BEGIN")
        try:
            connection.connection.driver_connection.execute(statement)
        except sqlite3.OperationalError as exc:
            # Raised from an event, the driver's error would escape SQLAlchemy's wrapping: wrap it
            # (a busy database is the usual case: BEGIN IMMEDIATE waited out the busy timeout).
            raise OperationalError(statement, None, exc) from exc
