"""The journal's anchors in a session file (`journal_anchors`, docs/session-file-format.md § 2.2).

Read: a list of anchors (documents/signing/anchor_signature.py), each parsed strictly and checked
against the file's journal — its signature must hold for this session, and the hash it signed must
be the one the journal has at its event. A file whose events were rewritten with every hash
recomputed keeps the chain but not its anchors: refused, naming the last anchored point that holds.
Who signed (trust) is not decided here: `seance-desk verify --trust` says it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...documents.signing.anchor_signature import Anchor, AnchorFormatError, anchor_from_dict
from ...models.journal import Event
from .format import SessionFileError

MAX_ANCHORS = 100_000  # one per 50 events of a 25,000-event journal is 500: far beyond any real file


def read_anchors(raw: Any, genesis: str, events: Sequence[Event]) -> tuple[Anchor, ...]:
    from ...service.anchoring import check_anchors, points_of

    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise SessionFileError("champ « journal_anchors » : une liste d'ancrages est attendue")
    if len(raw) > MAX_ANCHORS:
        raise SessionFileError(f"champ « journal_anchors » : plus de {MAX_ANCHORS} ancrages, le fichier n'est pas plausible")
    anchors = []
    for position, item in enumerate(raw, start=1):
        try:
            anchors.append(anchor_from_dict(item, genesis, f"champ « journal_anchors », ancrage n° {position}"))
        except AnchorFormatError as exc:
            raise SessionFileError(str(exc)) from None
    numbers = [anchor.number for anchor in anchors]
    if numbers != sorted(set(numbers)):
        raise SessionFileError("champ « journal_anchors » : les ancrages doivent être rangés par numéro, sans doublon")
    report = check_anchors(genesis, events, points_of(anchors, frozenset()))
    if not report.ok:
        raise SessionFileError(report.message, report.first_broken_seq)
    return tuple(anchors)


def anchors_for_file(anchors: Sequence[Anchor], genesis: str, events: Sequence[Event]) -> list[dict[str, Any]]:
    """The anchors as the file carries them, after checking them against the journal exported."""
    from ...service.anchoring import check_anchors, points_of

    ordered = sorted(anchors, key=lambda anchor: anchor.number)
    report = check_anchors(genesis, events, points_of(ordered, frozenset()))
    if not report.ok:
        raise SessionFileError(f"Export refusé : {report.message}", report.first_broken_seq)
    return [anchor.to_dict() for anchor in ordered]
