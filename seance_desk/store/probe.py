"""Looks at an existing SQLite file before the application opens it for writing.

Opening for writing would already change a file (its journal mode), so a file that is not SQLite,
is damaged, or belongs to another program is examined read-only first and refused untouched. (For a
database already in WAL mode, SQLite may still create its -wal and -shm companions while reading.)
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import StoreError, describe_database_error, unreadable
from .schema_names import VERSION_TABLE

SQLITE_HEADER = b"SQLite format 3\x00"


def check_existing_file(path: Path) -> None:
    """Raises StoreError if `path` exists and is not a sound SQLite database. A missing or empty
    file is fine: SQLite creates the database."""
    where = str(path)
    if not path.exists():
        return
    if not path.is_file():
        raise unreadable(where, "ce chemin n'est pas un fichier")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise unreadable(where, f"lecture impossible ({exc.strerror or exc})") from exc
    if not header:
        return
    if header != SQLITE_HEADER:
        raise unreadable(where, "ce fichier n'est pas une base de données SQLite")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise unreadable(where, describe_database_error(exc)) from exc
    try:
        problems, tables = _inspect(connection)
    except sqlite3.Error as exc:
        raise unreadable(where, describe_database_error(exc)) from exc
    finally:
        connection.close()
    if problems:
        raise unreadable(where, f"le contrôle d'intégrité de SQLite a échoué ({problems[0]})")
    if tables and VERSION_TABLE not in tables:
        raise StoreError(
            f"« {where} » est une base de données qui n'appartient pas à Séance Desk "
            f"(tables : {', '.join(tables[:5])}) : elle n'a pas été modifiée."
        )


def _inspect(connection: sqlite3.Connection) -> tuple[list[str], list[str]]:
    # quick_check reads every page (without cross-checking indexes): a few milliseconds per
    # megabyte, paid once per start-up, so damage shows before the chair starts, not mid-session.
    problems = [row[0] for row in connection.execute("PRAGMA quick_check") if row[0] != "ok"]
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) != 'sqlite_' ORDER BY name")]
    return problems, tables
