"""The tables. These classes stay inside the store: callers get domain objects, never rows.

Any change here needs a new migration in migrations/versions/ (the schema is created by Alembic,
never by metadata.create_all, so that every installation follows the same path).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .column_types import UtcDateTime

# Named constraints, so that later migrations can alter them on PostgreSQL and in SQLite batch mode.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s_%(column_1_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

HASH_LENGTH = 64  # a SHA-256 in hexadecimal

# 64-bit ids on PostgreSQL; SQLite autoincrements only a column declared exactly INTEGER.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SessionRow(Base):
    """One séance. setup_json is the canonical JSON of the assembly and the session as frozen at
    creation; genesis_hash is its SHA-256, the first link of the journal's chain."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(500))
    session_date: Mapped[date] = mapped_column(Date)
    # Copied from setup_json for the list of sessions; load_session only trusts setup_json.
    assembly_name: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    setup_json: Mapped[str] = mapped_column(Text)
    genesis_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    # The journal's head as of the last append, written in the same transaction as the events: it
    # lets an append check that it follows the head, and a load detect events deleted at the end.
    event_count: Mapped[int] = mapped_column(Integer, default=0)
    head_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))


class EventRow(Base):
    """One journal event. UNIQUE(session_id, seq): two writers cannot both append event n° N.

    Measured and not kept: the table WITHOUT ROWID with PRIMARY KEY (session_id, seq) (one b-tree
    instead of two), and the head kept in a tiny table of its own. In raw SQLite they saved 3-4 µs
    on a 0.1-0.3 ms durable commit; in the whole chair action (bench_store) they gained at most
    4 µs at p50 and lost 0.02-0.09 ms at p95, in each of four interleaved runs."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("session_id", "seq"),
        CheckConstraint("seq >= 1", name="seq_positive"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(64))
    # The event's time and payload as the hash saw them: ISO-8601 UTC text ("2026-11-20T17:30:05Z")
    # and canonical JSON. Storing the hashed text itself leaves no conversion to disagree with it.
    at: Mapped[str] = mapped_column(String(20))
    payload_json: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    hash: Mapped[str] = mapped_column(String(HASH_LENGTH))


class AppStateRow(Base):
    """Small facts about the installation, such as the last session opened."""

    __tablename__ = "app_state"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
