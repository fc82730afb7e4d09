"""Kill -9 in the middle of a session: every acknowledged action is still there, the chain verifies,
and the session goes on. And if the -wal is then deleted or cut short, the loss of acknowledged
actions is detected and told at start-up (JournalRolledBack), never opened silently.

A child process acts on the session and prints `ACK <seq>` after each acknowledged action; the
parent kills it (SIGKILL, no clean-up of any kind) after a random delay, reopens the database and
checks. This is a crash of the program; that the OS's own buffers reach the disk on a power cut is
what synchronous=FULL is for, and no test here can pull the plug.
"""

from __future__ import annotations

import queue
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from seance_desk.models.journal import verify_chain
from seance_desk.service.session import SessionService
from seance_desk.store import Store

from tests.store.sessions import new_service

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


# ------------------------------------------------------------------------------ the -wal lost after the kill
LOST_WAL_RUNS = 4


def lose_the_wal(db_path: Path, rng: random.Random) -> str:
    """What a crash followed by a clumsy clean-up does: the -wal deleted, or cut short (a copy
    interrupted, a disk full); the -shm, SQLite's index of the WAL, goes with it."""
    wal = db_path.with_name(db_path.name + "-wal")
    db_path.with_name(db_path.name + "-shm").unlink(missing_ok=True)
    if not wal.exists():
        return "absent"
    if rng.random() < 0.5:
        wal.unlink()
        return "supprimé"
    with wal.open("r+b") as handle:
        handle.truncate(rng.randrange(0, wal.stat().st_size))
    return "tronqué"


def test_a_wal_lost_after_a_kill_is_detected_and_reported(tmp_path: Path):
    from seance_desk.store.backup import backup_database
    from seance_desk.store.errors import JournalRolledBack, StoreError
    from seance_desk.store.quick_read import read_last_session

    from tests.store.sessions import sql

    db_path = tmp_path / "crash.sqlite3"
    with Store.open(db_path) as store:
        session_id = new_service(store).session_id
        store.set_last_session_id(session_id)
    rng = random.Random(20261218)
    detected = 0

    for run in range(LOST_WAL_RUNS):
        backup = backup_database(db_path, tmp_path / f"sauvegarde-{run}.sqlite3").out
        child = Child(db_path, session_id)
        lines = child.wait_for("READY", STARTUP_TIMEOUT_S)
        lines += child.wait_for("ACK", STARTUP_TIMEOUT_S)
        time.sleep(rng.uniform(0.05, 0.3))
        lines += child.kill()
        run_acks = acknowledged(lines)
        assert run_acks, f"run {run}: no action acknowledged"
        how = lose_the_wal(db_path, rng)

        try:
            (left,) = sql(db_path, "SELECT event_count FROM session_heads WHERE session_id = ?", session_id)[0]
        except Exception:  # noqa: BLE001 — the kill cut a checkpoint and its WAL is gone: the file is damaged
            left = None
        if left is None or max(run_acks) > left:
            # Acknowledged actions are gone: said at start-up, by the quick read and by the store,
            # never silently opened.
            if left is not None:
                with pytest.raises(JournalRolledBack):
                    read_last_session(db_path)
            with pytest.raises(StoreError) as refused:
                Store.open(db_path)
            if isinstance(refused.value, JournalRolledBack):
                (loss,) = refused.value.losses
                assert loss.session_id == session_id and loss.stored.seq == left, f"run {run} (-wal {how})"
                assert loss.acknowledged.seq >= max(run_acks)  # every ACK printed, and maybe one the kill cut
                assert f"(n° {left + 1} à {loss.acknowledged.seq}" in str(refused.value)
                refused.value.acknowledge()  # the chair was told and goes on from what is left
            else:
                assert "endommagé" in str(refused.value), str(refused.value)
                # Restoring the backup, as the message says; the loss is then told and acknowledged.
                for companion in ("-wal", "-shm"):
                    db_path.with_name(db_path.name + companion).unlink(missing_ok=True)
                shutil.copy2(backup, db_path)
                with pytest.raises(JournalRolledBack) as refused:
                    Store.open(db_path)
                refused.value.acknowledge()
                # The damage may spare the heads' row (read above) and hit the events' pages (the kill
                # cut a checkpoint copying the WAL into the file): the backup is the reference now.
                (left,) = sql(backup, "SELECT event_count FROM session_heads WHERE session_id = ?", session_id)[0]
            detected += 1
        else:
            with Store.open(db_path):  # nothing acknowledged was lost: the store opens as usual
                pass

        with Store.open(db_path) as store:
            events = store.load_session(session_id).events
            assert verify_chain(SessionService(store, session_id).engine.genesis, events).ok
            if left is not None:
                assert len(events) == left  # what the file kept, and it is the reference now

    assert detected >= 1  # the WAL held acknowledged actions at least once: the point of this test

    with Store.open(db_path) as store:
        service = SessionService(store, session_id)
        before = len(service.engine.events)
        new_events, _ = service.do(service.commands.arrive("m14"))
        assert len(store.load_session(session_id).events) == before + len(new_events)
