"""The journal's anchors in the database (revision 0007), and their check when a session is loaded.

The part of Store that keeps them (what it needs from Store is declared in StorePart). Signing
happens in the caller's signer (documents/signing/anchor_keys.py): the store only numbers the
anchor, inside the transaction that writes it, so that two posts anchoring at once cannot both
write n° N (the primary key refuses the second; it simply anchors again later).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..documents.signing.anchor_signature import Anchor
from ..models.canonical import canonical_json
from ..models.journal import Event
from . import anchors_ledger
from .errors import StoreError
from .anchors_check import check_session_anchors, parsed_anchors
from .integrity import StoredSession
from .orm import JournalAnchorRow, SessionRow
from .store_part import StorePart

ANCHORS = JournalAnchorRow.__table__
SESSIONS = SessionRow.__table__
INSERT_ANCHORS = insert(ANCHORS)


def anchor_row(session_id: int, anchor: Anchor) -> dict:
    return {
        "session_id": session_id,
        "number": anchor.number,
        "seq": anchor.seq,
        "head_hash": anchor.hash,
        "anchor_json": canonical_json(anchor.to_dict()),
    }


def anchor_rows(session_id: int, anchors: Sequence[Anchor]) -> list[dict]:
    return [anchor_row(session_id, anchor) for anchor in anchors]


def checked_anchors(genesis: str, events: Sequence[Event], anchors: Sequence[Anchor]) -> None:
    """Anchors handed over with a journal to import: each must be of this session and match it.
    Raises StoreError (French)."""
    from ..service.anchoring import check_anchors, points_of

    numbers = [anchor.number for anchor in anchors]
    if len(set(numbers)) != len(numbers) or any(anchor.genesis != genesis for anchor in anchors):
        raise StoreError("La séance n'a pas été importée : ses ancrages ne sont pas ceux de cette séance, ou sont en double.")
    report = check_anchors(genesis, events, points_of(anchors, frozenset()))
    if not report.ok:
        raise StoreError(f"La séance n'a pas été importée : {report.message}.", report.first_broken_seq)


class AnchorsStore(StorePart):
    where: str  # Store's: the database's path or address without password
    def anchors(self, session_id: int) -> list[Anchor]:
        """The session's anchors in order. Raises StoreError (French) if one is malformed: a row
        written outside the application."""
        try:
            with self._sessions() as session:
                genesis = session.execute(select(SESSIONS.c.genesis_hash, SESSIONS.c.title).where(SESSIONS.c.id == session_id)).one_or_none()
                rows = session.execute(
                    select(ANCHORS.c.number, ANCHORS.c.anchor_json).where(ANCHORS.c.session_id == session_id).order_by(ANCHORS.c.number)
                ).all()
        except SQLAlchemyError as exc:
            raise self._read_failed(exc) from exc
        if genesis is None:
            raise self._unknown(session_id)
        return parsed_anchors(session_id, genesis[0], genesis[1], rows)

    def add_anchor(self, session_id: int, make: Callable[[int], Anchor]) -> Anchor | None:
        """Writes the anchor `make(number)` builds under the next number; None if another post
        wrote that number first (nothing written). Raises StoreError if the database refuses."""
        try:
            with self._writes.begin() as session:
                last = session.execute(select(func.max(ANCHORS.c.number)).where(ANCHORS.c.session_id == session_id)).scalar()
                anchor = make((last or 0) + 1)
                session.execute(INSERT_ANCHORS, anchor_row(session_id, anchor))
        except IntegrityError:
            return None
        except SQLAlchemyError as exc:
            raise self._write_failed("L'ancrage du journal n'a pas pu être enregistré", exc) from exc
        return anchor

    def anchor_place(self, session_id: int) -> str:
        """The session's name in this installation's ledger (anchors_ledger.place_of)."""
        return anchors_ledger.place_of(self.where, session_id)

    def check_anchors(self, session_id: int, stored: StoredSession, folder: Path | None = None) -> None:
        """check_session_anchors with the anchors this database keeps for the session."""
        check_session_anchors(session_id, stored, self.anchors(session_id), self.anchor_place(session_id), folder)


def retire_lost_anchors(database: Path, losses) -> None:
    """The loss of acknowledged actions (heads_losses.Loss, each with the head the database kept) was told
    and accepted: this post's own anchors beyond what is left are retired from its ledger, or the
    session, going on from there, would be reported rewritten. Raises StoreError."""
    from ..documents.signing.anchor_keys import anchor_dir

    where = str(Path(database).expanduser().resolve())
    try:
        for loss in losses:
            kept = loss.stored.seq if loss.stored is not None and not loss.diverged else 0  # diverged: where is unknown
            anchors_ledger.retire_beyond(anchor_dir(), anchors_ledger.place_of(where, loss.session_id), kept)
    except OSError as exc:
        raise StoreError(f"Le registre des ancrages de ce poste n'a pas pu être mis à jour : {exc.strerror or exc}.") from exc
