"""The same Alembic migrations build the same schema on PostgreSQL as on SQLite, and the product
runs on it: a sitting stored, reopened and verified."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store.db import database_url
from seance_desk.store.migrate import head_revision
from seance_desk.store.orm import Base
from seance_desk.store.schema_names import KNOWN_HEAD
from tests.helpers import summarize
from tests.store.sessions import new_service, play_sitting


def _schema(url: str) -> dict:
    """Tables, columns (name, nullable), primary keys, unique constraints and foreign keys as the
    database reports them: what both dialects must agree on."""
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            schema = {}
            for table in sorted(inspector.get_table_names()):
                schema[table] = {
                    "columns": sorted((c["name"], c["nullable"]) for c in inspector.get_columns(table)),
                    "pk": inspector.get_pk_constraint(table)["constrained_columns"],
                    "unique": sorted(tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)),
                    "fk": sorted((f["referred_table"], tuple(f["constrained_columns"]), f.get("options", {}).get("ondelete")) for f in inspector.get_foreign_keys(table)),
                }
            return schema
    finally:
        engine.dispose()


def test_an_empty_postgresql_database_is_upgraded_to_head_and_matches_the_orm(pg_url: str):
    Store.open(pg_url).close()
    engine = create_engine(database_url(pg_url))
    try:
        with engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_heads() == (head_revision(),) == (KNOWN_HEAD,)
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    finally:
        engine.dispose()


def test_postgresql_and_sqlite_get_the_same_tables_columns_and_constraints(pg_url: str, tmp_path: Path):
    sqlite_file = tmp_path / "seance-desk.sqlite3"
    Store.open(sqlite_file).close()
    Store.open(pg_url).close()
    on_sqlite, on_pg = _schema(str(sqlite_file)), _schema(pg_url)
    assert set(on_pg) >= {"sessions", "session_heads", "events", "minutes_texts", "app_state", "assembly_registers"}
    # The one difference on purpose (revision 0009, store/event_keys.py): on SQLite the events' row id
    # is their (session_id, seq) key, held by CHECK constraints, where PostgreSQL has a unique constraint.
    assert on_pg["events"]["unique"] == [("session_id", "seq")] and on_sqlite["events"]["unique"] == []
    on_sqlite["events"]["unique"] = on_pg["events"]["unique"]
    assert on_pg == on_sqlite


def test_a_plain_postgresql_url_means_psycopg_3():
    assert database_url("postgresql://seance@127.0.0.1:5432/mairie").drivername == "postgresql+psycopg"
    assert database_url("postgresql+psycopg://seance@127.0.0.1/mairie").drivername == "postgresql+psycopg"


def test_a_sitting_is_stored_reopened_and_verified_on_postgresql(pg_url: str):
    with Store.open(pg_url) as store:
        service = new_service(store)
        play_sitting(service)
        session_id, events = service.session_id, list(service.engine.events)
        service.save_minutes_text("i1", "Teneur des débats")
        state = summarize(service.state)
    with Store.open(pg_url) as store:
        again = SessionService(store, session_id)
        assert again.engine.events == events and summarize(again.state) == state
        assert again.minutes_texts() == {"i1": "Teneur des débats"}
        assert [s.event_count for s in store.list_sessions()] == [len(events)]


def test_the_store_refuses_a_stale_append_on_postgresql_and_the_post_catches_up(pg_url: str):
    with Store.open(pg_url) as president_store, Store.open(pg_url) as secretary_store:
        president = new_service(president_store)
        play_sitting(president)
        secretary = SessionService(secretary_store, president.session_id)
        president.do(president.commands.arrive("m11"))
        events, _ = secretary.do(secretary.commands.arrive("m13"))  # behind by one: caught up, then done
        assert events[0].seq == len(president.engine.events) + 1
        assert secretary.state.roll.is_seated("m11")
        engine = create_engine(database_url(pg_url))
        try:
            with engine.connect() as connection:
                seqs = [row[0] for row in connection.execute(text("SELECT seq FROM events ORDER BY seq"))]
        finally:
            engine.dispose()
        assert seqs == list(range(1, len(secretary.engine.events) + 1))
