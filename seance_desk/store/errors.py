"""The store's exception and its few kinds, with French messages the UI can show as they are.

StoreError is what every caller catches; the subclasses exist for the callers that act differently:
DatabaseBusy (say « réessayez », nothing was done), JournalMoved (another post wrote first: the
service catches up and retries), JournalRolledBack (acknowledged actions are gone from the file:
stop, tell, and let the user choose). This module imports nothing heavy: the window's start-up
(quick_read.py) raises and catches these before SQLAlchemy is loaded."""

from __future__ import annotations

# SQLite's own messages are English; these are the ones a chair may actually meet.
_SQLITE_MESSAGES_FR = {
    "file is not a database": "ce fichier n'est pas une base de données SQLite",
    "database disk image is malformed": "le contenu du fichier est endommagé",
    "database is locked": "la base est occupée par un autre poste ou un autre programme",
    "database is busy": "la base est occupée par un autre poste ou un autre programme",
    "database table is locked": "la base est occupée par un autre poste ou un autre programme",
    "unable to open database file": "impossible d'ouvrir le fichier (dossier absent ou droits insuffisants)",
    "disk i/o error": "erreur de lecture ou d'écriture sur le disque",
    "database or disk is full": "le disque est plein",
    "attempt to write a readonly database": "la base est en lecture seule",
}


class StoreError(Exception):
    """Anything the store cannot do. `seq` names the first faulty event when there is one."""

    def __init__(self, message: str, seq: int | None = None):
        self.seq = seq
        super().__init__(message)


def describe_database_error(exc: BaseException) -> str:
    """A short French reason for a driver error, without SQLAlchemy's statement dump."""
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip()
    for english, french in _SQLITE_MESSAGES_FR.items():
        if english in text.lower():
            return french
    return text or type(original).__name__


def unreadable(where: str, reason: str) -> StoreError:
    return StoreError(f"La base de données « {where} » est illisible ou endommagée : {reason}.")


def is_busy(exc: BaseException) -> bool:
    """True for SQLite's SQLITE_BUSY / SQLITE_LOCKED: another connection held the lock past the busy
    timeout. Nothing was written; the same action may succeed a moment later."""
    original = getattr(exc, "orig", None) or exc
    if getattr(original, "sqlstate", None) == "55P03":  # PostgreSQL's lock_timeout (store/pg_engine.py)
        return True
    text = str(original).lower()
    return "database is locked" in text or "database is busy" in text or "database table is locked" in text


def busy_message(what: str, where: str) -> str:
    from .sqlite_pragmas import BUSY_TIMEOUT_MS

    return (
        f"{what} : la base « {where} » est occupée par un autre poste ou un autre programme "
        f"(verrou tenu plus de {BUSY_TIMEOUT_MS / 1000:g} s). Rien n'a été enregistré ; réessayez dans un instant."
    )


def write_failed(what: str, where: str, exc: BaseException) -> StoreError:
    """A write the database refused: DatabaseBusy if it was only busy, else a French reason."""
    if is_busy(exc):
        return DatabaseBusy(busy_message(what, where))
    return StoreError(f"{what} dans la base de données « {where} » : {describe_database_error(exc)}.")


class DatabaseBusy(StoreError):
    """Another post or program held the database's lock longer than the short busy timeout (db.py):
    nothing was stored, nothing must be shown as done; the user can simply try again."""


class ServerUnreachable(StoreError):
    """The PostgreSQL server could not be reached or the connection was lost (network cut, server
    restarting): nothing of the action was stored. The window says so at once and reconnects."""


class JournalMoved(StoreError):
    """The stale writer's refusal: another writer appended to this session since this one last read
    it, so the append (events `seq` and following) was refused and nothing was stored. `stored_count`
    is the journal's length as found (None if unknown). SessionService catches up and retries."""

    def __init__(self, message: str, seq: int | None = None, stored_count: int | None = None):
        super().__init__(message, seq)
        self.stored_count = stored_count


class JournalRolledBack(StoreError):
    """The database holds fewer acknowledged actions than were confirmed to the chair: its journal
    went back in time (the -wal file deleted or lost after a crash, an older copy put back…). Found at
    start-up by comparing the database with the heads file kept beside it (heads.py).

    The message says what is missing and how to restore a backup. `losses` lists them per session
    (heads_losses.Loss). Once the user has been told, `acknowledge()` accepts the database as it is as the
    new reference (the old heads file is kept beside it, renamed, for expertise); the store then
    opens normally."""

    def __init__(self, message: str, seq: int | None = None, *, database=None, losses: tuple = ()):
        super().__init__(message, seq)
        self.database = database  # pathlib.Path of the SQLite file
        self.losses = tuple(losses)

    def acknowledge(self) -> None:
        """The user was told and chose to go on with the database as it is. Raises StoreError."""
        if self.database is None:
            raise StoreError("Impossible de prendre acte de la perte : base de données inconnue.")
        from .heads import acknowledge_rollback

        acknowledge_rollback(self.database)
        from .anchors_store import retire_lost_anchors

        retire_lost_anchors(self.database, self.losses)  # issue 14 § 5: this post's anchors of the lost events


def session_number(session_id: int | str) -> int:
    """Session numbers are integers; the command line hands them over as text."""
    if isinstance(session_id, int) and not isinstance(session_id, bool):
        return session_id
    text = str(session_id).strip()
    if text.isdigit():
        return int(text)
    raise StoreError(f"Numéro de séance invalide : « {session_id} » (un nombre entier est attendu).")
