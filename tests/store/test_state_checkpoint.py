"""The signed state checkpoint beside the database (store/state_checkpoint.py): the start-up folds only
the events after it when it is this installation's, this code's, this session's and this journal's;
anything else is ignored (a log line) and the whole journal is folded, as before. The chain and the
anchors are still checked before any action."""

from __future__ import annotations

import dataclasses
import logging
import os
import stat
from pathlib import Path

import pytest

from seance_desk.app import open_last_session
from seance_desk.documents.signing.anchor_folder import ANCHOR_DIR_ENV
from seance_desk.models.decision import RuleViolation
from seance_desk.models.state.resume import fits, resume_point
from seance_desk.models.state.session_state import SessionState
from seance_desk.service.session import SessionService
from seance_desk.store import Store, StoreError
from seance_desk.store import state_checkpoint
from seance_desk.store.state_checkpoint import checkpoint_path
from tests.helpers import summarize
from tests.store.sessions import new_service, play_sitting, sql


def _recorded(db_path: Path) -> int:
    with Store.open(db_path) as store:
        service = new_service(store)
        play_sitting(service)
        store.set_last_session_id(service.session_id)
        return service.session_id


def _closed_in_window(db_path: Path) -> SessionService:
    """Opened as the window opens it, verified, closed: the state is saved then."""
    service = open_last_session(9, db_path)
    service.verify()
    service.close()
    return service


def _more_events(db_path: Path, session_id: int) -> None:
    """Actions after the saved state, by a service that is not closed (a crash, another post)."""
    with Store.open(db_path) as store:
        service = SessionService(store, session_id)
        c = service.commands
        service.do(c.arrive("m11"))
        service.do(c.open_item("i2"))
        service.do(c.leave("m11"))


def _full_fold(db_path: Path, session_id: int) -> SessionState:
    with Store.open(db_path) as store:
        stored = store.load_session(session_id)
    return SessionState.fold(stored.assembly, stored.setup, stored.events)


def _started(db_path: Path) -> SessionService:
    service = open_last_session(9, db_path)
    service.verify()  # the chain and the anchors, as before « usable »
    return service


def _resumed(service: SessionService) -> bool:
    """Whether the start folded fewer events than the journal holds (steps are counted, not timed)."""
    state = service.engine.state
    dispatched = sum(1 for e in state.events if e.type != "correction" and e.seq not in state.cancelled)
    return state.reducer_steps < dispatched


def closed_then_more(db_path: Path) -> tuple[int, int]:
    """A session closed in the window (its state saved at its head), then three more actions:
    (session id, the head's seq at the close)."""
    session_id = _recorded(db_path)
    head = len(_closed_in_window(db_path).engine.events)
    _more_events(db_path, session_id)
    return session_id, head


@pytest.fixture
def saved(db_path: Path) -> tuple[int, int]:
    return closed_then_more(db_path)


def test_the_start_folds_only_the_events_after_the_saved_state_and_gets_the_full_fold(db_path: Path, saved):
    session_id, head = saved
    service = _started(db_path)
    try:
        assert _resumed(service)
        assert service.engine.state.reducer_steps == 3  # the three actions after the saved head
        full = _full_fold(db_path, session_id)
        assert summarize(service.engine.state) == summarize(full)
        assert service.engine.state.cancelled == full.cancelled
        assert [e.hash for e in service.engine.events] == [e.hash for e in full.events]
        # And the session goes on as one folded from the start would.
        service.do(service.commands.arrive("m12"))
        assert service.engine.state.roll.attendance["m12"] is not None
    finally:
        service.close()


def test_the_sidecar_is_owner_only(db_path: Path, saved):
    mode = stat.S_IMODE(os.stat(checkpoint_path(db_path)).st_mode)
    if os.name == "posix":
        assert mode == 0o600
    key = Path(os.environ[ANCHOR_DIR_ENV]) / state_checkpoint.KEY_FILENAME
    assert key.is_file() and (os.name != "posix" or stat.S_IMODE(key.stat().st_mode) == 0o600)
    assert key.parent != db_path.parent  # the key is not beside the database


def _check_ignored(db_path: Path, session_id: int, caplog, why: str | None) -> None:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="seance_desk.store"):
        service = _started(db_path)
    try:
        assert not _resumed(service)
        assert summarize(service.engine.state) == summarize(_full_fold(db_path, session_id))
        assert service.verified
    finally:
        service._closed = True  # not closed normally: that would save a new state over the one tested
    if why is not None:
        assert any(why in record.getMessage() for record in caplog.records), [r.getMessage() for r in caplog.records]


def test_a_tampered_checkpoint_is_ignored(db_path: Path, saved, caplog):
    path = checkpoint_path(db_path)
    data = bytearray(path.read_bytes())
    data[-10] ^= 0x01
    path.write_bytes(bytes(data))
    _check_ignored(db_path, saved[0], caplog, "authentification refusée")


def test_a_truncated_checkpoint_is_ignored(db_path: Path, saved, caplog):
    path = checkpoint_path(db_path)
    path.write_bytes(path.read_bytes()[:-100])
    _check_ignored(db_path, saved[0], caplog, "authentification refusée")
    path.write_bytes(path.read_bytes()[:10])
    _check_ignored(db_path, saved[0], caplog, "format inconnu")


def test_a_checkpoint_made_with_another_installations_key_is_ignored(db_path: Path, saved, caplog, tmp_path, monkeypatch):
    ours = os.environ[ANCHOR_DIR_ENV]
    monkeypatch.setenv(ANCHOR_DIR_ENV, str(tmp_path / "autre-poste"))
    _check_ignored(db_path, saved[0], caplog, "pas de clé d'état")
    # That other installation makes its own key and saves its own state: ours then refuses it.
    _closed_in_window(db_path)
    monkeypatch.setenv(ANCHOR_DIR_ENV, ours)
    _check_ignored(db_path, saved[0], caplog, "authentification refusée")


def test_a_checkpoint_saved_by_other_code_is_ignored(db_path: Path, saved, caplog, monkeypatch):
    monkeypatch.setattr(state_checkpoint, "_fingerprint", "0.0.1:another")
    _check_ignored(db_path, saved[0], caplog, "autre version")


def test_another_sessions_checkpoint_is_ignored(db_path: Path, saved, caplog):
    session_id, _ = saved
    other = _recorded(db_path)  # now the last session: the saved state is the first one's
    caplog.clear()
    service = _started(db_path)
    try:
        assert service.session_id == other != session_id
        assert not _resumed(service)
    finally:
        service._closed = True


def test_a_checkpoint_whose_head_was_rewritten_is_not_used_and_the_chain_refuses_the_rewrite(db_path: Path, saved, caplog):
    session_id, head = saved
    payload, = sql(db_path, "SELECT payload_json FROM events WHERE session_id = ? AND seq = ?", session_id, head)[0]
    sql(db_path, "UPDATE events SET hash = ?, payload_json = ? WHERE session_id = ? AND seq = ?", "f" * 64, payload.replace("}", ', "x": 1}'), session_id, head)
    with caplog.at_level(logging.WARNING, logger="seance_desk.store"):
        with pytest.raises(StoreError):  # the quick read's own checks, or the chain's, refuse it
            service = open_last_session(9, db_path)
            service.verify()


def test_an_event_altered_before_the_saved_head_is_still_refused_by_the_chain(db_path: Path, saved):
    session_id, head = saved
    seq, payload = sql(db_path, "SELECT seq, payload_json FROM events WHERE session_id = ? AND type = 'member.arrived' ORDER BY seq", session_id)[0]
    assert seq < head
    sql(db_path, "UPDATE events SET payload_json = ? WHERE session_id = ? AND seq = ?", payload.replace("m1", "m14"), session_id, seq)
    service = open_last_session(9, db_path)  # the state comes from the saved one: the altered event is not folded…
    with pytest.raises(StoreError) as refused:
        service.verify()  # …but the chain check, unchanged, refuses the journal before any action
    assert refused.value.seq == seq
    assert not service.verified


def test_a_failing_tail_is_said_as_without_checkpoint(db_path: Path, saved):
    """The saved state covers only events this code folded; an event after it that no longer
    applies fails the fold exactly as a whole fold does (the checkpoint hides nothing)."""
    session_id, head = saved
    with Store.open(db_path) as store:
        stored = store.load_session(session_id)
    point = resume_point(SessionState.fold(stored.assembly, stored.setup, stored.events[:head]))
    # The tail without m11's arrival (as if someone removed it from the file): its departure fails.
    tail = [e for e in stored.events[head:] if not (e.type == "member.arrived" and e.payload["member_id"] == "m11")]
    broken = [*stored.events[:head], *(dataclasses.replace(e, seq=seq) for seq, e in enumerate(tail, start=head + 1))]
    with pytest.raises(RuleViolation) as without:
        SessionState.fold(stored.assembly, stored.setup, broken)
    assert fits(point, broken, point.cancelled, False)  # the point is used: the tail alone is folded from it
    with pytest.raises(RuleViolation) as with_point:
        SessionState.fold(stored.assembly, stored.setup, broken, point)
    assert str(with_point.value) == str(without.value)


def test_the_state_is_saved_during_the_session_every_so_many_events(db_path: Path, monkeypatch):
    """A start after a crash has little to fold too: the state is saved on a worker thread every
    SAVE_EVERY_EVENTS events (and at the levée), not only at close."""
    from seance_desk.service import state_saving
    from seance_desk.store.quick_read import read_last_session
    from seance_desk.store.state_checkpoint import read_checkpoint

    monkeypatch.setattr(state_saving, "SAVE_EVERY_EVENTS", 4)
    monkeypatch.setattr(state_saving, "IDLE_BEFORE_SAVE", 0.01)
    threads = []
    original = state_saving.save_if_due

    def recorded_save(service, created):
        thread = original(service, created)
        if thread is not None:
            threads.append(thread)
        return thread

    session_id = _recorded(db_path)
    monkeypatch.setattr(state_saving, "save_if_due", recorded_save)
    with Store.open(db_path) as store:
        service = SessionService(store, session_id)  # verified; never closed here (a crash)
        opened_at = len(service.engine.events)
        for member in ("m11", "m12", "m13", "m14"):
            service.do(service.commands.arrive(member))
            appended = len(service.engine.events) - opened_at
            assert len(threads) == (1 if appended >= 4 else 0)  # saved once 4 events were appended, not before
            if threads:
                break
        assert len(threads) == 1
        threads[0].join()
        head = len(service.engine.events)
        service.do(service.commands.arrive("m15"))  # after the save: folded at the next start
    quick = read_last_session(db_path)
    point = read_checkpoint(db_path, session_id, quick.stored)
    assert point is not None and point.head_seq == head
    started = _started(db_path)
    try:
        assert started.engine.state.reducer_steps == 1  # only m15's arrival was folded
        assert summarize(started.engine.state) == summarize(_full_fold(db_path, session_id))
    finally:
        started.close()


def test_the_save_waits_for_the_chair_to_pause_and_pauses_again_for_a_new_action(db_path: Path, monkeypatch):
    """A worker pickling beside the window's repaint shares the interpreter's lock with it: the save
    waits until no action came for IDLE_BEFORE_SAVE, and between its items too when one comes."""
    import time

    from seance_desk.service import state_saving
    from seance_desk.store import state_checkpoint
    from seance_desk.store.state_checkpoint import checkpoint_path

    session_id = _recorded(db_path)
    checkpoint_path(db_path).unlink(missing_ok=True)
    monkeypatch.setattr(state_saving, "SAVE_EVERY_EVENTS", 2)  # the second action's save, not the first's
    monkeypatch.setattr(state_saving, "IDLE_BEFORE_SAVE", 0.3)
    threads, written = [], []
    original_save = state_saving.save_if_due
    monkeypatch.setattr(state_saving, "save_if_due", lambda service, created: _kept(threads, original_save(service, created)))
    real_write = state_checkpoint.write_point
    monkeypatch.setattr(state_checkpoint, "write_point", lambda *args, **kwargs: (written.append(time.monotonic()), real_write(*args, **kwargs))[1])
    with Store.open(db_path) as store:
        service = SessionService(store, session_id)
        service.do(service.commands.arrive("m11"))
        service.do(service.commands.arrive("m12"))  # two events since: a save is due, on its worker
        assert len(threads) == 1
        time.sleep(0.1)
        assert written == [] and not checkpoint_path(db_path).exists()  # the chair may act again: not yet
        service.do(service.commands.arrive("m13"))  # another action: the save waits a pause after it
        last = time.monotonic()
        threads[0].join(timeout=10)
        assert written and written[0] - last >= 0.3 - 0.02
        for thread in threads:
            thread.join(timeout=10)
    assert checkpoint_path(db_path).exists()


def _kept(threads: list, thread):
    if thread is not None:
        threads.append(thread)
    return thread
