"""The bench's start-up session anchored as a real one is (issue 14 § 5), so that the start-up's
anchor check costs in the bench what it costs the chair.

Why: the bench imports its session from a demo journal, and an import carries no anchors; the
start-up's check then found nothing to check and returned at once, while a real session of the
same size, played in the window, has an anchor at its opening and one every 50 events or 10
minutes (service/anchoring.py), each signed, each also written to this post's own ledger. Here the
imported journal is anchored afterwards by that very policy, action by action (the events one
action wrote share their time), with the key and the ledger of a folder of the bench's own: the
start-up children are pointed at it (SEANCE_DESK_ANCHOR_DIR), as a real post has its own.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from ..models.journal import Event
from ..store import Store


def anchor_as_played(store: Store, session_id: int, events: list[Event], folder: Path) -> int:
    """Anchors the stored session's journal `events` as the live session would have, after each of
    its actions, signing with the installation key of `folder` and recording each anchor in the
    ledger there. Returns the number of anchors the session then has. Raises if one cannot be made:
    a bench that silently measured an unanchored session would mislead."""
    from ..documents.signing.anchor_keys import installation_signer
    from ..service.anchoring import Anchorer, anchor_reason

    if not events:
        return len(store.anchors(session_id))
    signer = installation_signer(folder)
    genesis = events[0].prev_hash  # the first event chains to the session's genesis
    anchorer = Anchorer(store, session_id, genesis, folder=folder, signer=lambda: signer)
    last_seq, last_at = 0, None
    for _at, action in groupby(events, key=lambda event: event.at):
        written = list(action)
        reason = anchor_reason(written, last_seq, last_at, now=written[-1].at)
        if reason is None:
            continue
        made = anchorer.anchor(reason, written[-1].seq, written[-1].hash, written[-1].at)
        if made is None:
            raise RuntimeError("ancrage du journal de mesure non enregistré : mesure invalide")
        last_seq, last_at = made.seq, made.at
    return len(store.anchors(session_id))
