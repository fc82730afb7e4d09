"""Two posts in two processes on one PostgreSQL session, acting at the same time: one straight to
the server, the other through a proxy that the test cuts for a while, then a server restart in the
middle. Every acknowledged event is in the journal exactly once, nothing else is, and the chain
verifies."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from sqlalchemy import create_engine, text

from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.store.db import database_url
from tests.pg.tcp_proxy import TcpProxy
from tests.store.sessions import new_service, play_sitting

ROOT = Path(__file__).resolve().parents[2]
ACTIONS = 300  # paced by the child (PACE_S): the cut and the restart fall in the middle of its run
WAIT_S = 120  # an upper bound on a child's run, never an assertion on time


class Post:
    """A child process and the lines it printed, read on a thread as they come."""

    def __init__(self, url: str, session_id: int, half: int):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.pg.post_child", url, str(session_id), str(half), str(ACTIONS)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            with self.changed:
                self.lines.append(line.strip())
                self.changed.notify_all()
        self.process.wait()
        with self.changed:  # the end of the output: a waiter whose predicate will never hold wakes up
            self.changed.notify_all()

    def wait_for(self, predicate) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: predicate(self.lines) or self.process.poll() is not None, timeout=WAIT_S)

    def finish(self) -> tuple[list[tuple[int, str]], list[str]]:
        self.process.wait(WAIT_S)
        self._reader.join(WAIT_S)
        stderr = self.process.stderr.read()
        self.process.stderr.close()
        self.process.stdout.close()
        assert self.process.returncode == 0, stderr
        assert self.lines[-1] == "DONE", self.lines[-5:]
        acks = [(int(seq), digest) for _, seq, digest in (line.split(" ") for line in self.lines if line.startswith("ACK "))]
        return acks, [line for line in self.lines if line.startswith("REFUSED")]


def acks_count(lines: list[str]) -> int:
    return sum(1 for line in lines if line.startswith("ACK "))


def test_two_processes_interleave_through_a_cut_and_a_restart_and_lose_nothing(pg_url: str, restart_server):
    with Store.open(pg_url) as store:
        service = new_service(store)
        play_sitting(service)
        session_id, start = service.session_id, len(service.engine.events)
    proxy = TcpProxy(pg_url)
    try:
        direct, behind_proxy = Post(pg_url, session_id, 0), Post(proxy.url, session_id, 1)
        behind_proxy.wait_for(lambda lines: acks_count(lines) >= 10)
        proxy.cut()  # the second post's network goes down mid-session
        behind_proxy.wait_for(lambda lines: any(line == "REFUSED unreachable" for line in lines))
        direct.wait_for(lambda lines: acks_count(lines) >= 20)  # the first one goes on meanwhile
        proxy.restore()
        behind_proxy.wait_for(lambda lines: acks_count(lines) >= 20)  # back, and caught up
        direct_was_done = "DONE" in direct.lines
        restart_server()  # both posts lose their connections at once
        first, first_refused = direct.finish()
        second, second_refused = behind_proxy.finish()
    finally:
        proxy.close()

    assert "REFUSED unreachable" in second_refused
    assert direct_was_done or "REFUSED unreachable" in first_refused  # the restart cut the first post too
    acknowledged = first + second
    # An action whose COMMIT was cut halfway may have been committed without being acknowledged:
    # at most the events of the actions refused for the network (two when an arrival lapses a proxy).
    unreachable = (first_refused + second_refused).count("REFUSED unreachable")
    engine = create_engine(database_url(pg_url))
    try:
        with engine.connect() as connection:
            stored = [tuple(row) for row in connection.execute(text(f"SELECT seq, hash FROM events WHERE session_id = {session_id} AND seq > {start} ORDER BY seq"))]
    finally:
        engine.dispose()
    assert len({seq for seq, _ in acknowledged}) == len(acknowledged)  # no event acknowledged twice
    assert set(acknowledged) <= set(stored)  # every acknowledged event is there, once (seq is unique)
    assert len(stored) - len(acknowledged) <= 2 * unreachable
    assert [seq for seq, _ in stored] == list(range(start + 1, start + len(stored) + 1))
    assert len(first) > 0 and len(second) > 0
    with Store.open(pg_url) as store:
        reopened = SessionService(store, session_id)  # the whole chain verified
        assert [(e.seq, e.hash) for e in reopened.engine.events[start:]] == stored
