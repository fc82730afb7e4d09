"""The shared mode's bench (`seance-desk bench --pg URL`, or SEANCE_DESK_BENCH_PG): on a PostgreSQL
server, in a scratch database created for the run and dropped after it.

- pg_action_ms {p50, p95}: one chair action (an arrival or a departure at 240 members) through the
  service and the store, committed, against
- pg_commit_floor_ms {p50, p95}: a bare INSERT + COMMIT of a row of the same size on the same server,
  on a plain psycopg connection, interleaved with the actions (same run, same noise). Target: the
  action's p95 within 1.5 × the floor's.
- pg_refresh_ms {p50, p95}: an action on one post until the other post's state has it (its listener
  hears the NOTIFY, reads the tail and folds it). Target: p95 ≤ 250 ms on 127.0.0.1.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..service.session import SessionService
from ..store import Store
from ..store.db import database_url
from ..store.pg_listen import JournalListener, libpq_conninfo
from .bench_store import FLOOR_ROW, _percentiles, _time_once, action_runner, pause_summary, set_up_as_the_window, window_pause

PG_ACTION_TARGET_RATIO = 1.5
PG_REFRESH_TARGET_MS = 250.0
WARM_UP = 50
REFRESH_TIMEOUT_S = 10.0


@contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """A new database on the server of `url` (whose role may create databases), dropped afterwards."""
    import psycopg

    server = database_url(url)
    name = f"seance_desk_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(libpq_conninfo(server), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(libpq_conninfo(server), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_measures(url: str, n: int = 200) -> dict:
    with (
        scratch_database(url) as scratch,
        Store.open(scratch) as chair_store,
        Store.open(scratch) as other_store,
        set_up_as_the_window(lambda: action_runner(chair_store)) as (service, act),
    ):
        commit, close = _floor_committer(scratch)
        try:
            for _ in range(WARM_UP):
                act()
                window_pause(service)
                commit()
            actions, pauses, floors = [], [], []
            for _ in range(n):
                actions.append(_time_once(act))
                pauses.append(_time_once(lambda: window_pause(service)))  # bench_store.action_vs_floor_ms
                floors.append(_time_once(commit))
        finally:
            close()
        refresh = _refresh_ms(service, act, SessionService(other_store, service.session_id), max(20, n // 4))
    action, floor = _percentiles(actions), _percentiles(floors)
    ratio = round(action["p95"] / floor["p95"], 2) if floor["p95"] else None
    return {
        "pg_action_ms": action,
        "pg_commit_floor_ms": floor,
        "pg_pause_work_ms": pause_summary(pauses),
        "pg_action_vs_floor_p95": ratio,
        "pg_refresh_ms": refresh,
        "pg_targets": {
            "pg_action_p95_within_1_5x_floor": ratio is not None and ratio <= PG_ACTION_TARGET_RATIO,
            "pg_refresh_p95_within_250_ms": refresh["p95"] <= PG_REFRESH_TARGET_MS,
        },
    }


def _floor_committer(url: str) -> tuple[Callable[[], None], Callable[[], None]]:
    import psycopg

    connection = psycopg.connect(libpq_conninfo(database_url(url)))
    # The events table's shape, a row like a member.arrived event (bench_store.FLOOR_ROW).
    connection.execute("CREATE TABLE bench_floor (id bigserial PRIMARY KEY, seq integer, type text, at text, payload_json text, prev_hash text, hash text)")
    connection.commit()

    def commit() -> None:
        connection.execute("INSERT INTO bench_floor (seq, type, at, payload_json, prev_hash, hash) VALUES (%s, %s, %s, %s, %s, %s)", FLOOR_ROW)
        connection.commit()

    return commit, connection.close


def _refresh_ms(chair: SessionService, act: Callable[[], None], other: SessionService, n: int) -> dict[str, float]:
    """From the start of an action on the chair's post until the other post's state holds it."""
    arrived = threading.Event()
    wanted = [0]

    def on_notice(session_id: int, count: int) -> None:
        if session_id == other.session_id and count > len(other.engine.events):
            other.catch_up()
        if len(other.engine.events) >= wanted[0]:
            arrived.set()

    connected = threading.Event()
    listener = JournalListener(other.store._engine.url, on_notice, lambda ok, _why: ok and connected.set())
    listener.start()
    try:
        connected.wait(REFRESH_TIMEOUT_S)
        other.catch_up()
        samples = []
        for _ in range(n):
            wanted[0] = len(chair.engine.events) + 1
            arrived.clear()
            start = time.perf_counter()
            act()
            if not arrived.wait(REFRESH_TIMEOUT_S):
                raise RuntimeError("le second poste n'a pas reçu l'action")
            samples.append((time.perf_counter() - start) * 1000)
    finally:
        listener.stop()
    return _percentiles(samples)
