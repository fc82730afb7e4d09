"""The bench's commit floor (tools/bench_store.py) is what the issue's action target is measured
against: a bare INSERT + COMMIT, on a connection set up as the store's are, in the database of the
actions it is compared with. No timing is asserted: only that the floor is that."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from seance_desk.store import Store
from seance_desk.store.sqlite_pragmas import BUSY_TIMEOUT_MS
from seance_desk.tools import bench_store
from seance_desk.tools.bench_store import _floor_committer, action_runner


def test_the_floor_commits_one_row_with_the_store_s_own_pragmas_into_the_actions_database(tmp_path):
    database = tmp_path / "bench-actions.sqlite3"
    with Store.open(database) as store:
        _, act = action_runner(store)
        act()
        commit, close = _floor_committer(database)
        try:
            commit()
            commit(rows=3)  # an action of several events: as many rows in one transaction
        finally:
            close()
        with closing(sqlite3.connect(database)) as reader:
            assert reader.execute("SELECT count(*) FROM floor").fetchone()[0] == 4
            assert reader.execute("SELECT count(*) FROM events").fetchone()[0] > 0  # the same file as the actions
            assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_floor_s_connection_is_set_up_as_the_store_s(tmp_path, monkeypatch):
    opened = []
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        connection = real_connect(*args, **kwargs)
        opened.append(connection)
        return connection

    monkeypatch.setattr(bench_store.sqlite3, "connect", connect)
    commit, close = _floor_committer(tmp_path / "plancher.sqlite3")
    try:
        (connection,) = opened
        pragma = lambda name: connection.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert (pragma("journal_mode"), pragma("synchronous"), pragma("foreign_keys"), pragma("busy_timeout")) == ("wal", 2, 1, BUSY_TIMEOUT_MS)
        assert connection.isolation_level is None  # BEGIN and COMMIT are the floor's own, as the store's append
    finally:
        close()


def test_the_benches_pause_is_the_window_s_the_service_s_work_then_the_collection_the_action_made_due(tmp_path):
    """SessionController.at_pause runs the service's pause work and then the collection; a bench
    that left the collection out timed Python's collector inside one action in four."""
    import gc

    with Store.open(tmp_path / "pause.sqlite3") as store, bench_store.set_up_as_the_window(lambda: action_runner(store)) as (service, act):
        assert gc.get_freeze_count() > 0  # the session's objects out of the collector's scans, as at the window's start
        for _ in range(8):  # PAUSE_CHECKPOINT_EVERY events: the pause's checkpoint is due
            act()
        litter = [[n] for n in range(gc.get_threshold()[0] // 2)]  # tracked objects, as an action leaves
        assert gc.get_count()[0] >= len(litter) // 2
        bench_store.window_pause(service)
        assert gc.get_count()[0] < len(litter) // 4  # collected at the pause, not in the next action
        assert service.state._checkpoints[-1][0] == len(service.state.events)  # and the service's own pause work done
        del litter
    assert gc.get_freeze_count() == 0  # released to the collector when the bench is done


def test_the_journal_s_own_append_chains_and_stores_the_action_s_event_without_the_rules(tmp_path):
    """bench_store.journal_appender, the floor of any action in this design: its events are the
    action's (a member arriving, then leaving), chained from the genesis and durably stored in a
    session of their own, which replays and verifies as any session does."""
    database = tmp_path / "bench-actions.sqlite3"
    with Store.open(database) as store:
        append = bench_store.journal_appender(store)
        for _ in range(3):
            append()
        (session_id,) = [s.id for s in store.list_sessions()]
        loaded = store.load_session(session_id)
    assert [event.type for event in loaded.events] == ["member.arrived", "member.left", "member.arrived"]
    assert [event.seq for event in loaded.events] == [1, 2, 3]
    assert {event.payload["member_id"] for event in loaded.events} == {"m240"}
