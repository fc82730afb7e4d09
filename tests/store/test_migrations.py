"""The schema is created and upgraded by Alembic at start-up, from migrations shipped in the package."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

import seance_desk.store
from seance_desk.service.session import SessionService
from seance_desk.store import Store, StoreError
from seance_desk.store.migrate import head_revision, migrations_dir
from seance_desk.store.orm import Base

from tests.store.sessions import new_service, play_sitting, small_session, sql


def test_a_fresh_file_gets_the_whole_schema_at_the_newest_revision(db_path: Path):
    Store.open(db_path).close()

    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            assert {"sessions", "events", "app_state", "alembic_version"} <= set(inspector.get_table_names())
            # On SQLite (revision 0009) the row id is the (session_id, seq) key: no unique index beside it.
            assert inspector.get_pk_constraint("events")["constrained_columns"] == ["id"]
            assert inspector.get_unique_constraints("events") == [] and inspector.get_indexes("events") == []
            checks = {c["name"]: c["sqltext"] for c in inspector.get_check_constraints("events")}
            assert checks["ck_events_id_is_session_and_seq"] == "id = session_id * 4294967296 + seq"
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
    # The one difference on purpose: on SQLite the events' row id is their (session_id, seq) key
    # (revision 0009, store/event_keys.py), where the ORM, PostgreSQL's layout, has a unique constraint.
    differences = [d for d in differences if not (d[0] == "add_constraint" and d[1].name == "uq_events_session_id_seq")]
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
    from seance_desk.store.migrate import head_revision
    from seance_desk.store.schema_names import KNOWN_HEAD

    assert KNOWN_HEAD == head_revision()


# ------------------------------------------------------------------------------ 0001 → 0002
def _alembic(db_path: Path, action: str, revision: str) -> None:
    """Runs Alembic on the file as the application does: its engine (pragmas: WAL, foreign keys
    ON), one transaction, the connection handed over to env.py."""
    from alembic import command

    from seance_desk.store.db import create_db_engine, database_url
    from seance_desk.store.migrate import alembic_config

    engine = create_db_engine(database_url(db_path))
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            getattr(command, action)(config, revision)
    finally:
        engine.dispose()


def _columns(db_path: Path, table: str) -> list[str]:
    return [row[1] for row in sql(db_path, f"PRAGMA table_info({table})")]


@pytest.fixture
def database_at_0001(tmp_path: Path, db_path: Path) -> dict:
    """A database left at revision 0001 by an earlier version, holding one played session: its
    rows are those of a session played now, written in 0001's layout (head on the sessions row)."""
    source = tmp_path / "source.sqlite3"
    with Store.open(source) as store:
        service = new_service(store)
        play_sitting(service)
    (session,) = sql(source, "SELECT id, title, session_date, assembly_name, created_at, setup_json, genesis_hash FROM sessions")
    (head,) = sql(source, "SELECT event_count, head_hash, updated_at FROM session_heads")
    events = sql(source, "SELECT id, session_id, seq, type, at, payload_json, prev_hash, hash FROM events ORDER BY seq")

    _alembic(db_path, "upgrade", "0001")
    assert sql(db_path, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert {"event_count", "head_hash", "updated_at"} <= set(_columns(db_path, "sessions"))
    sql(
        db_path,
        "INSERT INTO sessions (id, title, session_date, assembly_name, created_at, setup_json, genesis_hash, "
        "updated_at, event_count, head_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        *session,
        head[2],
        head[0],
        head[1],
    )
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", events)
    return {"id": session[0], "head": head, "events": events}


def test_a_0001_database_is_upgraded_on_opening_with_its_head_preserved(db_path: Path, database_at_0001):
    session_id, (count, head_hash, updated_at) = database_at_0001["id"], database_at_0001["head"]

    with Store.open(db_path) as store:
        assert sql(db_path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
        assert sql(db_path, "SELECT session_id, event_count, head_hash, updated_at FROM session_heads") == [
            (session_id, count, head_hash, updated_at)
        ]
        assert not {"event_count", "head_hash", "updated_at"} & set(_columns(db_path, "sessions"))
        # Not a single event lost (a rebuilt sessions table would have cascaded its DROP to them).
        assert sql(db_path, "SELECT id, session_id, seq, type, at, payload_json, prev_hash, hash FROM events ORDER BY seq") == (
            database_at_0001["events"]
        )
        (summary,) = store.list_sessions()
        assert (summary.id, summary.event_count) == (session_id, count)
        assert summary.updated_at.tzinfo is not None

        loaded = store.load_session(session_id)
        assert len(loaded.events) == count and loaded.events[-1].hash == head_hash
        service = SessionService(store, session_id)
        service.do(service.commands.arrive("m11"))
        assert len(store.load_session(session_id).events) == count + 1
    assert sql(db_path, "SELECT event_count FROM session_heads") == [(count + 1,)]


def test_events_deleted_at_the_end_before_the_upgrade_are_still_detected(db_path: Path, database_at_0001):
    session_id, count = database_at_0001["id"], database_at_0001["head"][0]
    sql(db_path, "DELETE FROM events WHERE seq = ?", count)

    with Store.open(db_path) as store:
        with pytest.raises(StoreError, match="des événements ont été supprimés"):
            store.load_session(session_id)


def test_0002_downgrades_to_0001_and_upgrades_again(db_path: Path, database_at_0001):
    session_id, (count, _, updated_at) = database_at_0001["id"], database_at_0001["head"]
    with Store.open(db_path) as store:
        service = SessionService(store, session_id)
        service.do(service.commands.arrive("m11"))
    (after_append,) = sql(db_path, "SELECT event_count, head_hash, updated_at FROM session_heads")
    assert after_append[0] == count + 1 and after_append[2] >= updated_at

    _alembic(db_path, "downgrade", "0001")
    assert sql(db_path, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert "session_heads" not in {row[0] for row in sql(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert sql(db_path, "SELECT event_count, head_hash, updated_at FROM sessions WHERE id = ?", session_id) == [after_append]
    assert sql(db_path, "SELECT count(*) FROM events") == [(count + 1,)]
    assert sql(db_path, "PRAGMA foreign_key_check") == []

    with Store.open(db_path) as store:
        assert sql(db_path, "SELECT event_count, head_hash, updated_at FROM session_heads") == [after_append]
        service = SessionService(store, session_id)
        service.do(service.commands.arrive("m13"))
        assert len(store.load_session(session_id).events) == count + 2


def test_the_downgrade_of_an_empty_database_gives_back_0001s_tables(db_path: Path):
    Store.open(db_path).close()
    _alembic(db_path, "downgrade", "0001")
    assert _columns(db_path, "sessions") == [
        "id", "title", "session_date", "assembly_name", "created_at", "setup_json", "genesis_hash",
        "updated_at", "event_count", "head_hash",
    ]  # fmt: skip
    _alembic(db_path, "downgrade", "base")
    assert {row[0] for row in sql(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'")} == {"alembic_version"}


# ------------------------------------------------------------------------------ 0003 → 0004
def test_0004_numbers_the_texts_already_saved_and_goes_back_down(db_path: Path):
    with Store.open(db_path) as store:
        service = new_service(store)
        session_id = service.session_id
        store.save_minutes_text(session_id, "i1", "Texte d'avant")
    _alembic(db_path, "downgrade", "0003")
    assert "revision" not in _columns(db_path, "minutes_texts")
    events_before = sql(db_path, "SELECT id, session_id, seq, type, at, payload_json, prev_hash, hash FROM events ORDER BY seq")

    with Store.open(db_path) as store:  # upgraded on opening
        assert sql(db_path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
        assert store.minutes_text_revisions(session_id) == {"i1": ("Texte d'avant", 1)}
        saved = store.save_minutes_text(session_id, "i1", "Texte d'après", base_revision=1)
        assert (saved.revision, saved.conflict) == (2, False)
    assert sql(db_path, "SELECT id, session_id, seq, type, at, payload_json, prev_hash, hash FROM events ORDER BY seq") == events_before

    _alembic(db_path, "downgrade", "0003")
    assert sql(db_path, "SELECT item_id, text FROM minutes_texts") == [("i1", "Texte d'après")]
    assert "revision" not in _columns(db_path, "minutes_texts")
    assert sql(db_path, "PRAGMA foreign_key_check") == []
    _alembic(db_path, "upgrade", "0004")
    assert sql(db_path, "SELECT text, revision FROM minutes_texts") == [("Texte d'après", 1)]
