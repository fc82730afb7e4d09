"""The secretary's texts of the procès-verbal in the store: saved one item at a time, each with a
revision so that two posts editing the same text are detected (text_conflicts). Not part of the
journal: the PV's arrêté and signatures carry the texts' hash."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from .errors import session_number
from .store_part import StorePart
from .orm import MinutesTextRow, SessionRow
from .text_conflicts import SavedText, conflict_text

if TYPE_CHECKING:
    pass

SESSIONS = SessionRow.__table__
MINUTES_TEXTS = MinutesTextRow.__table__
INSERT_TEXTS = insert(MINUTES_TEXTS)


class MinutesTextsStore(StorePart):
    """The part of Store that reads and writes the secretary's texts. What it needs
    from Store is declared in StorePart."""

    def save_minutes_text(self, session_id: int | str, item_id: str, text: str, base_revision: int | None = None) -> SavedText:
        """Saves the secretary's text for one item in one durable transaction, and returns what was
        stored. Not part of the journal: the PV's arrêté and signatures carry its hash.

        `base_revision` is the revision the text was edited from (0: no text was saved yet; see
        minutes_text_revisions). If another post saved a newer one meanwhile, nothing is overwritten:
        the stored text becomes both versions, the other post's first (text_conflicts), and the result
        says `conflict`. None saves unconditionally (only for callers that do not edit, such as tools).

        The transaction takes the write lock before reading the stored revision (BEGIN IMMEDIATE on
        SQLite, SELECT … FOR UPDATE elsewhere), so two posts' check-then-write cannot interleave;
        a lock held elsewhere beyond the busy timeout gives DatabaseBusy, nothing saved."""
        session_id = session_number(session_id)
        try:
            return self._save_minutes_text(session_id, item_id, text, base_revision)
        except IntegrityError:
            # PostgreSQL: both posts saved the item's first text at once (FOR UPDATE locks no row
            # that does not exist yet) and the other's INSERT won. Once more: the row is there now,
            # and the save meets it as a concurrent edit (both versions kept), never overwriting it.
            try:
                return self._save_minutes_text(session_id, item_id, text, base_revision)
            except IntegrityError as exc:
                raise self._write_failed("Le texte du procès-verbal n'a pas pu être enregistré", exc) from exc

    def _save_minutes_text(self, session_id: int, item_id: str, text: str, base_revision: int | None) -> SavedText:
        now = datetime.now(UTC)
        key = (MINUTES_TEXTS.c.session_id == session_id) & (MINUTES_TEXTS.c.item_id == item_id)
        try:
            with self._writes.begin() as session:
                if session.execute(select(SESSIONS.c.id).where(SESSIONS.c.id == session_id)).one_or_none() is None:
                    raise self._unknown(session_id)
                current = session.execute(select(MINUTES_TEXTS.c.text, MINUTES_TEXTS.c.revision).where(key).with_for_update()).one_or_none()
                if current is None:
                    session.execute(INSERT_TEXTS, {"session_id": session_id, "item_id": item_id, "text": text, "updated_at": now, "revision": 1})
                    return SavedText(1, text)
                stored_text, revision = current
                if stored_text == text:
                    return SavedText(revision, text)  # nothing to write (both posts typed the same, or a repeated save)
                conflict = base_revision is not None and base_revision != revision
                if conflict:
                    text = conflict_text(stored_text, text, now)
                session.execute(update(MINUTES_TEXTS).where(key).values(text=text, revision=revision + 1, updated_at=now))
                return SavedText(revision + 1, text, conflict)
        except IntegrityError:
            raise
        except SQLAlchemyError as exc:
            raise self._write_failed("Le texte du procès-verbal n'a pas pu être enregistré", exc) from exc

    def minutes_text_revisions(self, session_id: int | str) -> dict[str, tuple[str, int]]:
        """{item_id: (text, revision)}: what an editor starts from, and the revision its save names."""
        session_id = session_number(session_id)
        query = select(MINUTES_TEXTS.c.item_id, MINUTES_TEXTS.c.text, MINUTES_TEXTS.c.revision).where(MINUTES_TEXTS.c.session_id == session_id)
        try:
            with self._sessions() as session:
                return {item_id: (text, revision) for item_id, text, revision in session.execute(query)}
        except SQLAlchemyError as exc:
            raise self._read_failed(exc) from exc

    def minutes_texts(self, session_id: int | str) -> dict[str, str]:
        """{item_id: text} of the secretary's texts saved for the session (items never edited are absent)."""
        session_id = session_number(session_id)
        query = (
            select(MINUTES_TEXTS.c.item_id, MINUTES_TEXTS.c.text)
            .where(MINUTES_TEXTS.c.session_id == session_id)
            .order_by(MINUTES_TEXTS.c.item_id)
        )
        try:
            with self._sessions() as session:
                return {item_id: text for item_id, text in session.execute(query)}
        except SQLAlchemyError as exc:
            raise self._read_failed(exc) from exc



def text_rows(session_id: int, texts: dict[str, str] | object, now: datetime) -> list[dict]:
    """The rows of texts imported along with a session (revision 1, the column's default)."""
    return [{"session_id": session_id, "item_id": item_id, "text": text, "updated_at": now} for item_id, text in texts.items()]  # type: ignore[union-attr]
