"""Small facts the store keeps about the installation rather than about one session's journal: the
session the next start reopens, and the sessions found unusable.

An unusable session (its journal altered, or no longer replaying under this version's rules) keeps
its journal untouched, for expertise; what the store records is a mark with the French reason
naming the failing event, so that every list of sessions (the window's, `seance-desk sessions`)
says it, the next start does not stumble on it, and the chair is not offered it as if it were sound.
Opening it again successfully (a later version reading it, a backup restored) lifts the mark.

Kept in the app_state key/value table, so no schema change: one row per marked session.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError

from .errors import session_number
from .store_part import StorePart
from .orm import AppStateRow, SessionRow
from .schema_names import LAST_OPENED_KEY, UNUSABLE_KEY_PREFIX

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class UnusableMark:
    """Why a session cannot be opened (French, naming the event `seq` when there is one), and when
    it was found so."""

    reason: str
    seq: int | None
    found_at: datetime

    def to_json(self) -> str:
        return json.dumps({"reason": self.reason, "seq": self.seq, "found_at": self.found_at.isoformat()}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> UnusableMark:
        """A mark as stored; one that cannot be read is still a mark (the session stays set aside),
        its reason saying so rather than failing the whole list."""
        try:
            raw = json.loads(text)
            seq = raw.get("seq")
            return cls(str(raw["reason"]), seq if isinstance(seq, int) else None, datetime.fromisoformat(raw["found_at"]))
        except (ValueError, TypeError, KeyError, AttributeError):
            return cls("séance marquée inutilisable (le motif enregistré est illisible)", None, datetime.now(UTC))


def _key(session_id: int) -> str:
    return f"{UNUSABLE_KEY_PREFIX}{session_id}"


class AppStateStore(StorePart):
    """The part of Store that reads and writes app_state. What it needs from Store is
    declared in StorePart."""

    # ------------------------------------------------------------------ the session the next start opens
    def last_session_id(self) -> int | None:
        """The session last marked as opened, if it still exists."""
        try:
            with self._sessions() as session:
                row = session.get(AppStateRow, LAST_OPENED_KEY)
                if row is None or not row.value.isdigit():
                    return None
                session_id = int(row.value)
                return session_id if session.get(SessionRow, session_id) is not None else None
        except SQLAlchemyError as exc:
            raise self._read_failed(exc) from exc

    def set_last_session_id(self, session_id: int | str) -> None:
        """The session just opened, its chain and replay sound: the next start reopens it, and any
        unusable mark it bore is lifted (it opened, so the mark no longer holds)."""
        session_id = session_number(session_id)
        try:
            with self._writes.begin() as session:
                if session.get(SessionRow, session_id) is None:
                    raise self._unknown(session_id)
                session.merge(AppStateRow(key=LAST_OPENED_KEY, value=str(session_id)))
                session.execute(delete(AppStateRow).where(AppStateRow.key == _key(session_id)))
        except SQLAlchemyError as exc:
            raise self._write_failed("La dernière séance ouverte n'a pas pu être enregistrée", exc) from exc

    def forget_last_session(self) -> None:
        """After a session is found altered: the next start must not open it again."""
        try:
            with self._writes.begin() as session:
                row = session.get(AppStateRow, LAST_OPENED_KEY)
                if row is not None:
                    session.delete(row)
        except SQLAlchemyError as exc:
            raise self._write_failed("La dernière séance ouverte n'a pas pu être oubliée", exc) from exc

    # ------------------------------------------------------------------ unusable sessions
    def mark_unusable(self, session_id: int, reason: str, seq: int | None = None) -> None:
        """Records that `session_id` cannot be opened, and why; it stops being the session the next
        start opens. Its journal is left as it is."""
        mark = UnusableMark(reason, seq, datetime.now(UTC))
        try:
            with self._writes.begin() as session:
                if session.get(SessionRow, session_id) is None:
                    return  # gone meanwhile: nothing to mark
                session.merge(AppStateRow(key=_key(session_id), value=mark.to_json()))
                last = session.get(AppStateRow, LAST_OPENED_KEY)
                if last is not None and last.value == str(session_id):
                    session.delete(last)
        except SQLAlchemyError as exc:
            raise self._write_failed("La séance n'a pas pu être marquée inutilisable", exc) from exc

    def lift_unusable_mark(self, session_id: int) -> None:
        """`session_id` opened again, chain and replay sound (`seance-desk check`): no longer unusable."""
        try:
            with self._writes.begin() as session:
                session.execute(delete(AppStateRow).where(AppStateRow.key == _key(session_id)))
        except SQLAlchemyError as exc:
            raise self._write_failed("La marque « inutilisable » n'a pas pu être levée", exc) from exc

    def unusable_marks(self) -> dict[int, UnusableMark]:
        """Every session marked unusable, by number."""
        try:
            with self._sessions() as session:
                return read_marks(session)
        except SQLAlchemyError as exc:
            raise self._read_failed(exc) from exc



def read_marks(session: Session) -> dict[int, UnusableMark]:
    rows = session.execute(select(AppStateRow.key, AppStateRow.value).where(AppStateRow.key.startswith(UNUSABLE_KEY_PREFIX, autoescape=True)))
    marks: dict[int, UnusableMark] = {}
    for key, value in rows:
        number = key[len(UNUSABLE_KEY_PREFIX):]
        if number.isdigit():
            marks[int(number)] = UnusableMark.from_json(value)
    return marks
