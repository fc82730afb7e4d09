"""The acknowledged heads, kept OUTSIDE the database: `seance-desk.sqlite3.heads` beside the file.

Why: with SQLite in WAL mode, a committed action lives in the -wal file until a checkpoint copies it
into the database. Delete or lose that -wal after a crash (a cleaning tool, a copy of the .sqlite3
alone, a restore from an older copy) and SQLite opens the older database without a word; the hash
chain cannot see it either, since what is left is a sound, shorter journal. So each durable commit
also writes its session's new head (seq and hash) here, and every start compares
(heads_losses.find_losses): a database head behind the file's, or a different hash at the same seq,
is reported, never ignored.

The format is a log, not a JSON document rewritten each time, because of the cost. Measured with
the bench's own interleaved rounds (bench_store.action_vs_floor_ms, 240 members, median of five
rounds; the bench's target is action p95 ≤ 1.5 × a bare durable SQLite commit's p95):

    no heads file at all                          action p95 0.28 ms   ratio 1.56
    this log, synced by a background thread       action p95 0.28 ms   ratio 1.53
    this log, one fdatasync per action            action p95 0.48 ms   ratio 2.57
    a JSON file rewritten atomically per action   action p95 0.99 ms   ratio 4.86
      (temporary file, fsync, rename, fsync of the folder)

So:

- the action appends one line (`session seq hash at`) with one write(2) before it is acknowledged:
  a crash of the program, even SIGKILL, cannot lose it (it is in the OS's cache);
- a background thread fdatasyncs the file right after, off the action's path, at most every
  SYNC_INTERVAL_S: a chair's actions, seconds apart, are each synced within milliseconds, and a
  burst of them shares one sync (without the spacing, in the bench's tight loop, each action's
  sync competed with the next commits for the disk). So a power cut loses at most the lines of
  the last 0.1 s. The database itself is still synced by SQLite before the
  acknowledgement (synchronous=FULL); a line lost that way only makes the file lag behind the
  database, which is never reported as a loss (no false alarm), and loses nothing;
- the file is rewritten atomically, one line per session (compact), when the store closes and
  when it opens and the log has grown, so the start-up read stays short.

A line cut by a power cut is ignored when reading (each line is checked whole). Two posts writing to
one database (one file on a share) both append here; the highest seq of a session wins. If another
post compacts the file (rename over it), ours notices after its next sync (the old file has no link
left) and writes its heads again into the new one.

Standard library only: the window's start-up read (quick_read.py) checks the heads before
SQLAlchemy is even imported.

Here: where the file is, and a store's opening (check, then start), close (compact) and the user's
acceptance of a loss (acknowledge_rollback). The file's format, read and rewritten, is in
heads_format.py; the live appender and its syncing thread in heads_writer.py; the loss check and
its message in heads_losses.py.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from .errors import DatabaseBusy, JournalRolledBack, StoreError, busy_message, describe_database_error, is_busy, unreadable
from .heads_format import MAGIC, Head, database_heads, latest, merged, read_log, rewrite  # noqa: F401 — re-exported: MAGIC, Head
from .heads_losses import find_losses, rollback_message
from .heads_writer import HeadsFile

HEADS_SUFFIX = ".heads"
# Beyond this size the log is compacted when a store opens (at close it always is): about 2,300
# actions since the last compaction, a few milliseconds of reading at start-up.
COMPACT_AT_BYTES = 256 * 1024


def heads_path(database: Path) -> Path:
    """The heads file of a SQLite database: beside it, its name plus `.heads`."""
    return database.with_name(database.name + HEADS_SUFFIX)


def check(connection: sqlite3.Connection, database: Path) -> dict[int, list[Head]]:
    """Reads the heads file of `database` and compares it with the database behind `connection`.
    Returns the log read; raises JournalRolledBack (French, saying what is lost and what to do)."""
    log = read_log(heads_path(database))
    losses = find_losses(connection, log) if log else []
    if losses:
        raise JournalRolledBack(rollback_message(database, losses), losses[0].acknowledged.seq, database=database, losses=losses)
    return log


def start(connection: sqlite3.Connection, database: Path, where: str) -> HeadsFile:
    """A store's opening on `database`, through a driver connection: compares the database with its
    heads file (raises JournalRolledBack), creates the file if it is missing, compacts it if it has
    grown, and opens it for the appends. The same for the SQLAlchemy store (repository.Store.open)
    and for the start-up's appends (quick_append.py). Raises StoreError (French)."""
    file = heads_path(database)
    try:
        log = check(connection, database)
        if not file.exists() or file.stat().st_size > COMPACT_AT_BYTES:
            rewrite(file, merged(latest(log), database_heads(connection)))
        return HeadsFile(file)
    except sqlite3.Error as exc:
        raise open_failed(where, exc) from exc
    except OSError as exc:
        raise StoreError(f"Le fichier de contrôle « {file} » n'a pas pu être écrit : {exc.strerror or exc}.") from exc


def open_failed(where: str, exc: BaseException) -> StoreError:
    if is_busy(exc):
        return DatabaseBusy(busy_message("La base n'a pas pu être ouverte", where))
    return unreadable(where, describe_database_error(exc))


def compact(connection: sqlite3.Connection, database: Path) -> None:
    """At a store's close: the heads file rewritten with one line per session. Best effort (e.g. a
    share refusing the rename while the other post holds it): the log then stays as it is."""
    file = heads_path(database)
    try:
        current = database_heads(connection)
        # The file's heads win where they are ahead of the database: a loss must stay visible.
        rewrite(file, merged(latest(read_log(file)), current))
    except (sqlite3.Error, OSError, StoreError):
        pass


def acknowledge_rollback(database: Path) -> None:
    """After JournalRolledBack was shown: the database as it is becomes the reference. The old heads
    file is kept beside it (renamed `….heads.AAAAMMJJ-HHMMSS.perdu`), evidence of what was
    confirmed; a new one is written from the database's heads. Raises StoreError."""
    path = heads_path(database)
    try:
        connection = sqlite3.connect(f"{Path(database).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"La base de données « {database} » ne peut pas être lue : {exc}.") from exc
    try:
        current = database_heads(connection)
    except sqlite3.Error as exc:
        raise StoreError(f"La base de données « {database} » ne peut pas être lue : {exc}.") from exc
    finally:
        connection.close()
    try:
        if path.exists():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            os.replace(path, path.with_name(f"{path.name}.{stamp}.perdu"))
        rewrite(path, current)
    except OSError as exc:
        raise StoreError(f"Le fichier de contrôle « {path} » n'a pas pu être écrit : {exc.strerror or exc}.") from exc
