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
