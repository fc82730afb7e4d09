"""Nothing acknowledged is lost silently: the heads file beside the database (store/heads.py) records
each durable commit's head, and a database whose journal went back in time — its -wal lost, an
older copy put back — is refused at start-up with a French account of what is missing
(JournalRolledBack), until the user acknowledges it. At close, the WAL is checkpointed into the
database file."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from seance_desk.service.session import SessionService
from seance_desk.store import Store, StoreError
from seance_desk.store.errors import JournalRolledBack
from seance_desk.store.heads import COMPACT_AT_BYTES, MAGIC, HeadsFile, heads_path, latest, read_log
from seance_desk.store.quick_read import read_last_session

from tests.store.sessions import new_service, play_sitting, sql


def file_heads(db_path: Path) -> dict[int, tuple[int, str]]:
    return {session_id: (head.seq, head.hash) for session_id, head in latest(read_log(heads_path(db_path))).items()}


def db_heads(db_path: Path) -> dict[int, tuple[int, str]]:
    return {row[0]: (row[1], row[2]) for row in sql(db_path, "SELECT session_id, event_count, head_hash FROM session_heads")}


def copy_database_without_wal(db_path: Path, to: Path) -> Path:
    """What a user gets by copying only the .sqlite3 file (or deleting the -wal after a crash)
    while actions still sit in the WAL: the database as of the last checkpoint."""
    to.mkdir()
    shutil.copy2(db_path, to / db_path.name)
    shutil.copy2(heads_path(db_path), heads_path(to / db_path.name))
    return to / db_path.name


# ------------------------------------------------------------------------------ the file itself
def test_each_action_records_its_head_beside_the_database(db_path: Path, store: Store):
    service = new_service(store)
    assert file_heads(db_path) == {service.session_id: (0, service.engine.genesis)}
    play_sitting(service)
    assert file_heads(db_path) == db_heads(db_path) == {service.session_id: (len(service.engine.events), service.engine.events[-1].hash)}
    lines = heads_path(db_path).read_text("ascii").splitlines()
    assert lines[0] == MAGIC and len(lines) > 10  # one line per action, appended


def test_closing_compacts_the_file_to_one_line_per_session(db_path: Path):
    with Store.open(db_path) as store:
        first, second = new_service(store), new_service(store)
        play_sitting(first)
        second.do(second.commands.arrive("m1"))
    lines = heads_path(db_path).read_text("ascii").splitlines()
    assert lines[0] == MAGIC and len(lines) == 3
    assert file_heads(db_path) == db_heads(db_path)


def test_a_line_cut_by_a_power_cut_is_ignored(db_path: Path, recorded):
    session_id, count = recorded
    with heads_path(db_path).open("ab") as handle:
        handle.write(f"{session_id} {count + 5} {'a' * 30}".encode())  # no newline: cut mid-write
    with Store.open(db_path) as store:
        assert len(store.load_session(session_id).events) == count


def test_a_missing_heads_file_is_made_again_from_the_database(db_path: Path, recorded):
    heads_path(db_path).unlink()
    with Store.open(db_path):
        assert file_heads(db_path) == db_heads(db_path)


def test_a_grown_log_is_compacted_when_the_store_opens(db_path: Path, recorded):
    session_id, count = recorded
    (head,) = sql(db_path, "SELECT head_hash FROM session_heads")
    filler = "".join(f"{session_id} {count} {head[0]} -\n" for _ in range(COMPACT_AT_BYTES // 60 + 10))
    with heads_path(db_path).open("a") as handle:
        handle.write(filler)
    assert heads_path(db_path).stat().st_size > COMPACT_AT_BYTES
    with Store.open(db_path):
        assert heads_path(db_path).stat().st_size < 1024


def test_the_log_lines_are_synced_off_the_actions_path(tmp_path: Path):
    # The background thread's fdatasync, and its reopening of a file another post compacted.
    path = tmp_path / "x.heads"
    heads = HeadsFile(path)
    try:
        heads.record(1, 1, "a" * 64, "2026-11-20T17:30:00Z")
        compacted = tmp_path / "compacted"
        compacted.write_text(f"{MAGIC}\n2 5 {'b' * 64} -\n")
        os.replace(compacted, path)  # another post's compaction: the file we hold has no link left
        heads.record(1, 2, "c" * 64, "2026-11-20T17:31:00Z")
        deadline = time.monotonic() + 5
        while {1, 2} - set(read_log(path)) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert {k: (h.seq, h.hash) for k, h in latest(read_log(path)).items()} == {1: (2, "c" * 64), 2: (5, "b" * 64)}
    finally:
        heads.close()


# ------------------------------------------------------------------------------ checkpoint
def test_closing_checkpoints_the_wal_into_the_database_file(db_path: Path):
    store = Store.open(db_path)
    service = new_service(store)
    play_sitting(service)
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.stat().st_size > 0
    store.close()
    assert not wal.exists() or wal.stat().st_size == 0
    # The database file alone now holds every acknowledged action.
    alone = copy_database_without_wal(db_path, db_path.parent / "alone")
    with Store.open(alone) as reopened:
        assert reopened.load_session(service.session_id).events == service.engine.events


def test_closing_twice_and_closing_the_service_are_harmless(db_path: Path):
    store = Store.open(db_path)
    service = new_service(store)
    service.close()
    service.close()
    store.close()


def test_a_store_left_open_is_checkpointed_at_exit(tmp_path: Path):
    db_path = tmp_path / "exit.sqlite3"
    code = (
        "import sys\n"
        "from seance_desk.store import Store\n"
        "from tests.store.sessions import new_service, play_sitting\n"
        "store = Store.open(sys.argv[1])\n"
        "play_sitting(new_service(store))\n"
        "print(store.where)\n"  # not closed: the interpreter exits
    )
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code, str(db_path)], cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert len(heads_path(db_path).read_text().splitlines()) == 2  # compacted at exit too


# ------------------------------------------------------------------------------ a journal gone back in time
def test_a_lost_wal_is_detected_and_told_in_french(tmp_path: Path, db_path: Path):
    store = Store.open(db_path)
    try:
        service = new_service(store)
        play_sitting(service)
        store.checkpoint()  # the database file holds the sitting…
        kept = len(service.engine.events)
        for member in ("m11", "m13", "m14"):  # …but not these three actions, still in the WAL
            service.do(service.commands.arrive(member))
        lost_copy = copy_database_without_wal(db_path, tmp_path / "copy")
    finally:
        store.close()

    with pytest.raises(JournalRolledBack) as refused:
        Store.open(lost_copy)
    message = str(refused.value)
    total = len(service.engine.events)
    assert "Des actions enregistrées et confirmées ont disparu" in message
    assert f"Séance n° {service.session_id} « {service.engine.setup.title} »" in message
    assert f"{total - kept} événements confirmés ont disparu (n° {kept + 1} à {total}, au moins 3 actions)" in message
    assert f"la base s'arrête à l'événement n° {kept}, du 20/11/2026" in message
    assert "seance-desk backup" in message and "-wal" in message
    (loss,) = refused.value.losses
    assert (loss.session_id, loss.stored.seq, loss.acknowledged.seq, loss.actions) == (service.session_id, kept, total, 3)
    # Nothing was changed by the refusal: the same refusal again, and by the window's quick read.
    with pytest.raises(JournalRolledBack):
        Store.open(lost_copy)
    sql(lost_copy, "INSERT INTO app_state (key, value) VALUES ('last_opened_session', ?)", str(service.session_id))
    with pytest.raises(JournalRolledBack, match="ont disparu"):
        read_last_session(lost_copy)


def test_the_loss_once_acknowledged_becomes_the_new_reference(tmp_path: Path, db_path: Path):
    store = Store.open(db_path)
    service = new_service(store)
    play_sitting(service)
    store.checkpoint()
    kept = len(service.engine.events)
    service.do(service.commands.arrive("m11"))
    lost_copy = copy_database_without_wal(db_path, tmp_path / "copy")
    store.close()

    with pytest.raises(JournalRolledBack) as refused:
        Store.open(lost_copy)
    refused.value.acknowledge()
    kept_aside = [p.name for p in lost_copy.parent.iterdir() if p.name.endswith(".perdu")]
    assert len(kept_aside) == 1 and kept_aside[0].startswith(f"{lost_copy.name}.heads.")
    with Store.open(lost_copy) as reopened:
        resumed = SessionService(reopened, service.session_id)
        assert len(resumed.engine.events) == kept
        resumed.do(resumed.commands.arrive("m13"))  # and the session goes on from there


def test_an_older_copy_of_the_database_put_back_is_detected(tmp_path: Path, db_path: Path):
    with Store.open(db_path) as store:
        service = new_service(store)
        service.do(service.commands.arrive("m1"))
    shutil.copy2(db_path, tmp_path / "yesterday.sqlite3")
    with Store.open(db_path) as store:
        service = SessionService(store, service.session_id)
        for member in ("m2", "m3"):
            service.do(service.commands.arrive(member))
    shutil.copy2(tmp_path / "yesterday.sqlite3", db_path)  # « restored » over the newer one
    with pytest.raises(JournalRolledBack, match=r"2 événements confirmés ont disparu \(n° 2 à 3\)"):
        Store.open(db_path)


def test_another_journal_at_the_same_length_is_detected(tmp_path: Path, db_path: Path):
    with Store.open(db_path) as store:
        service = new_service(store)
        service.do(service.commands.arrive("m1"))
    other = tmp_path / "other.sqlite3"
    with Store.open(other) as store:
        twin = new_service(store)
        twin.do(twin.commands.arrive("m2"))  # same session number, same length, another event
    shutil.copy2(other, db_path)
    with pytest.raises(JournalRolledBack, match="n'est plus celui qui a été confirmé") as refused:
        Store.open(db_path)
    assert refused.value.losses[0].diverged


def test_a_session_gone_from_the_database_is_detected(tmp_path: Path, db_path: Path):
    with Store.open(db_path) as store:
        new_service(store)
    shutil.copy2(db_path, tmp_path / "before.sqlite3")
    with Store.open(db_path) as store:
        second = new_service(store)
        second.do(second.commands.arrive("m1"))
    shutil.copy2(tmp_path / "before.sqlite3", db_path)
    with pytest.raises(JournalRolledBack, match=f"Séance n° {second.session_id} : elle n'existe plus dans la base"):
        Store.open(db_path)


def test_damage_other_than_going_back_is_left_to_the_integrity_checks(db_path: Path, recorded):
    # Events deleted at the end, head left as it was: the session is « altered » (integrity.py), not
    # rolled back; the store opens and the session refuses to load, as before the heads file.
    session_id, count = recorded
    sql(db_path, "DELETE FROM events WHERE session_id = ? AND seq = ?", session_id, count)
    with Store.open(db_path) as store:
        with pytest.raises(StoreError, match="des événements ont été supprimés"):
            store.load_session(session_id)


# ------------------------------------------------------------------------------ private files
@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_database_its_companions_and_the_heads_file_are_owner_only(tmp_path: Path):
    folder = tmp_path / "new" / "data"
    db_path = folder / "seance-desk.sqlite3"
    old_umask = os.umask(0o022)  # a usual umask: files 0644 unless we say otherwise
    try:
        store = Store.open(db_path)
        service = new_service(store)
        service.do(service.commands.arrive("m1"))
        for name in ("seance-desk.sqlite3", "seance-desk.sqlite3-wal", "seance-desk.sqlite3-shm", "seance-desk.sqlite3.heads"):
            assert (folder / name).stat().st_mode & 0o777 == 0o600, name
        assert folder.stat().st_mode & 0o777 == 0o700
        assert folder.parent.stat().st_mode & 0o777 == 0o700
        store.close()
        assert heads_path(db_path).stat().st_mode & 0o777 == 0o600  # rewritten at close, still private
    finally:
        os.umask(old_umask)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_database_left_readable_by_others_is_made_private(db_path: Path, recorded):
    os.chmod(db_path, 0o644)
    with Store.open(db_path):
        assert db_path.stat().st_mode & 0o777 == 0o600
