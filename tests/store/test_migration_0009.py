"""Revision 0009: on SQLite the events' row id is their key, session_id × 2³² + seq (store/event_keys.py).

A database of 0008 holding real sessions upgrades with every row and the hash chain intact, a copy of
it kept first; the key refuses a duplicate event and a wrong or missing id; a journal is read as one
range of the table (no scan of the others' events); and the way down gives 0008's layout back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store.backup import MIGRATION_BACKUP_FOLDER
from seance_desk.store.event_keys import SEQ_SPAN, event_key
from seance_desk.store.migrate import head_revision
from seance_desk.store.quick_read import _EVENTS, read_last_session
from tests.store.sessions import new_service, play_sitting, sql
from tests.store.test_migrations import _alembic

ROW = "session_id, seq, type, at, payload_json, prev_hash, hash, actor"


def _rows(path: Path) -> list[tuple]:
    return sql(path, f"SELECT {ROW} FROM events ORDER BY session_id, seq")


@pytest.fixture
def database_at_0008(db_path: Path) -> dict:
    """A database left at 0008 by the previous version: two played sessions whose events were
    appended in turn, numbered 1, 2, 3… as that version's row ids were (interleaved between them)."""
    with Store.open(db_path) as store:
        first, second = new_service(store), new_service(store)
        for service in (first, second):
            play_sitting(service)
        first.do(first.commands.arrive("m11"))
        ids = (first.session_id, second.session_id)
    _alembic(db_path, "downgrade", "0008")
    assert sql(db_path, "SELECT version_num FROM alembic_version") == [("0008",)]
    # The previous version's ids: one counter for the whole table, the two journals interleaved.
    sql(db_path, "UPDATE events SET id = -id")
    sql(db_path, "UPDATE events SET id = seq * 2 + (session_id != ?)", ids[0])
    rows = _rows(db_path)
    assert max(row[0] for row in sql(db_path, "SELECT id FROM events")) < SEQ_SPAN
    return {"ids": ids, "rows": rows, "counts": {sid: sum(1 for row in rows if row[0] == sid) for sid in ids}}


def test_a_0008_database_upgrades_with_every_event_and_its_chain(db_path: Path, database_at_0008):
    with Store.open(db_path) as store:
        assert sql(db_path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
        assert _rows(db_path) == database_at_0008["rows"]  # every column of every event, as it was
        assert sql(db_path, "SELECT count(*) FROM events WHERE id != session_id * ? + seq", SEQ_SPAN) == [(0,)]
        for session_id in database_at_0008["ids"]:
            loaded = store.load_session(session_id)  # the chain verified, the head and the anchors checked
            assert len(loaded.events) == database_at_0008["counts"][session_id]
        service = SessionService(store, database_at_0008["ids"][1])
        service.do(service.commands.arrive("m11"))
        assert len(store.load_session(service.session_id).events) == database_at_0008["counts"][service.session_id] + 1
    assert sql(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert sql(db_path, "PRAGMA foreign_key_check") == []

    # The copy made before the upgrade holds the database as it was, at 0008.
    (copy,) = sorted((db_path.parent / MIGRATION_BACKUP_FOLDER).iterdir())
    assert copy.name.startswith("seance-desk-avant-migration-0008-")
    assert sql(copy, "SELECT version_num FROM alembic_version") == [("0008",)]
    assert _rows(copy) == database_at_0008["rows"]


def test_the_start_up_read_finds_the_upgraded_journal(db_path: Path, database_at_0008):
    session_id = database_at_0008["ids"][0]
    with Store.open(db_path) as store:
        store.set_last_session_id(session_id)
        expected = store.load_session(session_id).events
    found = read_last_session(db_path)  # as the window reads it, before SQLAlchemy
    assert found is not None and found.session_id == session_id
    assert found.stored.events == expected and len(expected) == database_at_0008["counts"][session_id]


def test_the_key_refuses_a_duplicate_event_and_a_wrong_or_missing_id(db_path: Path, database_at_0008):
    Store.open(db_path).close()
    session_id = database_at_0008["ids"][0]
    (row,) = sql(db_path, f"SELECT {ROW} FROM events WHERE session_id = ? AND seq = 1", session_id)
    next_seq = database_at_0008["counts"][session_id] + 1
    insert = f"INSERT INTO events (id, {ROW}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE|PRIMARY KEY"):  # a second event n° 1
        sql(db_path, insert, event_key(session_id, 1), *row)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):  # a key that is not its (session, seq)
        sql(db_path, insert, event_key(session_id, 1) + 10_000, session_id, next_seq, *row[2:])
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):  # no key given: SQLite's max + 1 is not it
        sql(db_path, f"INSERT INTO events ({ROW}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", session_id, next_seq, *row[2:])
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):  # a seq beyond the session's span of keys
        sql(db_path, insert, event_key(session_id, SEQ_SPAN), session_id, SEQ_SPAN, *row[2:])
    assert _rows(db_path) == database_at_0008["rows"]


def test_a_journal_is_read_as_one_range_of_the_table(db_path: Path, database_at_0008):
    Store.open(db_path).close()
    session_id = database_at_0008["ids"][1]
    plan = sql(db_path, f"EXPLAIN QUERY PLAN {_EVENTS}", session_id, *(event_key(session_id, 1), event_key(session_id, SEQ_SPAN - 1)))
    details = " ".join(row[-1] for row in plan)
    assert "USING INTEGER PRIMARY KEY" in details and "SCAN" not in details and "TEMP B-TREE" not in details
    rows = sql(db_path, _EVENTS, session_id, event_key(session_id, 1), event_key(session_id, SEQ_SPAN - 1))
    assert [row[0] for row in rows] == list(range(1, database_at_0008["counts"][session_id] + 1))


def test_0009_goes_down_to_0008_and_up_again_keeping_every_event(db_path: Path, database_at_0008):
    Store.open(db_path).close()
    _alembic(db_path, "downgrade", "0008")
    assert _rows(db_path) == database_at_0008["rows"]
    unique = sql(db_path, "SELECT sql FROM sqlite_master WHERE name = 'events'")[0][0]
    assert "UNIQUE (session_id, seq)" in unique and "ck_events_id_is_session_and_seq" not in unique
    assert sql(db_path, "PRAGMA foreign_key_check") == []

    with Store.open(db_path) as store:  # up again at opening
        assert _rows(db_path) == database_at_0008["rows"]
        for session_id in database_at_0008["ids"]:
            assert len(store.load_session(session_id).events) == database_at_0008["counts"][session_id]


def test_the_store_reads_a_journal_and_its_tail_by_key_without_a_sort(db_path: Path, database_at_0008):
    from sqlalchemy import event

    session_id = database_at_0008["ids"][0]
    seen: list[tuple[str, tuple]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):
        if "FROM events" in statement:
            seen.append((statement, parameters))

    with Store.open(db_path) as store:
        event.listen(store._engine, "before_cursor_execute", keep)
        count = len(store.load_session(session_id).events)
        head = store.load_session(session_id).events[2]
        assert [e.seq for e in store.events_after(session_id, head.seq, head.hash)] == list(range(4, count + 1))
        event.remove(store._engine, "before_cursor_execute", keep)
    assert len(seen) == 3
    for statement, parameters in seen:
        details = " ".join(row[-1] for row in sql(db_path, f"EXPLAIN QUERY PLAN {statement}", *parameters))
        assert "USING INTEGER PRIMARY KEY" in details and "SCAN" not in details and "TEMP B-TREE" not in details, details
