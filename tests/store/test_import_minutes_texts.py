"""Store.import_session with the secretary's texts (session file version 2): stored in the same
transaction as the session, its head and its events — all of it, or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from seance_desk.service.session import SessionService
from seance_desk.files.session_file import read_session_file, write_session_file
from seance_desk.store import Store, StoreError
from tests.file_format.minutes_sessions import ALL_SIGNERS, TEXTS, with_minutes
from tests.file_format.sessions import build_commune_session

from tests.store.sessions import sql

TABLES = ("sessions", "session_heads", "events", "minutes_texts")


def row_counts(db_path: Path) -> dict[str, int]:
    return {table: sql(db_path, f"SELECT count(*) FROM {table}")[0][0] for table in TABLES}


@pytest.fixture(scope="module")
def signed_session():
    """The commune session, its PV arrêté on TEXTS and signed by the chair and the secretary."""
    built = build_commune_session()
    return built.assembly, built.setup, with_minutes(built, TEXTS, ALL_SIGNERS)


def test_imported_texts_are_stored_with_the_session(store: Store, signed_session):
    session_id = store.import_session(*signed_session, TEXTS)

    assert store.minutes_texts(session_id) == TEXTS
    service = SessionService(store, session_id)
    assert service.state.minutes.locked
    # The texts reopened are the ones signed: the PV says nothing is amiss.
    assert service.minutes_texts_sha256() == service.state.minutes.signatures[0].texts_sha256


def test_an_import_without_texts_stores_none(store: Store, signed_session):
    assert store.minutes_texts(store.import_session(*signed_session)) == {}


def test_database_to_file_to_database_keeps_the_texts(store: Store, signed_session, tmp_path: Path):
    source = store.import_session(*signed_session, TEXTS)
    stored = store.load_session(source)
    path = tmp_path / "seance.json"
    write_session_file(path, stored.assembly, stored.setup, stored.events, minutes_texts=store.minutes_texts(source))

    loaded = read_session_file(path)
    with Store.open(tmp_path / "autre-poste.sqlite3") as other:
        copy = other.import_session(loaded.assembly, loaded.setup, loaded.events, loaded.minutes_texts)
        assert other.minutes_texts(copy) == TEXTS
        assert [e.hash for e in other.load_session(copy).events] == [e.hash for e in stored.events]


def test_a_failure_storing_the_texts_leaves_nothing_of_the_session(store: Store, db_path: Path, signed_session):
    before = row_counts(db_path)
    # abs() of the smallest integer is a runtime error ("integer overflow"), raised by the last insert.
    sql(db_path, "CREATE TRIGGER fail_texts BEFORE INSERT ON minutes_texts BEGIN SELECT abs(-9223372036854775807 - 1); END")

    with pytest.raises(StoreError, match="La séance n'a pas pu être enregistrée .* integer overflow"):
        store.import_session(*signed_session, TEXTS)
    assert row_counts(db_path) == before

    sql(db_path, "DROP TRIGGER fail_texts")
    session_id = store.import_session(*signed_session, TEXTS)
    assert store.minutes_texts(session_id) == TEXTS


def test_texts_for_an_item_not_on_the_agenda_are_refused(store: Store, db_path: Path, signed_session):
    before = row_counts(db_path)
    with pytest.raises(StoreError, match=r"La séance n'a pas été importée : texte du procès-verbal pour un point absent de l'ordre du jour \(« i9 »\)"):
        store.import_session(*signed_session, {**TEXTS, "i9": "x"})
    assert row_counts(db_path) == before
