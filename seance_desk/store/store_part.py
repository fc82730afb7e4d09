"""The base of Store's parts written in their own files (app_state.py, minutes_texts_store.py): what
each part needs from Store — its two session factories and its French error helpers — declared once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


class StorePart:
    _sessions: sessionmaker[Session]  # read transactions
    _writes: sessionmaker[Session]  # write transactions, taking the write lock first (db.IMMEDIATE)

    # Provided by Store (repository.py), which inherits every part.
    def _unknown(self, session_id: int) -> StoreError:  # pragma: no cover
        raise NotImplementedError

    def _read_failed(self, exc: Exception) -> StoreError:  # pragma: no cover
        raise NotImplementedError

    def _write_failed(self, what: str, exc: Exception) -> StoreError:  # pragma: no cover
        raise NotImplementedError
