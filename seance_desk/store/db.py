"""Engine creation. SQLite by default; PostgreSQL later, for the président and the secrétaire on
two laptops sharing a session. Only SQLite's connection setup below is dialect-specific."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

from .sqlite_pragmas import BUSY_TIMEOUT_MS, SQLITE_PRAGMAS, apply_pragmas

__all__ = ["BUSY_TIMEOUT_MS", "IMMEDIATE", "SQLITE_PRAGMAS", "create_db_engine", "database_url", "describe_url", "sqlite_file"]

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
        apply_pragmas(dbapi_connection)

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
