"""The journal's writes and the tail a stale post catches up with: the part of Store (repository.py)
that appends one action's events — on SQLite through the kept driver connection (sqlite_append.py),
on PostgreSQL through pg_append.py, elsewhere through a Core connection — and reads the events
another post wrote since this one's head, checked before anyone applies them. Apart from
repository.py, which opens, closes and lists the sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..documents.signing.anchor_signature import Anchor
from ..models.canonical import CanonicalFormError
from ..models.journal import Event, JournalError
from .anchors_store import anchor_row
from .codec import event_from_row, event_row
from .errors import StoreError, session_number
from .event_keys import keyed_rows
from .integrity import append_refusal, check_batch, head_move
from .orm import EventRow, SessionHeadRow, SessionRow
from .sqlite_append import ADVANCE_HEAD, INSERT_EVENTS, HeadMoved
from .store_part import StorePart

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from . import heads
    from .pg_append import PgAppend
    from .sqlite_append import SqliteAppend

SESSIONS = SessionRow.__table__
HEADS = SessionHeadRow.__table__
EVENTS = EventRow.__table__


class JournalStore(StorePart):
    """Set up by Store.__init__: the engine, the dialect's appender, whether events are keyed by
    row id (SQLite), the heads file (SQLite files)."""

    _engine: Engine
    _sqlite_append: SqliteAppend | None
    _pg_append: PgAppend | None
    _keyed_events: bool
    _heads: heads.HeadsFile | None
    _journal_order: Any  # the events' order: their row id on SQLite, their seq elsewhere
    where: str

    def _journal_range(self, *session_ids: int) -> tuple:  # pragma: no cover — Store's (repository.py)
        raise NotImplementedError

    @property
    def anchors_with_appends(self) -> bool:
        """Whether append_events writes a journal's anchor in the action's own transaction (SQLite);
        elsewhere the caller anchors apart (AnchorsStore.add_anchor)."""
        return self._sqlite_append is not None

    def append_events(
        self, session_id: int | str, events: Sequence[Event], anchor: Callable[[int], Anchor | None] | None = None
    ) -> Anchor | None:
        """Stores one action's events in one transaction. Raises StoreError if another writer
        got there first (nothing is then stored) or if the database refuses the write.

        `anchor` (when anchors_with_appends): the journal's anchor due after these events, made for
        the number it gets (service/anchoring.py), written in the same transaction — one durable
        commit for both — and returned once durable; None if none was made or it could not be
        written (the action is stored all the same)."""
        if not events:
            return None
        session_id = session_number(session_id)
        check_batch(events)
        head = head_move(session_id, events, datetime.now(UTC))
        rows = [event_row(session_id, event) for event in events]
        made: list[Anchor] = []  # the anchor signed inside the transaction, if any
        if self._sqlite_append is not None:
            to_row = _anchor_rows(session_id, anchor, made) if anchor is not None else None
            try:
                if self._sqlite_append(head, rows, to_row) is None:
                    made.clear()  # none due, or left out: the action alone is stored
            except (HeadMoved, sqlite3.IntegrityError) as exc:
                raise self._append_refused(session_id, events[0].seq) from exc
            except (sqlite3.Error, SQLAlchemyError) as exc:
                raise self._write_failed("L'action n'a pas pu être enregistrée", exc) from exc
        elif self._pg_append is not None:
            try:
                self._pg_append(head, rows)
            except HeadMoved as exc:
                raise self._append_refused(session_id, events[0].seq) from exc
            except SQLAlchemyError as exc:
                raise self._write_failed("L'action n'a pas pu être enregistrée", exc) from exc
        else:
            try:
                # A Core connection, not an ORM Session: no objects are involved, and the Session's
                # bookkeeping costs about a third of the CPU time of this, the hottest path.
                with self._engine.begin() as connection:
                    if connection.execute(ADVANCE_HEAD, head).rowcount != 1:
                        raise HeadMoved
                    connection.execute(INSERT_EVENTS, keyed_rows(rows) if self._keyed_events else rows)
            except (HeadMoved, IntegrityError) as exc:
                raise self._append_refused(session_id, events[0].seq) from exc
            except SQLAlchemyError as exc:
                raise self._write_failed("L'action n'a pas pu être enregistrée", exc) from exc
        if self._heads is not None:
            # Durable now; recorded outside the database before the caller acknowledges it (heads.py:
            # one write(2), about 1 µs; its fdatasync runs on a background thread).
            self._heads.record(session_id, events[-1].seq, events[-1].hash, rows[-1]["at"])
        return made[0] if made else None

    def events_after(self, session_id: int | str, seq: int, head_hash: str) -> list[Event]:
        """The events a stale writer has not seen: those after event n° `seq`, whose hash (or the
        genesis, for seq 0) the caller holds as `head_hash`. Checked before anyone applies them: they
        link to the caller's head and to each other, each hash recomputes, and the last is the head
        recorded by the last append. Raises StoreError if not (the caller then reloads the whole
        session, whose own checks name the damage)."""
        session_id = session_number(session_id)
        try:
            with self._sessions() as session:
                # One read transaction (the first SELECT starts it): the tail and the head agree.
                found = session.execute(select(HEADS.c.event_count, HEADS.c.head_hash).where(HEADS.c.session_id == session_id)).one_or_none()
                rows = (
                    session.execute(
                        select(EVENTS).where(EVENTS.c.session_id == session_id, EVENTS.c.seq > seq, *self._journal_range(session_id)).order_by(self._journal_order)
                    )
                    .mappings()
                    .all()
                )
        except SQLAlchemyError as exc:
            raise self._read_failed(exc) from exc
        if found is None:
            raise self._unknown(session_id)
        try:
            tail = [event_from_row(row) for row in rows]
        except JournalError as exc:
            raise StoreError(f"Les événements reçus de l'autre poste sont illisibles : {exc}", exc.seq) from exc
        _check_tail(seq, head_hash, tail, *found)
        return tail

    # ------------------------------------------------------------------ errors
    def _append_refused(self, session_id: int, first_seq: int) -> StoreError:
        # Cold path only: a fresh session to find out why the guard failed.
        try:
            with self._sessions() as session:
                found = session.execute(
                    select(SESSIONS.c.title, HEADS.c.event_count)
                    .select_from(SESSIONS.outerjoin(HEADS, HEADS.c.session_id == SESSIONS.c.id))
                    .where(SESSIONS.c.id == session_id)
                ).one_or_none()
        except SQLAlchemyError as exc:
            return self._write_failed("L'action n'a pas pu être enregistrée", exc)
        return append_refusal(self.where, session_id, first_seq, found)


def _check_tail(seq: int, head_hash: str, tail: list[Event], count: int, recorded_head: str) -> None:
    """The tail read by events_after: it continues the caller's journal and ends at the recorded head."""
    previous_hash, previous_at = head_hash, None
    for expected, event in enumerate(tail, start=seq + 1):
        if event.seq != expected or event.prev_hash != previous_hash:
            raise StoreError(f"Événement n° {expected} reçu de l'autre poste : il ne suit pas le journal de ce poste.", expected)
        try:
            altered = event.computed_hash() != event.hash
        except CanonicalFormError:
            altered = True
        if altered or (previous_at is not None and event.at < previous_at):
            raise StoreError(f"Événement n° {event.seq} reçu de l'autre poste : son contenu ne correspond pas à son empreinte.", event.seq)
        previous_hash, previous_at = event.hash, event.at
    if seq + len(tail) != count or previous_hash != recorded_head:
        raise StoreError(f"La fin du journal reçue de l'autre poste ne correspond pas à celle enregistrée (n° {count}).", count)


def _anchor_rows(session_id: int, anchor: Callable[[int], Anchor | None], made: list[Anchor]) -> Callable[[int], dict | None]:
    """`anchor` (number → the signed Anchor, or None) as SqliteAppend takes it (number → its row, or
    None), the Anchor kept in `made` for append_events to return once durable."""

    def row(number: int) -> dict | None:
        signed = anchor(number)
        made[:] = [] if signed is None else [signed]
        return None if signed is None else anchor_row(session_id, signed)

    return row
