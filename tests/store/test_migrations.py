"""The schema is created and upgraded by Alembic at start-up, from migrations shipped in the package."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

import seance_desk.store
from seance_desk.store import Store, StoreError
from seance_desk.store.migrate import head_revision, migrations_dir
from seance_desk.store.orm import Base

from .sessions import small_session, sql


def test_a_fresh_file_gets_the_whole_schema_at_the_newest_revision(db_path: Path):
    Store.open(db_path).close()

    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            assert {"sessions", "events", "app_state", "alembic_version"} <= set(inspector.get_table_names())
            unique = {tuple(u["column_names"]) for u in inspector.get_unique_constraints("events")}
            assert ("session_id", "seq") in unique
            foreign = inspector.get_foreign_keys("events")
            assert [(f["referred_table"], f["constrained_columns"]) for f in foreign] == [("sessions", ["session_id"])]
            assert MigrationContext.configure(connection).get_current_heads() == (head_revision(),)
    finally:
        engine.dispose()


def test_the_migrations_build_exactly_the_orm_tables(db_path: Path):
    # If orm.py changes without a new migration, autogenerate finds a difference here.
    Store.open(db_path).close()
    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_every_connection_is_durable_wal_with_foreign_keys(store: Store):
    with store._engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_migrations_are_package_data_found_from_any_working_directory(tmp_path: Path, monkeypatch):
    package_dir = Path(seance_desk.store.__file__).parent
    assert Path(migrations_dir()) == package_dir / "migrations"
    assert (package_dir / "migrations" / "env.py").is_file()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)

    with Store.open(tmp_path / "db" / "seance.sqlite3") as store:
        assert store.list_sessions() == []
    assert list(elsewhere.iterdir()) == []


def test_reopening_an_up_to_date_database_keeps_its_content(db_path: Path):
    with Store.open(db_path) as store:
        session_id = store.create_session(*small_session())
    with Store.open(db_path) as store:
        assert [s.id for s in store.list_sessions()] == [session_id]
    assert sql(db_path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]


def test_a_database_from_a_newer_version_is_refused_untouched(db_path: Path):
    Store.open(db_path).close()
    sql(db_path, "UPDATE alembic_version SET version_num = '9999'")
    before = db_path.read_bytes()

    with pytest.raises(StoreError, match="version plus récente de Séance Desk"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_another_programs_database_is_refused_untouched(db_path: Path):
    sql(db_path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)")
    before = db_path.read_bytes()

    with pytest.raises(StoreError, match="n'appartient pas à Séance Desk") as refused:
        Store.open(db_path)
    assert "invoices" in str(refused.value)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_the_known_head_is_the_migrations_folders_head():
    # Start-up skips Alembic when the database is at KNOWN_HEAD: both must name the same revision.
    from seance_desk.store.migrate import KNOWN_HEAD, head_revision

    assert KNOWN_HEAD == head_revision()
