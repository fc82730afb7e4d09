"""The window's start-up read (store.quick_read): the last session straight from the SQLite file,
without SQLAlchemy; the same session, and the same refusals, as the store's own load; anything
unusual left to the full path; the store opened by the verification after the first paint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from seance_desk.app import open_last_session
from seance_desk.store import Store, StoreError
from seance_desk.store.quick_read import read_last_session

from tests.store.sessions import new_service, play_sitting, sql


@pytest.fixture
def last_opened(db_path: Path) -> tuple[int, int]:
    """A played sitting, marked as the last session opened; (its number, its event count)."""
    with Store.open(db_path) as store:
        new_service(store)  # another session first: the quick read must pick the last opened, not the first
        service = new_service(store)
        play_sitting(service)
        store.set_last_session_id(service.session_id)
        return service.session_id, len(service.engine.events)


def test_it_reads_the_last_session_as_the_store_loads_it(db_path: Path, last_opened):
    session_id, count = last_opened
    found = read_last_session(db_path)
    assert found is not None
    quick_id, stored, _texts, rows = found
    assert [row[0] for row in rows] == list(range(1, count + 1))  # the rows as read, for rows_digest
    assert quick_id == session_id and len(stored.events) == count
    with Store.open(db_path) as store:
        assert stored == store.load_session(session_id)


def test_the_file_is_only_read(db_path: Path, last_opened):
    before = db_path.read_bytes()
    assert read_last_session(db_path) is not None
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    "change",
    [
        "DELETE FROM app_state",  # no last session (first start, or forgotten after an alteration)
        "UPDATE app_state SET value = '999'",  # a last session that no longer exists
        "UPDATE alembic_version SET version_num = '0002'",  # a migration to run first
        "UPDATE alembic_version SET version_num = '9999'",  # written by a newer version
    ],
)
def test_anything_unusual_is_left_to_the_full_path(db_path: Path, last_opened, change):
    sql(db_path, change)
    assert read_last_session(db_path) is None


def test_no_file_or_not_a_database_is_left_to_the_full_path(tmp_path: Path):
    assert read_last_session(tmp_path / "absent.sqlite3") is None
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"pas une base SQLite" * 100)
    assert read_last_session(junk) is None
    with pytest.raises(StoreError, match="n'est pas une base de données SQLite"):
        open_last_session(9, junk)  # the full path says what is wrong, in French
    assert junk.read_bytes() == b"pas une base SQLite" * 100


def test_an_altered_session_is_refused_with_the_stores_own_message(db_path: Path, last_opened):
    session_id, count = last_opened
    sql(db_path, "DELETE FROM events WHERE session_id = ? AND seq = ?", session_id, count)
    with pytest.raises(StoreError) as quick:
        read_last_session(db_path)
    with Store.open(db_path) as store, pytest.raises(StoreError) as full:
        store.load_session(session_id, verify=False)
    assert str(quick.value) == str(full.value)
    assert "des événements ont été supprimés" in str(quick.value)


def test_opening_an_altered_last_session_forgets_it_and_says_what_the_next_start_does(db_path: Path, last_opened):
    session_id, count = last_opened
    sql(db_path, "DELETE FROM events WHERE session_id = ? AND seq = ?", session_id, count)
    with pytest.raises(StoreError) as refused:
        open_last_session(9, db_path)
    assert "des événements ont été supprimés" in str(refused.value)
    assert "ne la rouvrira pas au prochain démarrage" in str(refused.value)
    with Store.open(db_path) as store:
        assert store.last_session_id() is None
        sessions = store.list_sessions()
        assert len(sessions) == 2  # nothing deleted: kept as it is, for an expert
        marked = next(row for row in sessions if row.id == session_id)
        assert marked.unusable is not None and "des événements ont été supprimés" in marked.unusable.reason
        assert [row.unusable for row in sessions if row.id != session_id] == [None]


def test_the_service_acts_once_verified_then_hands_over_to_the_store(db_path: Path, last_opened):
    session_id, count = last_opened
    service = open_last_session(9, db_path)
    assert service.session_id == session_id and service._store is None
    with pytest.raises(StoreError, match="Vérification du journal en cours"):
        service.do(service.commands.raise_hand("m4"))
    service.verify()
    # Allowed at once, appended through the start-up's appender: the store is not open yet.
    assert service.verified and service._store is None and service._quick_append is not None
    service.do(service.commands.raise_hand("m5"))
    assert sql(db_path, "SELECT count(*) FROM events WHERE session_id = ?", session_id) == [(count + 1,)]
    service.finish_opening()  # on the verification's thread, in the window
    assert service._store is not None and service._quick_append is None
    service.do(service.commands.raise_hand("m6"))
    service.close()
    with Store.open(db_path) as store:
        assert len(store.load_session(session_id).events) == count + 2  # the chain verifies across the handover


def test_an_altered_chain_is_found_by_the_verification_before_the_store_is_opened(db_path: Path, last_opened):
    session_id, _count = last_opened
    seq = sql(db_path, "SELECT min(seq) FROM events WHERE session_id = ? AND type = 'vote.cast'", session_id)[0][0]
    sql(db_path, "UPDATE events SET payload_json = replace(payload_json, 'pour', 'contre') WHERE session_id = ? AND seq = ?", session_id, seq)
    service = open_last_session(9, db_path)
    with pytest.raises(StoreError, match=f"événement n° {seq}"):
        service.verify()
    assert not service.verified and service._store is None


def test_the_start_up_path_does_not_import_sqlalchemy(db_path: Path, last_opened):
    code = (
        "import sys; from pathlib import Path; from seance_desk.app import open_last_session; "
        "import seance_desk.ui.shell.main_window; "
        f"service = open_last_session(9, Path({str(db_path)!r})); "
        "assert 'sqlalchemy' not in sys.modules, 'SQLAlchemy importé'; "
        "service.verify(); service.do(service.commands.raise_hand('m4')); "
        "assert 'sqlalchemy' not in sys.modules, 'SQLAlchemy importé avant la première action'; "
        "service.finish_opening(); assert 'sqlalchemy' in sys.modules; service.close(); print(service.session_id)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(last_opened[0])
