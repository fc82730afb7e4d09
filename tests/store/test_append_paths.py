"""The append has two implementations: on SQLite, the driver's own connection (the hot path, see
sqlite_append.SqliteAppend); elsewhere (PostgreSQL), a SQLAlchemy Core connection. Both must write
the same rows and refuse the same stale writer, so the Core path is exercised here on SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store.errors import JournalMoved

from tests.store.sessions import new_service, play_sitting, sql


def core_path_store(path: Path) -> Store:
    store = Store.open(path)
    assert store._sqlite_append is not None  # SQLite takes the driver path by default…
    store._sqlite_append.close()
    store._sqlite_append = None  # …and this store the dialect-neutral one
    return store


def stored_rows(path: Path) -> tuple[list[tuple], list[tuple]]:
    events = sql(path, "SELECT session_id, seq, type, at, payload_json, prev_hash, hash FROM events ORDER BY seq")
    head = sql(path, "SELECT event_count, head_hash, typeof(updated_at), length(updated_at) FROM session_heads")
    return events, head


def test_both_append_paths_store_the_same_rows(tmp_path: Path):
    with Store.open(tmp_path / "driver.sqlite3") as store:
        play_sitting(new_service(store))
    core = core_path_store(tmp_path / "core.sqlite3")
    try:
        play_sitting(new_service(core))
    finally:
        core.close()

    assert stored_rows(tmp_path / "driver.sqlite3") == stored_rows(tmp_path / "core.sqlite3")
    assert len(stored_rows(tmp_path / "core.sqlite3")[0]) > 10


def test_the_driver_path_writes_updated_at_as_sqlalchemy_reads_it(store: Store):
    service = new_service(store)
    created = store.list_sessions()[0].updated_at
    service.do(service.commands.arrive("m1"))
    (summary,) = store.list_sessions()
    assert summary.updated_at.tzinfo is not None
    assert summary.updated_at >= created
    assert summary.event_count == 1


def test_the_core_path_refuses_a_stale_writer_too(db_path: Path):
    store = core_path_store(db_path)
    try:
        president = new_service(store)
        play_sitting(president)
        secretary = SessionService(store, president.session_id, clock=president.engine.clock)
        president.do(president.commands.arrive("m11"))
        stale, _ = secretary.engine.execute(secretary.commands.arrive("m13"))
        with pytest.raises(JournalMoved, match="Un autre poste a modifié cette séance"):
            store.append_events(secretary.session_id, stale)
        secretary.reload()
        president.do(president.commands.arrive("m12"))
        secretary.do(secretary.commands.arrive("m13"))  # caught up and done, on this path too
        assert len(store.load_session(president.session_id).events) == len(president.engine.events) + 1
    finally:
        store.close()


def test_the_driver_path_binds_updated_at_as_sqlalchemy_would(store: Store):
    # sqlite_append.sqlite_datetime writes the text itself instead of going through the column type's
    # bind processors: both must agree, to the microsecond, whatever the zone and the year.
    from datetime import UTC, datetime, timedelta, timezone

    from sqlalchemy.dialects import sqlite

    from seance_desk.store.sqlite_append import HEADS, sqlite_datetime

    dialect = sqlite.dialect()
    bind = HEADS.c.updated_at.type.dialect_impl(dialect).bind_processor(dialect)
    moments = [
        datetime.now(UTC),
        datetime(2026, 11, 20, 17, 30, tzinfo=UTC),
        datetime(2026, 11, 20, 17, 30, 0, 1, tzinfo=UTC),
        datetime(2026, 3, 29, 2, 30, 59, 999999, tzinfo=timezone(timedelta(hours=2))),
        datetime(999, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
    ]
    for moment in moments:
        assert sqlite_datetime(moment) == bind(moment)
    with pytest.raises(ValueError):
        sqlite_datetime(datetime(2026, 11, 20, 17, 30))
