"""`seance-desk backup --out FICHIER`: a consistent copy of the database, even while the window runs.

SQLite's online backup API (sqlite3.Connection.backup) copies every page in one step under one read
transaction: the copy is the database as of one instant, committed actions only, whatever another
post or the window appends meanwhile (in WAL mode the writers are not even blocked). Copying the
.sqlite3 file with the file manager instead would miss what still sits in the -wal file.

The copy is written to a temporary file created owner-only (0600), checked (SQLite's quick_check,
then counted), made self-contained (journal_mode=DELETE: no -wal needed beside it), synced, and only
then renamed over FICHIER: an interrupted backup never leaves half a file under the backup's name.

The database is opened read-only and the store is not opened: a backup must work on a database the
store refuses, e.g. after JournalRolledBack, before the user decides anything.
"""

from __future__ import annotations

import os
import sqlite3
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..paths import create_private_file, fsync_dir
from .db import BUSY_TIMEOUT_MS
from .errors import StoreError, describe_database_error
from .heads import heads_path


@dataclass(frozen=True, slots=True)
class BackupReport:
    out: Path
    sessions: int
    events: int
    size: int
    taken_at: datetime

    def message(self, database: Path) -> str:
        return (
            f"Sauvegarde écrite : « {self.out} » ({_count(self.sessions, 'séance')}, {_count(self.events, 'événement')}, "
            f"{_size(self.size)}), copie cohérente de « {database} » au {self.taken_at.strftime('%d/%m/%Y à %H:%M:%S')}.\n"
            f"Pour la restaurer : fermez Séance Desk, copiez ce fichier à la place de « {database} » et supprimez "
            f"« {database.name}-wal » et « {database.name}-shm » s'ils existent. Au démarrage suivant, Séance Desk "
            "signalera les actions enregistrées après la sauvegarde, qui seront perdues, et vous demandera de le confirmer."
        )


def backup_database(database: Path, out: Path) -> BackupReport:
    """Writes the backup of `database` to `out` (0600). Raises StoreError with a French message."""
    database, out = Path(database), Path(out)
    if not database.is_file():
        raise StoreError(f"Aucune base de données à sauvegarder : « {database} » n'existe pas.")
    _refuse_own_files(database, out)
    if not out.parent.is_dir():
        raise StoreError(f"Le dossier de la sauvegarde « {out.parent} » n'existe pas.")
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)  # left by an interrupted backup of this same process id
    try:
        create_private_file(temporary)
        report = _copy(database, temporary, out)
        _sync(temporary)
        os.replace(temporary, out)
        fsync_dir(out.parent)
    except OSError as exc:
        raise StoreError(f"La sauvegarde « {out} » n'a pas pu être écrite : {exc.strerror or exc}.") from exc
    finally:
        temporary.unlink(missing_ok=True)
    return report


def _refuse_own_files(database: Path, out: Path) -> None:
    target = out.resolve()
    own = {database.resolve()} | {database.resolve().with_name(database.name + suffix) for suffix in ("-wal", "-shm", "-journal")}
    own.add(heads_path(database.resolve()))
    if target in own:
        raise StoreError(f"La sauvegarde ne peut pas remplacer la base elle-même ou ses fichiers (« {out} ») : choisissez un autre fichier.")


def _copy(database: Path, temporary: Path, out: Path) -> BackupReport:
    try:
        source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"La base « {database} » ne peut pas être lue : {describe_database_error(exc)}.") from exc
    try:
        source.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        destination = sqlite3.connect(temporary)
        try:
            taken_at = datetime.now().astimezone()
            source.backup(destination)  # pages=-1: everything in one step, one snapshot
            destination.execute("PRAGMA journal_mode=DELETE")  # the copy alone is the backup: no -wal beside it
            problems = [row[0] for row in destination.execute("PRAGMA quick_check") if row[0] != "ok"]
            if problems:
                raise StoreError(f"La copie de « {database} » est endommagée ({problems[0]}) : sauvegarde non écrite.")
            sessions, events = _counts(destination)
        finally:
            destination.close()
    except sqlite3.Error as exc:
        raise StoreError(f"La sauvegarde de « {database} » a échoué : {describe_database_error(exc)}.") from exc
    finally:
        source.close()
    return BackupReport(out, sessions, events, temporary.stat().st_size, taken_at)


def _counts(connection: sqlite3.Connection) -> tuple[int, int]:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"sessions", "events"} <= tables:
        raise StoreError("Ce fichier n'est pas une base de Séance Desk : sauvegarde non écrite.")
    return connection.execute("SELECT count(*) FROM sessions").fetchone()[0], connection.execute("SELECT count(*) FROM events").fetchone()[0]


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)  # writable: Windows refuses to flush a read-only handle
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _count(n: int, word: str) -> str:
    return f"{n:,}".replace(",", "\u202f") + f" {word}{'s' if n > 1 else ''}"


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} Ko"
    return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")


# ---------------------------------------------------------------------------- before a migration
# An upgrade of the schema rewrites tables; it runs in one transaction (all or nothing), but a
# migration with a mistake in it would still commit a wrong database. So a copy of the database as
# it was is made first, with the same backup API, and kept: never deleted by Séance Desk. It is
# restored by hand, with the version of Séance Desk that wrote it (README, « Service informatique »).
MIGRATION_BACKUP_FOLDER = "sauvegardes"

log = logging.getLogger("seance_desk.store")


def migration_backup_path(database: Path, revisions: set[str] | frozenset[str], now: datetime | None = None) -> Path:
    """Where the copy made before upgrading `database` from `revisions` goes: a « sauvegardes »
    folder beside it, the name saying from which revision and when (to the second, so that two
    upgrades never share a name)."""
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%Hh%Mm%Ss")
    revision = "-".join(sorted(revisions)) or "vide"
    return Path(database).parent / MIGRATION_BACKUP_FOLDER / f"{Path(database).stem}-avant-migration-{revision}-{stamp}.sqlite3"


def backup_before_migration(database: Path, revisions: set[str] | frozenset[str], target: str) -> BackupReport:
    """Copies `database` (at schema `revisions`) before it is upgraded to `target`. Raises
    StoreError if the copy cannot be written: the upgrade must then not run."""
    from ..paths import private_dir

    out = migration_backup_path(database, revisions)
    try:
        private_dir(out.parent)
        report = backup_database(database, out)
    except (OSError, StoreError) as exc:
        raise StoreError(
            f"La base « {database} » doit être mise à jour pour cette version de Séance Desk, mais sa copie de "
            f"sauvegarde n'a pas pu être faite d'abord ({exc}) : la base n'a pas été modifiée."
        ) from exc
    log.info("Copie avant migration (révision %s vers %s) : %s", "-".join(sorted(revisions)), target, out)
    return report
