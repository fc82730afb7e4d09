"""Storage: sessions and their hash-chained journals in SQLite (default) or PostgreSQL, through
SQLAlchemy 2 and Alembic migrations applied at start-up."""

from .errors import StoreError
from .integrity import StoredSession
from .repository import SessionSummary, Store

__all__ = ["SessionSummary", "Store", "StoreError", "StoredSession"]
