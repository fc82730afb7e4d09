"""Storage: sessions and their hash-chained journals in SQLite (default) or PostgreSQL, through
SQLAlchemy 2 and Alembic migrations applied at start-up.

Store and SessionSummary are loaded on first use (PEP 562): importing the package, for StoreError
or StoredSession, must not import SQLAlchemy, which the window's start-up does without (quick_read.py).
"""

from typing import TYPE_CHECKING

from .errors import StoreError
from .integrity import StoredSession

if TYPE_CHECKING:
    from .repository import SessionSummary, Store

__all__ = ["SessionSummary", "Store", "StoreError", "StoredSession"]


def __getattr__(name: str):
    if name in ("Store", "SessionSummary"):
        from . import repository

        return getattr(repository, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
