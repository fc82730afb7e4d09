"""The register's next free number (issue 9 § 2): the délibérations of an assembly are numbered
through the year, across its sessions, and only the database knows the other sessions.

Read from the journals themselves, not kept in a table of its own: the numbers a session gave are
its `acts.numbered` event, and an undo of its levée is a correction of that event. Reading both
here (corrections cancelling, redos restoring, as the fold does) means an undone numbering frees
its numbers with nothing else to keep in step, and a session imported from a file counts as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from ..models.state.corrections import effective_cancellations
from .errors import session_number
from .orm import EventRow, SessionRow

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session, sessionmaker

SESSIONS = SessionRow.__table__
EVENTS = EventRow.__table__
_READ_TYPES = ("acts.numbered", "correction")


@dataclass(frozen=True, slots=True)
class _Read:
    """What effective_cancellations reads of an event: its number, type and payload."""

    seq: int
    type: str
    payload: dict[str, Any]


class RegisterNumbersStore:
    """The part of Store that reads the register numbers given. Needs `_sessions`, `_read_failed` and
    `_journal_range` (Store's: on SQLite, the sessions' ranges of row ids)."""

    _sessions: sessionmaker[Session]
    _journal_range: Callable[..., tuple]
    _journal_order: Any  # Store's: the column giving a journal's order (id on SQLite, seq elsewhere)

    def next_register_number(self, assembly_id: str, year: int, excluding: int | str | None = None) -> int:
        """The rank the next délibération of `assembly_id` in `year` gets: one more than the highest
        rank the assembly's other sessions of that year gave (numberings undone not counted), 1 if
        none. `excluding`: the session being closed, whose own numbering is the state's business."""
        excluded = session_number(excluding) if excluding is not None else None
        highest = 0
        try:
            with self._sessions() as session:
                rows = session.execute(
                    select(SESSIONS.c.id, SESSIONS.c.setup_json).where(
                        SESSIONS.c.session_date >= date(year, 1, 1), SESSIONS.c.session_date <= date(year, 12, 31)
                    )
                ).all()
                ids = [sid for sid, text in rows if sid != excluded and _assembly_id(text) == assembly_id]
                if not ids:
                    return 1
                events = session.execute(
                    select(EVENTS.c.session_id, EVENTS.c.seq, EVENTS.c.type, EVENTS.c.payload_json)
                    .where(EVENTS.c.session_id.in_(ids), EVENTS.c.type.in_(_READ_TYPES), *self._journal_range(*ids))
                    .order_by(EVENTS.c.session_id, self._journal_order)  # on SQLite, id: (session_id, seq)'s order
                ).all()
        except SQLAlchemyError as exc:
            raise self._read_failed(exc) from exc
        by_session: dict[int, list[_Read]] = {}
        for session_id, seq, type_, payload_json in events:
            by_session.setdefault(session_id, []).append(_Read(seq, type_, json.loads(payload_json)))
        for journal in by_session.values():
            cancelled = effective_cancellations(journal)
            for event in journal:
                if event.type == "acts.numbered" and event.seq not in cancelled and event.payload.get("year") == year:
                    highest = max(highest, event.payload["first"] + len(event.payload["item_ids"]) - 1)
        return highest + 1


def _assembly_id(setup_json: str) -> str | None:
    try:
        return json.loads(setup_json)["assembly"]["id"]
    except (ValueError, KeyError, TypeError):
        return None  # a damaged setup: its own opening says so; it numbers nothing here
