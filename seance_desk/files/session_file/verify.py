"""`seance-desk verify FILE`: the same checks as a read, reported instead of raised."""

from __future__ import annotations

import os
from collections.abc import Callable

from ...models.journal import VerifyReport
from .format import SessionFile, SessionFileError
from .reader import parse_session_file, read_session_file


def verify_session_file(path: str | os.PathLike[str]) -> VerifyReport:
    """ok, or the first fault: its French message and, when it lies in an event, that event's number."""
    return _report(lambda: read_session_file(path))


def verify_session_bytes(data: bytes) -> VerifyReport:
    return _report(lambda: parse_session_file(data))


def _report(read: Callable[[], SessionFile]) -> VerifyReport:
    try:
        loaded = read()
    except SessionFileError as exc:
        # The events before the faulty one passed every check that can be made on them alone.
        checked = exc.seq - 1 if exc.seq else 0
        return VerifyReport(ok=False, events=checked, head_hash="", first_broken_seq=exc.seq, message=str(exc), problems=[str(exc)])
    count = len(loaded.events)
    return VerifyReport(
        ok=True,
        events=count,
        head_hash=loaded.head_hash,
        message=(
            f"Fichier de séance intègre : {count} événement{'s' if count > 1 else ''}, chaîne SHA-256 vérifiée "
            f"depuis l'assemblée et la séance jusqu'à l'empreinte finale {loaded.head_hash} ; "
            "chaque événement est conforme aux règles de la séance. "
            f"{_texts_sentence(loaded)}"
        ),
    )


def _texts_sentence(loaded: SessionFile) -> str:
    if loaded.version < 2:
        return f"Version {loaded.version} du format : le fichier ne contient pas les textes du procès-verbal."
    count = len(loaded.minutes_texts)
    if count == 0:
        return "Aucun texte du procès-verbal (teneur des discussions)."
    return f"Textes du procès-verbal (teneur des discussions) : {count} point{'s' if count > 1 else ''}."
