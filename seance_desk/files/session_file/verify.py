"""`seance-desk verify FILE`: the same checks as a read, reported instead of raised."""

from __future__ import annotations

import os
from collections.abc import Callable

from ...models.journal import VerifyReport
from .format import SessionFile, SessionFileError
from .reader import parse_session_file, read_session_file


def verify_session_file(path: str | os.PathLike[str], trust_roots: list | None = None) -> VerifyReport:
    """ok, or the first fault: its French message and, when it lies in an event, that event's number.
    `trust_roots` (verify --trust): then every anchor the file carries must be signed by a key this
    post trusts or a certificate that chains to one of them (anchors_trust)."""
    return _report(lambda: read_session_file(path), trust_roots)


def verify_session_bytes(data: bytes, trust_roots: list | None = None) -> VerifyReport:
    return _report(lambda: parse_session_file(data), trust_roots)


def _report(read: Callable[[], SessionFile], trust_roots: list | None = None) -> VerifyReport:
    try:
        loaded = read()
    except SessionFileError as exc:
        # The events before the faulty one passed every check that can be made on them alone.
        checked = exc.seq - 1 if exc.seq else 0
        return VerifyReport(ok=False, events=checked, head_hash="", first_broken_seq=exc.seq, message=str(exc), problems=[str(exc)])
    count = len(loaded.events)
    anchors_ok, anchors_sentence = anchors_trust(loaded, trust_roots)
    if not anchors_ok:
        return VerifyReport(ok=False, events=count, head_hash=loaded.head_hash, message=anchors_sentence, problems=[anchors_sentence])
    return VerifyReport(
        ok=True,
        events=count,
        head_hash=loaded.head_hash,
        message=(
            f"Fichier de séance intègre : {count} événement{'s' if count > 1 else ''}, chaîne SHA-256 vérifiée "
            f"depuis l'assemblée et la séance jusqu'à l'empreinte finale {loaded.head_hash} ; "
            "chaque événement est conforme aux règles de la séance. "
            f"{_texts_sentence(loaded)} {anchors_sentence}"
        ),
    )


def _texts_sentence(loaded: SessionFile) -> str:
    if loaded.version < 2:
        return f"Version {loaded.version} du format : le fichier ne contient pas les textes du procès-verbal."
    count = len(loaded.minutes_texts)
    if count == 0:
        return "Aucun texte du procès-verbal (teneur des discussions)."
    return f"Textes du procès-verbal (teneur des discussions) : {count} point{'s' if count > 1 else ''}."


def anchors_trust(loaded: SessionFile, trust_roots: list | None) -> tuple[bool, str]:
    """(ok, French sentence) about the file's anchors, already checked against its journal by the
    reader: who signed them. With `trust_roots`, an anchor signed by neither a key this post trusts
    nor a certificate chaining to those roots fails — a self-signed certificate copying the town
    hall's name included."""
    from ...documents.signing.anchor_keys import trusted_key_ids
    from ...service.anchoring import check_anchors, points_of

    if not loaded.anchors:
        return (trust_roots is None, "Aucun point ancré (journal non signé)." if trust_roots is None else
                "Aucun point ancré : le fichier ne porte aucune signature du journal à vérifier avec --trust.")
    points = points_of(loaded.anchors, trusted_key_ids(), trust_roots)
    report = check_anchors(loaded.genesis, loaded.events, points)
    if trust_roots is not None:
        for point in points:
            if not point.trusted:
                return False, (
                    f"le point ancré n° {point.number} (événement n° {point.seq}) est signé par {point.signer}, "
                    "qui n'est reconnu ni par les autorités de confiance fournies ni comme clé de confiance de ce poste"
                )
    return True, f"Ancrages du journal : {report.message}"
