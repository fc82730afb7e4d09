"""Kill -9 in the middle of a session: every acknowledged action is still there, the chain verifies,
and the session goes on.

A child process acts on the session and prints `ACK <seq>` after each acknowledged action; the
parent kills it (SIGKILL, no clean-up of any kind) after a random delay, reopens the database and
checks. This is a crash of the program; that the OS's own buffers reach the disk on a power cut is
what synchronous=FULL is for, and no test here can pull the plug.
"""

from __future__ import annotations

import queue
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

from seance_desk.models.journal import verify_chain
from seance_desk.service import SessionService
from seance_desk.store import Store

from .sessions import new_service

ROOT = Path(__file__).resolve().parents[2]
RUNS = 6
STARTUP_TIMEOUT_S = 60


class Child:
    """The child process, with its stdout read line by line on a thread (so waiting never blocks)."""

    def __init__(self, db_path: Path, session_id: int):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.store.crash_child", str(db_path), str(session_id)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, prefix: str, timeout: float) -> list[str]:
        """Lines up to and including the first that starts with `prefix`."""
        seen, deadline = [], time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            assert line is not None, f"the child stopped before « {prefix} » : {self.process.stderr.read()}"
            seen.append(line)
            if line.startswith(prefix):
                return seen

    def kill(self) -> list[str]:
        """SIGKILL; returns every line printed, a last line cut mid-write included."""
        self.process.kill()
        self.process.wait()
        self.reader.join()
        rest = []
        while (line := self.lines.get()) is not None:
            rest.append(line)
        self.process.stdout.close()
        self.process.stderr.close()
        return rest


def acknowledged(lines: list[str]) -> list[int]:
    # Only whole lines: a line without its newline was being written when the kill came.
    return [int(line.split()[1]) for line in lines if line.startswith("ACK ") and line.endswith("\n")]


def test_acknowledged_actions_survive_being_killed(tmp_path: Path):
    db_path = tmp_path / "crash.sqlite3"
    with Store.open(db_path) as store:
        session_id = new_service(store).session_id
    rng = random.Random(20261120)
    acked: set[int] = set()

    for run in range(RUNS):
        child = Child(db_path, session_id)
        lines = child.wait_for("READY", STARTUP_TIMEOUT_S)
        lines += child.wait_for("ACK", STARTUP_TIMEOUT_S)
        time.sleep(rng.uniform(0.0, 0.4))
        lines += child.kill()
        assert child.process.returncode != 0  # killed, not finished
        run_acks = acknowledged(lines)
        assert run_acks, f"run {run}: no action acknowledged"
        acked.update(run_acks)

        with Store.open(db_path) as store:
            # load_session verifies the chain, and the head recorded by each append in the same
            # transaction as its events: half of a two-event action would fail right here.
            events = store.load_session(session_id).events
            stored = {event.seq for event in events}
            assert acked <= stored, f"run {run}: acknowledged but lost: {sorted(acked - stored)}"
            assert stored == set(range(1, len(events) + 1))
            # And the journal replays under the rules, as the application will need it to.
            service = SessionService(store, session_id)
            assert verify_chain(service.engine.genesis, service.engine.events).ok

    assert len(acked) > RUNS  # the runs really did act, more than once each on the whole

    with Store.open(db_path) as store:
        service = SessionService(store, session_id)
        before = len(service.engine.events)
        new_events, _ = service.do(service.commands.arrive("m14"))  # the child never moves m14
        assert store.load_session(session_id).events == service.engine.events
        assert len(service.engine.events) == before + len(new_events)
