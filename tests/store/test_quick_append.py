"""The start-up's appender (store/quick_append.py): the chair's actions between the verification and
the store's opening, on the standard library's driver. The same SQL, connection settings, rows,
heads file and refusals as the store's own append, and the same checkpoint at close."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store import heads
from seance_desk.store.errors import JournalMoved, JournalRolledBack
from seance_desk.store.quick_append import ADVANCE_HEAD_SQL, INSERT_EVENT_SQL, QuickAppend

from tests.store.sessions import new_service, play_sitting, sql
from tests.store.test_append_paths import stored_rows
from tests.store.test_heads import copy_database_without_wal


def through_quick_append(service: SessionService, path: Path) -> QuickAppend:
    """The service's appends go through a QuickAppend on `path`, as between verification and handover."""
    quick = QuickAppend.open(path)
    service._quick_append = quick
    return quick


def test_its_sql_is_the_stores_own():
    from sqlalchemy import create_engine

    from seance_desk.store.sqlite_append import SqliteAppend

    compiled = SqliteAppend(create_engine("sqlite://"))
    # The store binds by position what the start-up's appender binds by name: the same statements,
    # and each position takes the value of the name the appender gives there.
    for named, positional, in_order in (
        (ADVANCE_HEAD_SQL, compiled.advance_head, compiled._head_in_order),
        (INSERT_EVENT_SQL, compiled.insert_events, compiled._in_order),
    ):
        names = re.findall(r":(\w+)", named)
        assert re.sub(r":\w+", "?", named) == positional
        assert list(in_order({name: name for name in names})) == names


def test_its_connection_has_the_stores_durability(db_path: Path, recorded):
    pragmas = ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
    with Store.open(db_path) as store:
        connection = store._engine.raw_connection()
        try:
            expected = [connection.driver_connection.execute(f"PRAGMA {name}").fetchone() for name in pragmas]
        finally:
            connection.close()
    quick = QuickAppend.open(db_path)
    try:
        assert [quick._connection.execute(f"PRAGMA {name}").fetchone() for name in pragmas] == expected
        assert expected == [("wal",), (2,), (1,), (1000,)]  # WAL, synchronous=FULL
        assert quick._connection.isolation_level is None
    finally:
        quick.close()


def test_it_stores_the_rows_the_store_stores(tmp_path: Path):
    with Store.open(tmp_path / "store.sqlite3") as store:
        play_sitting(new_service(store))
    with Store.open(tmp_path / "quick.sqlite3") as store:
        service = new_service(store)
        quick = through_quick_append(service, tmp_path / "quick.sqlite3")
        play_sitting(service)
        quick.close(checkpoint=False)
    assert stored_rows(tmp_path / "store.sqlite3") == stored_rows(tmp_path / "quick.sqlite3")
    with Store.open(tmp_path / "quick.sqlite3") as store:
        store.load_session(service.session_id)  # chain, head and rules: all sound


def test_each_action_records_its_head_beside_the_database(db_path: Path):
    with Store.open(db_path) as store:
        service = new_service(store)
        quick = through_quick_append(service, db_path)
        service.do(service.commands.arrive("m1"))
        service.do(service.commands.arrive("m2"))
        last = service.engine.events[-1]
        assert heads.latest(heads.read_log(heads.heads_path(db_path)))[service.session_id] == heads.Head(2, last.hash, last.at.strftime("%Y-%m-%dT%H:%M:%SZ"))
        quick.close(checkpoint=False)


def test_a_stale_writer_is_refused_as_by_the_store_then_catches_up(db_path: Path):
    with Store.open(db_path) as store:
        president = new_service(store)
        play_sitting(president)
        secretary = SessionService(store, president.session_id, clock=president.engine.clock)
        quick = through_quick_append(secretary, db_path)
        president.do(president.commands.arrive("m11"))
        stale, _ = secretary.engine.execute(secretary.commands.arrive("m13"))
        with pytest.raises(JournalMoved) as by_quick:
            quick.append(secretary.session_id, stale)
        with pytest.raises(JournalMoved) as by_store:
            store.append_events(secretary.session_id, stale)
        assert str(by_quick.value) == str(by_store.value) and by_quick.value.stored_count == by_store.value.stored_count
        secretary.reload()
        president.do(president.commands.arrive("m12"))
        secretary.do(secretary.commands.arrive("m13"))  # caught up and appended through the quick path
        assert len(store.load_session(president.session_id).events) == len(president.engine.events) + 1
        quick.close(checkpoint=False)


def test_closing_without_a_store_checkpoints_and_compacts_as_the_store_does(db_path: Path):
    with Store.open(db_path) as store:
        service = new_service(store)
    # The store closed; the quick path alone goes on, as when the window closes before the handover.
    quick = through_quick_append(service, db_path)
    for i in range(1, 6):
        service.do(service.commands.arrive(f"m{i}"))
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.stat().st_size > 0
    quick.close()
    quick.close()  # harmless
    assert not wal.exists() or wal.stat().st_size == 0
    alone = copy_database_without_wal(db_path, db_path.parent / "alone")  # the file alone holds every action
    with Store.open(alone) as reopened:
        assert reopened.load_session(service.session_id).events == service.engine.events
    lines = heads.heads_path(db_path).read_text(encoding="ascii").splitlines()
    assert lines[0] == heads.MAGIC and len(lines) == 2  # one line per session
    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("SELECT event_count FROM session_heads").fetchall() == [(5,)]


def test_it_refuses_a_database_whose_journal_went_back(tmp_path: Path, db_path: Path):
    copy = tmp_path / "copie.sqlite3"
    with Store.open(db_path) as store:
        service = new_service(store)
        service.do(service.commands.arrive("m1"))
    with closing(sqlite3.connect(db_path)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)  # an older copy…
    with Store.open(db_path) as store:
        later = SessionService(store, service.session_id)
        later.do(later.commands.arrive("m2"))
    heads.heads_path(copy).write_bytes(heads.heads_path(db_path).read_bytes())  # …put back beside the newer heads
    with pytest.raises(JournalRolledBack):
        QuickAppend.open(copy)
    assert sql(copy, "SELECT event_count FROM session_heads") == [(1,)]


def test_an_appender_left_open_is_checkpointed_at_exit(db_path: Path):
    with Store.open(db_path) as store:
        service = new_service(store)
        store.set_last_session_id(service.session_id)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from seance_desk.app import open_last_session\n"
        "service = open_last_session(9, Path(sys.argv[1]))\n"
        "service.verify()\n"
        "service.do(service.commands.arrive('m1'))\n"
        "assert service._quick_append is not None and 'sqlalchemy' not in sys.modules\n"
        "print(service.session_id)\n"  # not closed: the interpreter exits
    )
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code, str(db_path)], cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert len(heads.heads_path(db_path).read_text().splitlines()) == 2  # compacted at exit too
    assert sql(db_path, "SELECT event_count FROM session_heads") == [(1,)]


def test_actions_during_the_handover_are_all_kept(db_path: Path):
    import threading

    from seance_desk.app import open_last_session

    with Store.open(db_path) as store:
        store.set_last_session_id(new_service(store).session_id)
    service = open_last_session(9, db_path)
    service.verify()
    opening = threading.Thread(target=service.finish_opening)
    opening.start()  # the store opens and takes over while the chair goes on acting
    for turn in range(40):
        member = f"m{turn % 12 + 1}"
        c = service.commands
        service.do(c.leave(member) if service.state.roll.is_seated(member) else c.arrive(member))
    opening.join()
    assert service._quick_append is None and service._store is not None
    service.do(service.commands.arrive("m13"))
    service.close()
    with Store.open(db_path) as store:
        assert store.load_session(service.session_id).events == service.engine.events  # every event, chain sound
    assert heads.latest(heads.read_log(heads.heads_path(db_path)))[service.session_id].seq == 41


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGKILL"), reason="SIGKILL: POSIX only")
def test_actions_acknowledged_through_it_survive_a_kill(db_path: Path):
    with Store.open(db_path) as store:
        store.set_last_session_id(new_service(store).session_id)
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from seance_desk.app import open_last_session\n"
        "service = open_last_session(9, Path(sys.argv[1]))\n"
        "service.verify()\n"
        "for i in range(1, 8):\n"
        "    service.do(service.commands.arrive(f'm{i}'))\n"
        "    print('ACK', len(service.engine.events), flush=True)\n"
        "assert service._store is None\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"  # no clean-up of any kind: no checkpoint, no close
    )
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code, str(db_path)], cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, timeout=120)
    acknowledged = [int(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("ACK ")]
    assert acknowledged == list(range(1, 8)), done.stderr
    with Store.open(db_path) as store:  # the heads file agrees (no JournalRolledBack), the chain verifies
        (summary,) = store.list_sessions()
        assert len(store.load_session(summary.id).events) == 7
