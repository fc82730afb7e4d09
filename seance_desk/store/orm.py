"""The tables. These classes stay inside the store: callers get domain objects, never rows.

Any change here needs a new migration in migrations/versions/ (the schema is created by Alembic,
never by metadata.create_all, so that every installation follows the same path).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Date, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint
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
    setup_json: Mapped[str] = mapped_column(Text)
    genesis_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))


class SessionHeadRow(Base):
    """The journal's head as of the last append, written in the same transaction as the events: it
    lets an append check that it follows the head, and a load detect events deleted at the end.
    Every session has exactly one, created with it.

    A table of its own (revision 0002), not columns of sessions: a sessions row carries setup_json
    (about 46 KB for 240 members, on overflow pages), and SQLite rewrites a whole row, overflow
    pages included, on every UPDATE. Moving the head here took about 11-17 µs and several WAL
    pages off each chair action once the WAL had checkpointed (bench_store)."""

    __tablename__ = "session_heads"

    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True, autoincrement=False)
    event_count: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class EventRow(Base):
    """One journal event. Unique per (session_id, seq): two writers cannot both append event n° N.

    This class is PostgreSQL's layout (and the ORM's): a BIGSERIAL id and UNIQUE(session_id, seq). On
    SQLite (revision 0009, event_keys.py) the id is the key itself, session_id × 2³² + seq, held to
    the columns by CHECK constraints, and there is no unique index: an append writes one B-tree,
    not the table and its index. Every SQLite writer gives the id (event_keys.keyed_rows) and every
    SQLite read of a journal asks for its range of ids (Store._journal_range).

    Measured and not kept: the table WITHOUT ROWID with PRIMARY KEY (session_id, seq) (one b-tree
    too, but an index b-tree holding whole rows). In raw SQLite it saved 3-4 µs on a 0.1-0.3 ms
    durable commit; in the whole chair action (bench_store) it gained at most 4 µs at p50 and lost
    0.02-0.09 ms at p95; measured again beside the rowid key (issue 8): action p50 0.284 ms as it
    was, 0.263 WITHOUT ROWID, 0.239 with the rowid key, and p95 0.448, 0.444, 0.399. (The head's
    own table, measured alongside it then with a small setup, was later kept: see SessionHeadRow;
    with a 240-member setup on sessions, its gain shows once the WAL checkpoints.)"""

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
    # Who did it (revision 0008, issue 14 § 3): the login signed in, NULL when nobody was. In the hash
    # when set (models/journal.Event.body).
    actor: Mapped[str | None] = mapped_column(String(64), nullable=True)


class AppStateRow(Base):
    """Small facts about the installation, such as the last session opened."""

    __tablename__ = "app_state"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class MinutesTextRow(Base):
    """The secretary's « teneur des discussions » for one item (revision 0003), saved while typing.

    Not in the hash chain (one event per keystroke pause would drown the journal): the PV's arrêté
    and signatures, which are journal events, carry the SHA-256 of these texts instead."""

    __tablename__ = "minutes_texts"

    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True, autoincrement=False)
    item_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # 1 at the first save, one more at each (revision 0004): a save names the revision it was based
    # on, so a concurrent edit from another post is detected instead of silently overwritten.
    revision: Mapped[int] = mapped_column(Integer, server_default="1")


class AssemblyRegisterRow(Base):
    """The assembly over its mandate (revision 0005): its installed roster, dated roster changes and
    written proxies, as the canonical JSON of models/mandate.AssemblyRegister. One per assembly id;
    the sessions whose setup names that assembly id are its sessions."""

    __tablename__ = "assembly_registers"

    assembly_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    document_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class JournalAnchorRow(Base):
    """A signed journal head (revision 0007, service/anchoring.py): the anchor's canonical JSON
    (documents/signing/anchor_signature.Anchor.to_dict), with its number, event n° and hash as
    columns for reading. Numbered 1, 2, 3… per session; two posts anchoring at once: one wins."""

    __tablename__ = "journal_anchors"

    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True, autoincrement=False)
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    anchor_json: Mapped[str] = mapped_column(Text)


class AccountRow(Base):
    """A person who signs in (revision 0008, store/accounts.py). Disabled, never deleted: events name
    their author by login."""

    __tablename__ = "accounts"

    login: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
