"""The store's one exception, with French messages the UI can show as they are."""

from __future__ import annotations

# SQLite's own messages are English; these are the ones a chair may actually meet.
_SQLITE_MESSAGES_FR = {
    "file is not a database": "ce fichier n'est pas une base de données SQLite",
    "database disk image is malformed": "le contenu du fichier est endommagé",
    "database is locked": "la base est verrouillée par un autre programme",
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
