"""Engine creation. SQLite by default; PostgreSQL later, for the président and the secrétaire on
two laptops sharing a session. Only SQLite's connection setup below is dialect-specific."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

# synchronous=FULL: an acknowledged action survives a power cut, not only a crash of the program.
# busy_timeout: a second program writing at the same moment waits instead of failing at once.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
)


def database_url(target: str | os.PathLike[str]) -> URL:
    """A URL as given ("postgresql+psycopg://…", "sqlite:///…") or a file path, made absolute."""
    text = os.fspath(target)
    if "://" in text:
        return make_url(text)
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
        # Straight to the driver: this runs once per action, on the hot path.
        connection.connection.driver_connection.execute("BEGIN")
