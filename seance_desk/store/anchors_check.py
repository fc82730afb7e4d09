"""The check of a session's anchors (issue 14 § 5), without SQLAlchemy: the store's check
(anchors_store.AnchorsStore.check_anchors) and the start-up's, which reads the anchors with the
standard library while the store is not open yet (service/session.py, the quick path)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from ..documents.signing.anchor_signature import Anchor, AnchorFormatError, anchor_from_dict
from . import anchors_ledger
from .errors import StoreError
from .integrity import StoredSession, altered_session


def parsed_anchors(session_id: int, genesis: str, title: str, rows: Sequence[tuple[int, str]]) -> list[Anchor]:
    """The anchors from their rows (number, anchor_json), in order. Raises StoreError (French) if
    one is malformed: a row written outside the application."""
    found = []
    for number, text in rows:
        try:
            anchor = anchor_from_dict(json.loads(text), genesis, f"ancrage n° {number}")
        except (ValueError, AnchorFormatError) as exc:
            raise altered_session(session_id, title, f"un ancrage du journal est illisible ({exc})") from exc
        if anchor.number != number:
            raise altered_session(session_id, title, f"l'ancrage rangé sous le n° {number} porte le n° {anchor.number}")
        found.append(anchor)
    return found


def check_session_anchors(
    session_id: int, stored: StoredSession, anchors: Sequence[Anchor], place: str, folder: Path | None = None, signed: int = 0
) -> None:
    """Checks the session's `anchors` and this installation's copy of those it made (the ledger in
    `folder`, by default the anchoring folder) against the journal `stored`, whose chain was
    verified. Raises StoreError (French, naming the last anchored point that still holds).
    `signed`: how many of the first anchors are known to carry a signature that holds (the signed
    checkpoint's word, signed_anchors_digest): theirs is not verified again; everything else is."""
    from ..documents.signing.anchor_folder import anchor_dir

    folder = folder or anchor_dir()
    made_here = anchors_ledger.entries(folder, stored.genesis, place)
    if not anchors and not made_here:
        return  # nothing anchored yet (an imported or older session): no signature to check
    from ..service.anchoring import AnchorPoint, check_anchors, points_of

    # Whether a signer is trusted only counts in a report's wording (seance-desk verify), never in
    # the verdict, which only this check's failure carries: no trusted ids are read here, so the
    # installation's key file is not parsed and only the Ed25519 primitive of cryptography is loaded
    # (documents/signing/anchor_verify.py), ≈ 8 ms instead of ≈ 60–90 ms before the chair may act.
    # A signature's verdict depends on the anchor's text alone: the same text, the same verdict.
    points = [AnchorPoint(a.number, a.seq, a.hash, a.at, True, False, a.signer) for a in anchors[:signed]]
    points += points_of(anchors[signed:], frozenset())
    points += [AnchorPoint(number, seq, digest, at, True, True, "ce poste") for number, seq, digest, at in made_here]
    report = check_anchors(stored.genesis, stored.events, points)
    if not report.ok:
        raise altered_session(session_id, stored.setup.title, report.message, report.first_broken_seq)


def check_anchors_in_file(
    database: Path, where: str, session_id: int, stored: StoredSession, vouched: tuple[int, str] | None = None
) -> None:
    """check_session_anchors, the anchors read from the SQLite file `database` (named `where`, as
    Store.where names it) with the standard library: the start-up's verification checks them before
    any action is allowed, the store not being open yet. Raises StoreError (French).

    `vouched` (count, digest): the signed state checkpoint's word (signed_anchors_digest) that the
    first `count` anchor rows, if their digest is still that one, carry signatures that hold: those
    are not verified again (≈ 25 ms for the 240-member session's 60 anchors, cryptography included).
    Every anchor is still checked against the journal and the ledger."""
    try:
        rows = _anchor_rows(database, session_id)
    except sqlite3.Error as exc:
        raise StoreError(f"Les ancrages du journal n'ont pas pu être lus dans « {where} » : {exc}") from exc
    anchors = parsed_anchors(session_id, stored.genesis, stored.setup.title, rows)
    signed = 0
    if vouched is not None and 0 < vouched[0] <= len(rows) and anchors_digest(rows[: vouched[0]]) == vouched[1]:
        signed = vouched[0]
    check_session_anchors(session_id, stored, anchors, anchors_ledger.place_of(where, session_id), signed=signed)


def _anchor_rows(database: Path, session_id: int) -> list[tuple[int, str]]:
    connection = sqlite3.connect(f"{Path(database).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(
            "SELECT number, anchor_json FROM journal_anchors WHERE session_id = ? ORDER BY number", (session_id,)
        ).fetchall()
    finally:
        connection.close()


def anchors_digest(rows: Sequence[tuple[int, str]]) -> str:
    """The SHA-256 of anchor rows (number, anchor_json) as read; JSON keeps a number from a text."""
    return hashlib.sha256(json.dumps([list(row) for row in rows]).encode("ascii")).hexdigest()


def signed_anchors_digest(database: Path, session_id: int, genesis: str, title: str) -> tuple[int, str] | None:
    """For the state checkpoint (state_checkpoint.write_point): (count, anchors_digest) of the
    session's anchor rows in `database` when every one of them reads and its signature holds —
    verified here, so that the next start need not; None otherwise. Never raises."""
    try:
        rows = _anchor_rows(database, session_id)
        if not rows:
            return None
        anchors = parsed_anchors(session_id, genesis, title, rows)
        if not all(anchor.signature_ok() for anchor in anchors):
            return None
    except Exception:  # noqa: BLE001 — only a saving of time is lost: the next start verifies them all
        return None
    return len(rows), anchors_digest(rows)
