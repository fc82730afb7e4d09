"""The store: sessions and their journals in a database, read and written one user action at a time.

Each public method opens its own SQLAlchemy Session and closes it before returning: one session per
user action. The append is the exception: a bare Core connection, or on SQLite a driver connection
the store keeps for appends (SqliteAppend). Callers get domain objects; rows never leave this
package.

On a SQLite file, the store also keeps the acknowledged heads outside the database (heads.py): it
refuses to open a database whose journal went back in time (JournalRolledBack), records each
durable commit's head, and at close checkpoints the WAL into the database file so that nothing
acknowledged depends on the -wal file any more. The file, its companions and the heads file are
owner-only (0600).
"""

from __future__ import annotations

import atexit
import os
import sqlite3
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine, func, insert, or_, select
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from ..documents.signing.anchor_signature import Anchor
from ..models.assembly import Assembly
from ..models.decision import RuleViolation
from ..models.journal import Event, verify_chain
from ..models.session_setup import SessionSetup
from ..models.state.session_state import SessionState
from ..paths import create_private_file, database_target, private_dir, restrict_to_owner
from . import heads
from .app_state import AppStateStore, UnusableMark, read_marks
from .accounts_store import AccountsStore
from .anchors_store import INSERT_ANCHORS, AnchorsStore, anchor_rows, checked_anchors
from .assembly_registers_store import AssemblyRegistersStore
from .minutes_texts_store import INSERT_TEXTS, MinutesTextsStore, text_rows
from .register_numbers import RegisterNumbersStore
from .sqlite_append import INSERT_EVENTS, SqliteAppend
from .codec import event_row, genesis_of, setup_from_json, setup_json
from .db import IMMEDIATE, create_db_engine, database_url, describe_url, sqlite_file
from .event_keys import keyed_rows, session_keys
from .errors import DatabaseBusy, StoreError, busy_message, describe_database_error, is_busy, session_number, unreadable, write_failed
from .journal_store import JournalStore
from .integrity import StoredSession, unknown_session, verified_session
from .migrate import upgrade_to_head
from .orm import EventRow, MinutesTextRow, SessionHeadRow, SessionRow
from .pg_append import PgAppend
from .pg_engine import READ_SNAPSHOT, is_disconnect, unreachable
from .probe import check_existing_file
from .share_check import check_not_on_network_share

SESSIONS = SessionRow.__table__
HEADS = SessionHeadRow.__table__
EVENTS = EventRow.__table__
MINUTES_TEXTS = MinutesTextRow.__table__

_INSERT_HEAD = insert(HEADS)


@dataclass(frozen=True, slots=True)
class SessionSummary:
    id: int
    title: str
    session_date: date
    assembly_name: str
    event_count: int
    created_at: datetime
    updated_at: datetime
    unusable: UnusableMark | None = None  # set when the session was found unusable (app_state.py)


class Store(JournalStore, AppStateStore, MinutesTextsStore, RegisterNumbersStore, AssemblyRegistersStore, AnchorsStore, AccountsStore):
    def __init__(self, engine: Engine, where: str, database: Path | None = None):
        """Use Store.open(): it checks the file and brings the schema up to date first."""
        self._engine = engine
        # Reads see one snapshot (the head and the events agree): SQLite's read transaction does it;
        # PostgreSQL needs REPEATABLE READ (pg_engine.READ_SNAPSHOT). Every _sessions() use only reads.
        self._sessions = sessionmaker(engine.execution_options(**READ_SNAPSHOT) if engine.dialect.name == "postgresql" else engine, expire_on_commit=False)
        # Write transactions that read first take the write lock first (db.IMMEDIATE; ignored
        # outside SQLite): no « database is locked » at once when another post commits meanwhile.
        self._writes = sessionmaker(engine.execution_options(**IMMEDIATE), expire_on_commit=False)
        self._sqlite_append = SqliteAppend(engine) if SqliteAppend.available(engine) else None
        self._pg_append = PgAppend(engine) if PgAppend.available(engine) else None  # PostgreSQL's (pg_append.py)
        # On SQLite an event's row id is its key (event_keys.py, revision 0009): written with it, read by
        # it, and in its order, which is (session_id, seq)'s: no sort after the read.
        self._keyed_events = engine.dialect.name == "sqlite"
        self._journal_order = EVENTS.c.id if self._keyed_events else EVENTS.c.seq
        self.where = where  # the file path or the URL without password, for messages
        self.database = database  # the SQLite file, None for other databases
        self._heads: heads.HeadsFile | None = None
        self._closed = False
        _OPEN_STORES.add(self)

    # ------------------------------------------------------------------ opening and closing
    @classmethod
    def open(cls, target: str | os.PathLike[str] | None = None) -> Store:
        """Opens (creating it if needed) the database at a file path or URL; default: the user's."""
        try:
            url = database_url(target if target is not None else database_target())
        except ArgumentError as exc:
            raise StoreError(f"Adresse de base de données invalide : {target} ({exc})") from exc
        where = describe_url(url)
        path = sqlite_file(url)
        if path is not None:
            check_not_on_network_share(path)  # issue 14 § 6: before anything is created there
            check_existing_file(path)
            try:
                private_dir(path.parent)
            except OSError as exc:
                raise StoreError(f"Impossible de créer le dossier « {path.parent} » : {exc.strerror or exc}") from exc
            _make_private(path)
        try:
            engine = create_db_engine(url)
        except (NoSuchModuleError, ImportError) as exc:
            raise StoreError(f"Le pilote de base de données pour « {where} » n'est pas installé ({exc})") from exc
        try:
            upgrade_to_head(engine, where)
        except StoreError:
            engine.dispose()
            raise
        except SQLAlchemyError as exc:
            engine.dispose()
            if is_disconnect(exc):
                raise unreachable("La base n'a pas pu être ouverte", where) from exc
            if is_busy(exc):
                raise DatabaseBusy(busy_message("La base n'a pas pu être ouverte", where)) from exc
            raise unreadable(where, describe_database_error(exc)) from exc
        store = cls(engine, where, path)
        if path is not None:
            try:
                store._start_heads(path)
            except BaseException:
                store._closed = True  # nothing to checkpoint or compact: the check refused the file
                engine.dispose()
                raise
        return store

    def _start_heads(self, path: Path) -> None:
        """Compares the database with its heads file (raises JournalRolledBack), creates the file if
        it is missing, compacts it if it has grown, and opens it for the appends."""
        try:
            connection = self._engine.raw_connection()
        except SQLAlchemyError as exc:
            raise heads.open_failed(self.where, exc) from exc
        try:
            self._heads = heads.start(connection.driver_connection, path, self.where)
        finally:
            connection.close()

    def close(self) -> None:
        """Closes the store. On a SQLite file, first copies the WAL into the database and empties it
        (PRAGMA wal_checkpoint(TRUNCATE)): from then on the .sqlite3 file alone holds every
        acknowledged action, even if the -wal is lost; then compacts the heads file. Called again,
        does nothing. Stores left open are closed the same way at exit (atexit, below)."""
        if self._closed:
            return
        self._closed = True
        _OPEN_STORES.discard(self)
        if self._sqlite_append is not None:
            self._sqlite_append.close()
        if self._pg_append is not None:
            self._pg_append.close()
        if self._heads is not None:
            self._heads.close()
        if self.database is not None:
            self._checkpoint_and_compact()
        self._engine.dispose()

    def checkpoint(self) -> bool:
        """Copies the WAL into the database file and truncates it. True if complete; False if
        another connection (another post) still reads an older snapshot or the base is busy: the
        WAL then still holds the rest, which is not lost (SQLite keeps it). Never raises."""
        if self.database is None:
            return True
        try:
            connection = self._engine.raw_connection()
            try:
                busy, _, _ = connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                return busy == 0
            finally:
                connection.close()
        except (sqlite3.Error, SQLAlchemyError):
            return False

    def _checkpoint_and_compact(self) -> None:
        self.checkpoint()
        try:
            connection = self._engine.raw_connection()
        except SQLAlchemyError:
            return  # best effort, as heads.compact
        try:
            heads.compact(connection.driver_connection, self.database)
        finally:
            connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # ------------------------------------------------------------------ sessions
    def create_session(self, assembly: Assembly, setup: SessionSetup) -> int:
        """A new session with an empty journal; returns its number."""
        return self._insert_session(assembly, setup, [])

    def import_session(
        self, assembly: Assembly, setup: SessionSetup, events: Sequence[Event], minutes_texts: Mapping[str, str] | None = None,
        anchors: Sequence[Anchor] = (),
    ) -> int:
        """A session with its journal (e.g. from a session file), stored only if the chain verifies
        against the setup and the rules accept every event: what cannot be reopened is refused.
        `minutes_texts` ({item_id: text}, the secretary's texts the file carries) are stored with it."""
        report = verify_chain(genesis_of(assembly, setup), events)
        if not report.ok:
            raise StoreError(f"La séance n'a pas été importée : {report.message}.", report.first_broken_seq)
        try:
            SessionState.fold(assembly, setup, events)
        except RuleViolation as exc:
            raise StoreError(f"La séance n'a pas été importée : son journal ne se rejoue pas ({exc}).") from exc
        unknown = sorted(item_id for item_id in minutes_texts or {} if setup.item(item_id) is None)
        if unknown:
            # Such a row would count in the texts' fingerprint (Store.minutes_texts) yet belong to no item.
            raise StoreError(f"La séance n'a pas été importée : texte du procès-verbal pour un point absent de l'ordre du jour (« {unknown[0]} »).")
        # The journal's anchors the file carried (issue 14 § 5), already checked against its journal
        # by the reader; checked again here, as any caller may hand them over.
        checked_anchors(genesis_of(assembly, setup), events, anchors)
        return self._insert_session(assembly, setup, list(events), minutes_texts, anchors)

    def _insert_session(
        self, assembly: Assembly, setup: SessionSetup, events: list[Event], texts: Mapping[str, str] | None = None, anchors: Sequence[Anchor] = ()
    ) -> int:
        text = setup_json(assembly, setup)
        genesis = genesis_of(assembly, setup)
        # What load_session will rebuild must hash to the same genesis, or the journal could never
        # be reopened: check now, while the setup can still be fixed.
        if genesis_of(*setup_from_json(text)) != genesis:
            raise StoreError("La configuration de la séance ne se relit pas à l'identique : séance non enregistrée.")
        now = datetime.now(UTC)
        row = SessionRow(
            title=setup.title,
            session_date=setup.date,
            assembly_name=assembly.name,
            created_at=now,
            setup_json=text,
            genesis_hash=genesis,
        )
        rows = [event_row(0, event) for event in events]
        head = heads.Head(len(events), events[-1].hash if events else genesis, rows[-1]["at"] if rows else "")
        try:
            # One transaction: the session, its head, its events and its texts, or nothing (a session
            # imported without its texts would be a PV whose signed fingerprint no longer matches).
            with self._writes.begin() as session:
                session.add(row)
                session.flush()
                session.execute(
                    _INSERT_HEAD,
                    {"session_id": row.id, "event_count": head.seq, "head_hash": head.hash, "updated_at": now},
                )
                if rows:
                    inserted = [{**values, "session_id": row.id} for values in rows]
                    session.execute(INSERT_EVENTS, keyed_rows(inserted) if self._keyed_events else inserted)
                if texts:
                    session.execute(INSERT_TEXTS, text_rows(row.id, texts, now))
                if anchors:
                    session.execute(INSERT_ANCHORS, anchor_rows(row.id, anchors))
        except SQLAlchemyError as exc:
            raise self._write_failed("La séance n'a pas pu être enregistrée", exc) from exc
        if self._heads is not None:
            self._heads.record(row.id, head.seq, head.hash, head.at)
        return row.id

    def load_session(self, session_id: int | str, verify: bool = True) -> StoredSession:
        """(assembly, setup, events), after checking setup, chain and head. Raises StoreError.

        With verify=False the hash chain (the costly part: every event re-hashed) is not checked
        yet: the caller must call integrity.verify_stored_chain before acting on the session or
        trusting it (SessionService.verify). The window does so right after its first paint;
        everyone else keeps the default."""
        session_id = session_number(session_id)
        try:
            with self._sessions() as session:
                # Outer join: a session whose head row is missing is reported as altered, not unknown.
                query = (
                    select(SESSIONS, HEADS.c.event_count, HEADS.c.head_hash)
                    .select_from(SESSIONS.outerjoin(HEADS, HEADS.c.session_id == SESSIONS.c.id))
                    .where(SESSIONS.c.id == session_id)
                )
                row = session.execute(query).mappings().one_or_none()
                if row is None:
                    raise self._unknown(session_id)
                events = (
                    session.execute(select(EVENTS).where(EVENTS.c.session_id == session_id, *self._journal_range(session_id)).order_by(self._journal_order))
                    .mappings()
                    .all()
                )
        except SQLAlchemyError as exc:
            raise self._read_failed(exc) from exc
        stored = verified_session(row, events, verify_chain_now=verify)
        if verify:
            self.check_anchors(session_id, stored)  # issue 14 § 5: the signed heads still match the journal
        return stored

    def list_sessions(self) -> list[SessionSummary]:
        """Newest session date first. Reads only the summary columns, not the journals."""
        # Outer join: a session whose head row was deleted is still listed (its opening then says
        # it was altered) rather than silently hidden.
        columns = (
            SESSIONS.c.id,
            SESSIONS.c.title,
            SESSIONS.c.session_date,
            SESSIONS.c.assembly_name,
            func.coalesce(HEADS.c.event_count, 0),
            SESSIONS.c.created_at,
            func.coalesce(HEADS.c.updated_at, SESSIONS.c.created_at),
        )
        query = (
            select(*columns)
            .select_from(SESSIONS.outerjoin(HEADS, HEADS.c.session_id == SESSIONS.c.id))
            .order_by(SESSIONS.c.session_date.desc(), SESSIONS.c.id.desc())
        )
        try:
            with self._sessions() as session:
                rows = session.execute(query).all()
                marks = read_marks(session)
        except SQLAlchemyError as exc:
            raise self._read_failed(exc) from exc
        return [SessionSummary(*row, unusable=marks.get(row[0])) for row in rows]

    def _journal_range(self, *session_ids: int) -> tuple:
        """On SQLite, the sessions' ranges of row ids (event_keys.py), so that a journal is read as
        one range of the table's B-tree: without it, with no index on session_id, the whole table
        would be scanned. Nothing elsewhere (PostgreSQL has its unique index on (session_id, seq))."""
        if not self._keyed_events:
            return ()
        return (or_(*(EVENTS.c.id.between(*session_keys(session_id)) for session_id in session_ids)),)

    # ------------------------------------------------------------------ errors
    def _unknown(self, session_id: int) -> StoreError:
        return unknown_session(self.where, session_id)

    def _write_failed(self, what: str, exc: Exception) -> StoreError:
        if is_disconnect(exc):
            return unreachable(what, self.where)
        return write_failed(what, self.where, exc)

    def _read_failed(self, exc: Exception) -> StoreError:
        if is_disconnect(exc):
            return unreachable("La lecture a échoué", self.where)
        if is_busy(exc):
            return DatabaseBusy(busy_message("La lecture a échoué", self.where))
        return unreadable(self.where, describe_database_error(exc))


def _make_private(path: Path) -> None:
    """The database file created owner-only before SQLite opens it (SQLite gives its -wal and -shm
    the database's mode), and one left readable by others by an earlier version restricted."""
    try:
        create_private_file(path)
    except OSError as exc:
        raise StoreError(f"Impossible de créer la base de données « {path} » : {exc.strerror or exc}") from exc
    for companion in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"), heads.heads_path(path)):
        restrict_to_owner(companion)


# Stores not closed by their owner (the command line's, one left by an error) are closed at exit,
# so the WAL is checkpointed into the database file then too.
_OPEN_STORES: weakref.WeakSet[Store] = weakref.WeakSet()


@atexit.register
def _close_open_stores() -> None:
    for store in list(_OPEN_STORES):
        try:
            store.close()
        except Exception:  # noqa: BLE001 — at exit, one store's failure must not stop the others' checkpoint
            pass
